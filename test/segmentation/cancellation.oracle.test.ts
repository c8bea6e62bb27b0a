/**
 * Cancelling a run in the worker. The image is a synthetic 256³ LIA head-sized block so the one
 * network run (the brain-mask model on its head crop) takes about a second, not sixteen.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SegmentationRunRecord } from '../../core/segmentation/run-record.js';
import type { ImageVolume } from '../../core/volume/image-volume.js';
import type { SegmentationProgress } from '../../core/segmentation/segmentation-types.js';
import { segmentInWorker } from '../../core/workers/segment-in-worker.js';
import { niftiIjkToLps, readT1, T1_PATH } from './support/brainchop-reference.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';

const t1 = readT1();

/**
 * A 48³ textured block in an empty conformed grid (small head crop, fast inference), as the
 * ImageVolume a DICOM series import produces: the run record then names the series.
 */
function smallVolume(): ImageVolume {
  const data = new Uint8Array(256 ** 3);
  for (let k = 104; k < 152; k++) {
    for (let j = 104; j < 152; j++) for (let i = 104; i < 152; i++) data[i + 256 * (j + 256 * k)] = 100 + ((i * 7 + j * 13 + k * 29) % 100);
  }
  return {
    dims: [256, 256, 256],
    frames: 1,
    data,
    ijkToLps: niftiIjkToLps(t1),
    spacingMm: [1, 1, 1],
    modality: 'MR',
    seriesInstanceUid: '1.2.826.0.1.3680043.2.1125.1',
    frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.2',
    sliceSources: [],
  };
}

interface Observed {
  progress: SegmentationProgress[];
  records: SegmentationRunRecord[];
  exited: Promise<number>;
}

function observe(): Observed & { onProgress: (p: SegmentationProgress) => void; onRun: (r: SegmentationRunRecord) => void; onWorkerExit: (code: number) => void } {
  let exit: (code: number) => void = () => undefined;
  const observed = {
    progress: [] as SegmentationProgress[],
    records: [] as SegmentationRunRecord[],
    exited: new Promise<number>((resolve) => (exit = resolve)),
  };
  return {
    ...observed,
    onProgress: (p) => observed.progress.push(p),
    onRun: (r) => observed.records.push(r),
    onWorkerExit: (code) => exit(code),
  };
}

const common = { modelIds: ['brainchop-brain-mask'], threads: 1 };

describe('cancellation', () => {
  it('the uncancelled run completes (baseline for the runs below)', async () => {
    const o = observe();
    const result = await segmentInWorker(smallVolume(), { ...common, onProgress: o.onProgress, onRun: o.onRun, onWorkerExit: o.onWorkerExit });
    expect(result.structures.map((s) => s.name)).toEqual(['Brain']);
    expect(o.progress.map((p) => p.stage)).toContain('resample');
    expect(o.records.map((r) => r.status)).toEqual(['completed']);
    expect(o.records[0]!.input).toEqual({
      kind: 'dicom-series',
      seriesInstanceUid: '1.2.826.0.1.3680043.2.1125.1',
      frameOfReferenceUid: '1.2.826.0.1.3680043.2.1125.2',
    });
  });

  it('aborting while the network runs rejects at once, stops the run and ends the worker', async () => {
    const controller = new AbortController();
    const o = observe();
    let abortedAt = 0;
    const run = segmentInWorker(smallVolume(), {
      ...common,
      signal: controller.signal,
      onRun: o.onRun,
      onWorkerExit: o.onWorkerExit,
      onProgress: (p) => {
        o.onProgress(p);
        if (p.stage === 'inference' && abortedAt === 0) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const rejectedAfterMs = performance.now() - abortedAt;
    expect(rejectedAfterMs).toBeLessThan(100);
    // The worker is never terminated (that aborts the process when onnxruntime is inside run());
    // it stops at its next checkpoint and exits cleanly.
    expect(await o.exited).toBe(0);
    expect(o.records.map((r) => r.status)).toEqual(['cancelled']);
    expect(o.records[0]!.models.map((m) => m.id)).toEqual(['brainchop-brain-mask']);
  });

  it('aborting before the network runs stops at the next checkpoint', async () => {
    const controller = new AbortController();
    const o = observe();
    const run = segmentInWorker(smallVolume(), {
      ...common,
      signal: controller.signal,
      onWorkerExit: o.onWorkerExit,
      onRun: o.onRun,
      onProgress: (p) => {
        o.onProgress(p);
        if (p.stage === 'conform') controller.abort(new DOMException('user pressed Stop', 'AbortError'));
      },
    });
    await expect(run).rejects.toThrow('user pressed Stop');
    expect(await o.exited).toBe(0);
    expect(o.progress.some((p) => p.stage === 'inference')).toBe(false);
    expect(o.records[0]).toMatchObject({ status: 'cancelled', error: 'user pressed Stop' });
  });

  it('cancelling while onnxruntime is inside run() leaves the process alive (regression: the app server aborted)', () => {
    // Run as the app does: plain Node on the built code (the CLI and the app server), cancelling
    // 1.5 s into the network run. Terminating the thread there used to abort the whole process.
    const script = join(tempDir('cancel-inside-run-'), 'run.mjs');
    const dist = (p: string): string => JSON.stringify(pathToFileURL(join(REPO_ROOT, 'dist', p)).href);
    writeFileSync(
      script,
      `import { readNiftiFile } from ${dist('core/nifti/read-nifti.js')};
import { segmentationInputFromNifti } from ${dist('core/segmentation/nifti-input.js')};
import { segmentInWorker } from ${dist('core/workers/segment-in-worker.js')};
const controller = new AbortController();
let timer;
segmentInWorker(segmentationInputFromNifti(readNiftiFile(${JSON.stringify(T1_PATH)})), {
  source: { kind: 'file', path: 't1' }, modelIds: ['brainchop-brain-mask'], threads: 1, signal: controller.signal,
  onWorkerExit: (code) => console.log('worker exited ' + code),
  onProgress: (p) => { if (p.stage === 'inference' && !timer) timer = setTimeout(() => controller.abort(), 1500); },
}).then(() => console.log('completed'), (e) => console.log('rejected ' + e.name));
`,
    );
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).not.toMatch(/terminate called|Aborted|Napi::Error/);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['rejected AbortError', 'worker exited 0']);
  });

  it('an already aborted signal never starts a worker', async () => {
    const controller = new AbortController();
    controller.abort();
    const o = observe();
    await expect(segmentInWorker(smallVolume(), { ...common, signal: controller.signal, onRun: o.onRun, onWorkerExit: o.onWorkerExit })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(o.records.map((r) => r.status)).toEqual(['cancelled']);
    const exited = await Promise.race([o.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]);
    expect(exited).toBe(false);
  });
});
