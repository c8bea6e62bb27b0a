/**
 * One benchmark scenario in its own process, so `maxRSS` is that scenario's peak alone.
 * Started by bench/segmentation.ts; argv[2] is the scenario as JSON. Prints one line:
 * `BENCH_RESULT {json}`.
 */
import { readNiftiFile } from '../core/nifti/read-nifti.js';
import { segmentationInputFromNifti } from '../core/segmentation/nifti-input.js';
import type { SegmentationOptions } from '../core/segmentation/segmentation-types.js';
import { segmentVolume } from '../core/segmentation/segment-volume.js';

interface Scenario {
  readonly name: string;
  readonly input: string;
  readonly options: SegmentationOptions;
}

const scenario = JSON.parse(process.argv[2] ?? '{}') as Scenario;
const started = performance.now();
const image = readNiftiFile(scenario.input);
const readMs = performance.now() - started;
const output = await segmentVolume(segmentationInputFromNifti(image), scenario.options);
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({
    name: scenario.name,
    readMs,
    totalMs: performance.now() - started,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    // CPU seconds (all threads): less disturbed than wall time when the machine is shared.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    timings: output.timings,
    models: output.models.map((m) => ({ id: m.id, provider: m.provider, cropBox: m.cropBox, slabs: m.slabs })),
    structures: output.structures.map((s) => ({ name: s.name, voxelCount: s.voxelCount })),
    // Voxels per class of each model's raw labels (when the scenario keeps them), for the reference check.
    classCounts: Object.fromEntries(
      output.classLabels.map((c) => {
        const counts: number[] = [];
        for (let v = 0; v < c.data.length; v++) counts[c.data[v]!] = (counts[c.data[v]!] ?? 0) + 1;
        return [c.modelId, Array.from(counts, (n) => n ?? 0)];
      }),
    ),
  })}\n`,
);
