/**
 * The whole pipeline on brainchop's sample T1, through the worker thread, against the
 * reference label counts in ../shared/datasets/brainchop (SOURCE.md). The two runs here are the
 * expensive part of this area's tests (≈ 2–3 min on 2 cores); they run one after the other to
 * keep peak memory near 5 GB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { findModels } from '../../core/segmentation/model-registry.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';
import type { SegmentationRunRecord } from '../../core/segmentation/run-record.js';
import type { SegmentationResult } from '../../core/workers/segment-in-worker.js';
import { segmentInWorker } from '../../core/workers/segment-in-worker.js';
import { histogram, niftiIjkToLps, readT1, referenceCountsByClass, relativeDifference, T1_PATH } from './support/brainchop-reference.js';

const t1 = readT1();
const input = segmentationInputFromNifti(t1);
const source = { kind: 'file', path: T1_PATH } as const;

/** Our manifest ids → the upstream folder names the reference counts use. */
const UPSTREAM: Record<string, string> = {
  'brainchop-brain-mask': 'model11_gw_ae',
  'brainchop-subcortical-18': 'model18cls',
  'brainchop-aparc-aseg-104': 'model21_104class',
};

function manifestOf(id: string) {
  return findModels([id])[0]!.manifest;
}

/** Per class: [name, ours, reference, relative difference]. */
function compareClasses(result: SegmentationResult, id: string): [string, number, number, number][] {
  const m = manifestOf(id);
  const labels = result.classLabels.find((c) => c.modelId === id);
  if (!labels) throw new Error(`no class labels for ${id}`);
  const ours = histogram(labels.data, m.network.classes);
  const reference = referenceCountsByClass(UPSTREAM[id]!, m.network.classNames);
  return m.network.classNames.map((name, c) => [name, ours[c]!, reference[c]!, relativeDifference(ours[c]!, reference[c]!)]);
}

function centroidLps(mask: Uint8Array): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  for (let k = 0, n = 0; k < 256; k++) {
    for (let j = 0; j < 256; j++) {
      for (let i = 0; i < 256; i++, n++) {
        if (mask[n] === 0) continue;
        sum[0]! += i;
        sum[1]! += j;
        sum[2]! += k;
        count++;
      }
    }
  }
  const p = applyToPoint(niftiIjkToLps(t1), vec3<'IJK'>(sum[0]! / count, sum[1]! / count, sum[2]! / count));
  return [p[0], p[1], p[2]];
}

describe('(a) reference settings: whole 256³ grid, no crop, no post-processing', () => {
  let result: SegmentationResult;
  beforeAll(async () => {
    result = await segmentInWorker(input, {
      source,
      modelIds: ['brainchop-brain-mask', 'brainchop-subcortical-18'],
      crop: 'none',
      postprocess: false,
      keepClassLabels: true,
    });
  }, 600_000);

  it.each(['brainchop-brain-mask', 'brainchop-subcortical-18'])('%s: every class within 0.5 % of the reference', (id) => {
    const rows = compareClasses(result, id);
    console.info(`${id} (no crop): ${rows.map(([n, o, r]) => `${n}=${o}/${r}`).join(', ')}`);
    expect(rows.filter(([, , , d]) => d > 0.005)).toEqual([]);
  });

  it('ran on the whole grid, on the first provider that worked', () => {
    for (const m of result.models) {
      expect(m.cropBox).toEqual({ lo: [0, 0, 0], hi: [255, 255, 255] });
      expect(m.providerAttempts.at(-1)).toMatchObject({ provider: m.provider, ok: true });
    }
  });
});

