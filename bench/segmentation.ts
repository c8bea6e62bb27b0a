/**
 * Auto-contouring benchmark: seconds per stage and peak RSS for each shipped model on this CPU,
 * on brainchop's sample T1 (256³, already conformed).
 *
 *   npx vitest run --config bench/segmentation.vitest.config.ts
 *
 * Each scenario runs in a fresh Node process (bench/segmentation-child.ts) in the calling
 * thread, so its peak RSS is its own. Optional:
 *   DELINEATE_BENCH_SCENARIOS=name,name  run only these
 *   DELINEATE_BENCH_FULL_104=1           also the 104-class model on the whole 256³ grid (reference
 *                                        settings; ≈10 GB in 4 halo slabs, several minutes), with
 *                                        its class counts checked against brainchop's reference
 *   DELINEATE_BENCH_OUT=file.json        write the figures as JSON
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { SegmentationOptions, StageTiming } from '../core/segmentation/segmentation-types.js';
import { sourceModeExecArgv } from '../core/workers/start-worker.js';
import { sharedDataset } from '../test/support/paths.js';

interface Scenario {
  readonly name: string;
  readonly options: SegmentationOptions;
}

interface Figures {
  readonly name: string;
  readonly totalMs: number;
  readonly maxRssBytes: number;
  readonly cpuMs: number;
  readonly timings: readonly StageTiming[];
  readonly models: readonly { id: string; provider: string; cropBox: { lo: number[]; hi: number[] }; slabs: number }[];
  readonly classCounts?: Record<string, number[]>;
}

const SCENARIOS: Scenario[] = [
  { name: 'brain-mask, head crop (production)', options: { modelIds: ['brainchop-brain-mask'] } },
  { name: 'subcortical-18, brain crop (production, + mask)', options: { modelIds: ['brainchop-subcortical-18'] } },
  { name: 'aparc-aseg-104, brain crop (production, + mask)', options: { modelIds: ['brainchop-aparc-aseg-104'] } },
  { name: 'all three models (production default)', options: {} },
  { name: 'brain-mask, whole grid (reference settings)', options: { modelIds: ['brainchop-brain-mask'], crop: 'none', postprocess: false } },
  { name: 'subcortical-18, whole grid (reference settings)', options: { modelIds: ['brainchop-subcortical-18'], crop: 'none', postprocess: false } },
];
if (process.env['DELINEATE_BENCH_FULL_104']) {
  // One 256³ run would need ≈17 GB; a 10 GiB budget gives 4 slabs with 45-slice halos (≈2× the work).
  SCENARIOS.push({
    name: 'aparc-aseg-104, whole grid (reference settings)',
    options: { modelIds: ['brainchop-aparc-aseg-104'], crop: 'none', postprocess: false, maxTensorBytes: 10 * 2 ** 30, keepClassLabels: true },
  });
}

/** Our ids → the upstream names in brainchop's reference counts. */
const UPSTREAM: Record<string, string> = {
  'brainchop-brain-mask': 'model11_gw_ae',
  'brainchop-subcortical-18': 'model18cls',
  'brainchop-aparc-aseg-104': 'model21_104class',
};

/** Largest relative difference of any class against brainchop's reference counts, per model. */
function referenceCheck(f: Figures): string[] {
  const file = JSON.parse(readFileSync(sharedDataset('brainchop', 'reference_outputs', 't1_crop_reference_counts.json'), 'utf8')) as {
    models: Record<string, { voxel_counts: Record<string, number> }>;
  };
  return Object.entries(f.classCounts ?? {}).map(([id, counts]) => {
    const reference = Object.values(file.models[UPSTREAM[id] ?? '']?.voxel_counts ?? {});
    const worst = reference.reduce((w, r, c) => Math.max(w, Math.abs((counts[c] ?? 0) - r) / r), 0);
    const exact = reference.filter((r, c) => counts[c] === r).length;
    return `${f.name}: ${id}: ${exact}/${reference.length} classes voxel-count identical to the reference, largest difference ${(100 * worst).toFixed(3)} %`;
  });
}

function runScenario(scenario: Scenario): Figures {
  const child = fileURLToPath(new URL('./segmentation-child.ts', import.meta.url));
  const input = sharedDataset('brainchop', 't1_crop.nii.gz');
  const r = spawnSync(process.execPath, [...sourceModeExecArgv(), child, JSON.stringify({ ...scenario, input })], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) throw new Error(`${scenario.name} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as Figures;
}

function report(all: readonly Figures[]): string {
  const lines = [
    `CPU: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}; Node ${process.versions.node}; load average after the runs ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    'Stage times are wall-clock seconds; "CPU" is the process CPU time over all threads.',
    '',
    '| scenario | model | crop (voxels) | slabs | conform | normalise | inference | post-process | resample | total (CPU) | peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const s = (ms: number | undefined): string => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
  for (const f of all) {
    const stage = (name: string, id?: string): number | undefined =>
      f.timings.filter((t) => t.stage === name && t.modelId === id).reduce<number | undefined>((sum, t) => (sum ?? 0) + t.durationMs, undefined);
    for (const [n, m] of f.models.entries()) {
      const dims = [0, 1, 2].map((a) => m.cropBox.hi[a]! - m.cropBox.lo[a]! + 1);
      lines.push(
        `| ${n === 0 ? f.name : ''} | ${m.id} (${m.provider}) | ${dims.join('×')} | ${m.slabs} | ${n === 0 ? s(stage('conform')) : ''} | ${s(stage('normalise', m.id))} | ${s(stage('inference', m.id))} | ${s(stage('postprocess', m.id))} | ${s(stage('resample', m.id))} | ${n === 0 ? `${s(f.totalMs)} (${s(f.cpuMs)})` : ''} | ${n === 0 ? `${(f.maxRssBytes / 2 ** 30).toFixed(2)} GiB` : ''} |`,
      );
    }
  }
  return lines.join('\n');
}

test('segmentation benchmark', () => {
  const only = process.env['DELINEATE_BENCH_SCENARIOS']?.split(',');
  const figures = SCENARIOS.filter((sc) => !only || only.some((o) => sc.name.startsWith(o))).map(runScenario);
  console.info(report(figures));
  console.info(figures.flatMap(referenceCheck).join('\n'));
  const out = process.env['DELINEATE_BENCH_OUT'];
  if (out) writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  expect(figures.length).toBeGreaterThan(0);
});