describe('production settings: brain crop and post-processing, all shipped models', () => {
  let result: SegmentationResult;
  const records: SegmentationRunRecord[] = [];
  const stages = new Set<string>();
  beforeAll(async () => {
    result = await segmentInWorker(input, { source, keepClassLabels: true, onRun: (r) => records.push(r), onProgress: (p) => stages.add(p.stage) });
  }, 600_000);

  it('crops: the mask model to the head, the others to the brain mask + 8 voxels', () => {
    const box = (id: string) => result.models.find((m) => m.id === id)!.cropBox;
    expect(result.models.map((m) => m.id)).toEqual(['brainchop-brain-mask', 'brainchop-aparc-aseg-104', 'brainchop-subcortical-18']);
    const head = box('brainchop-brain-mask');
    const brain = box('brainchop-aparc-aseg-104');
    expect(box('brainchop-subcortical-18')).toEqual(brain);
    const voxels = (b: typeof head) => (b.hi[0] - b.lo[0] + 1) * (b.hi[1] - b.lo[1] + 1) * (b.hi[2] - b.lo[2] + 1);
    // The brain crop is well under a third of the grid: the 104-class run's memory scales with it.
    expect(voxels(brain) / 256 ** 3).toBeLessThan(0.33);
    expect(voxels(head)).toBeGreaterThan(voxels(brain));
    console.info(`crop boxes: head ${JSON.stringify(head)}, brain ${JSON.stringify(brain)}`);
  });

  it('(a, cropped) 104-class raw labels: the deep and organ-at-risk classes within 0.5 % of the full-grid reference', () => {
    // Cortical parcels touch the crop edge, where zero padding replaces real context, so only
    // classes deep inside the brain are expected to be unchanged by the crop (the full-grid 104
    // run needs ≈17 GB and runs in bench/segmentation.ts instead).
    const deep = new Set(
      manifestOf('brainchop-aparc-aseg-104')
        .structures.filter((s) => !['Ventricles', 'CorpusCallosum'].includes(s.name))
        .flatMap((s) => s.classes),
    );
    const rows = compareClasses(result, 'brainchop-aparc-aseg-104').filter((_, c) => deep.has(c));
    console.info(`brainchop-aparc-aseg-104 (brain crop): ${rows.map(([n, o, r]) => `${n}=${o}/${r}`).join(', ')}`);
    expect(rows.length).toBe(17);
    expect(rows.filter(([, , , d]) => d > 0.005)).toEqual([]);
  });

  it('(b) every organ-at-risk structure within 2 % of the reference (sum of its classes), the others within 5 %', () => {
    const OARS = ['Brain', 'Brainstem', 'Hippocampus_L', 'Hippocampus_R', 'Hippocampi', 'Cerebellum', 'Thalamus_L', 'Thalamus_R', 'Thalami', 'Amygdala_L', 'Amygdala_R', 'Amygdalae'];
    const rows = result.structures.map((s) => {
      const m = manifestOf(s.modelId);
      const reference = referenceCountsByClass(UPSTREAM[s.modelId]!, m.network.classNames);
      const spec = m.structures.find((x) => x.name === s.name)!;
      const expected = spec.classes.reduce((sum, c) => sum + reference[c]!, 0);
      return { name: s.name, ours: s.voxelCount, expected, d: relativeDifference(s.voxelCount, expected) };
    });
    console.info(`structures (crop + post-processing): ${rows.map((r) => `${r.name}=${r.ours}/${r.expected} (${(100 * (r.ours / r.expected - 1)).toFixed(2)} %)`).join(', ')}`);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(OARS));
    expect(rows.filter((r) => OARS.includes(r.name) && r.d > 0.02)).toEqual([]);
    expect(rows.filter((r) => r.d > 0.05)).toEqual([]);
  });

  it('(c) Hippocampus_L lies on the patient’s left (+x in LPS) of Hippocampus_R, where the reference puts it', () => {
    const structure = (name: string) => result.structures.find((s) => s.name === name)!;
    const left = centroidLps(structure('Hippocampus_L').mask);
    const right = centroidLps(structure('Hippocampus_R').mask);
    const brain = centroidLps(structure('Brain').mask);
    expect(left[0]).toBeGreaterThan(brain[0]);
    expect(right[0]).toBeLessThan(brain[0]);
    // SOURCE.md: reference RAS centroids L (−24.9, −20.7, −13.7), R (23.7, −20.0, −13.0); LPS negates x and y.
    const near = (p: number[], q: number[]) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
    expect(near(left, [24.9, 20.7, -13.7])).toBeLessThan(1);
    expect(near(right, [-23.7, 20.0, -13.0])).toBeLessThan(1);
  });

  it('a structure name given by two models is written once, from the first', () => {
    const names = result.structures.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(result.structures.find((s) => s.name === 'Brainstem')!.modelId).toBe('brainchop-aparc-aseg-104');
    expect(result.duplicatesDropped).toEqual(
      expect.arrayContaining([
        { name: 'Brainstem', modelId: 'brainchop-subcortical-18' },
        { name: 'Cerebellum', modelId: 'brainchop-subcortical-18' },
      ]),
    );
    expect(result.structures.map((s) => s.number)).toEqual(names.map((_, n) => n + 1));
  });

  it('reports progress per stage and records the run’s provenance once', () => {
    expect([...stages]).toEqual(expect.arrayContaining(['load-models', 'conform', 'crop', 'inference', 'resample']));
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.status).toBe('completed');
    expect(r.input).toEqual(source);
    for (const m of r.models) {
      expect(m.weightsSha256).toBe(manifestOf(m.id).weights.sha256);
      expect(m.version).toBe('1.0.0');
      expect(m.provider).toBe(result.models.find((x) => x.id === m.id)!.provider);
    }
    expect(r.timings.filter((t) => t.stage === 'inference').map((t) => t.modelId)).toEqual(result.models.map((m) => m.id));
    expect(r.structures.length).toBe(result.structures.length);
    expect(result.record).toEqual(r);
    console.info(`timings (s): ${r.timings.map((t) => `${t.stage}${t.modelId ? `[${t.modelId}]` : ''}=${(t.durationMs / 1000).toFixed(1)}`).join(', ')}`);
  });
});
