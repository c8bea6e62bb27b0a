/**
 * One-click lesion growing (core/lesion, growLesion): how long a click takes, on the real T1
 * post-contrast glioblastoma of pyradiomics' brain1 (256×256×25, 0.78×0.78×6.5 mm, from
 * ../shared/datasets/pyradiomics-brain) and on the same image resampled to a whole 256³ grid with
 * nearest-neighbour slices (the size of a conformed head MR). Each click is on the enhancing rim,
 * as in the oracle test, with the 45 mm bound that the 70 mm tumour needs and with the default
 * 20 mm bound of a click on a metastasis.
 *
 * Reference in the same run: `plastimatch threshold` of the same NIfTI at the threshold the click
 * chose, the cheapest whole-image intensity segmentation a native tool does (one pass, no region
 * growing, no hole fill), timed as a process from the shell like the user would run it.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/lesion.js [CLICKS, default 20]
 */
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyToPoint, multiply } from '../core/geometry/mat4.js';
import { mat4, vec3 } from '../core/geometry/spaces.js';
import type { LesionImage } from '../core/lesion/index.js';
import { DEFAULT_MAX_RADIUS_MM, growLesion } from '../core/lesion/index.js';
import { readNiftiFile } from '../core/nifti/read-nifti.js';
import { segmentationInputFromNifti } from '../core/segmentation/nifti-input.js';
import { packageRoot } from '../core/api/package-root.js';

const clicks = Math.max(5, Number(process.argv[2] ?? 20));
const dataset = resolve(packageRoot(), '../shared/datasets/pyradiomics-brain/nifti');
const imageFile = join(dataset, 'brain1_image.nii.gz');
const labelFile = join(dataset, 'brain1_label.nii.gz');
if (!existsSync(imageFile)) throw new Error(`${imageFile} is missing: this benchmark needs ../shared/datasets/pyradiomics-brain`);

const image = segmentationInputFromNifti(readNiftiFile(imageFile));
const label = readNiftiFile(labelFile).data as Uint8Array;

/** The label's brightest 3×3 in-plane spot on slice k: a click on the enhancing rim. */
function rimSeed(img: LesionImage, k: number): [number, number, number] {
  const [nx, ny] = img.dims;
  let best = -Infinity, at: [number, number] = [0, 0];
  for (let j = 1; j < ny - 1; j++) {
    for (let i = 1; i < nx - 1; i++) {
      if (!label[i + nx * (j + ny * k)]) continue;
      let sum = 0;
      for (let b = -1; b <= 1; b++) for (let a = -1; a <= 1; a++) sum += img.data[i + a + nx * (j + b + ny * k)]!;
      if (sum > best) [best, at] = [sum, [i, j]];
    }
  }
  return [at[0], at[1], k];
}

/** brain1 on a 256³ grid: the same in-plane voxels, each 6.5 mm slice repeated to ~0.63 mm slices (nearest neighbour). */
function whole256(img: LesionImage): LesionImage {
  const [nx, ny, nz] = img.dims;
  const n = 256;
  const data = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++) {
    const src = Math.min(nz - 1, Math.floor((k * nz) / n));
    for (let j = 0; j < Math.min(n, ny); j++) for (let i = 0; i < Math.min(n, nx); i++) data[i + n * (j + n * k)] = img.data[i + nx * (j + ny * src)]!;
  }
  const squeeze = mat4<'IJK', 'IJK'>([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, nz / n, (nz / n - 1) / 2, 0, 0, 0, 1]);
  return { dims: [n, n, n], data, ijkToLps: multiply(img.ijkToLps, squeeze) };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function timeClicks(name: string, img: LesionImage, seedIjk: [number, number, number], maxRadiusMm: number): { p50: number; threshold: number } {
  const seed = applyToPoint(img.ijkToLps, vec3<'IJK'>(...seedIjk));
  const times: number[] = [];
  let last = growLesion(img, seed, { maxRadiusMm });
  for (let n = 0; n < clicks; n++) {
    const started = performance.now();
    last = growLesion(img, seed, { maxRadiusMm });
    times.push(performance.now() - started);
  }
  const p50 = percentile(times, 50);
  console.log(`${name} ${img.dims.join('×')}, bound ${maxRadiusMm} mm: click → contour p50 ${p50.toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${clicks} clicks; ${last.voxelCount} voxels, ${last.volumeCc.toFixed(2)} cc, threshold ${last.threshold.toFixed(0)})`);
  return { p50, threshold: last.threshold };
}

function plastimatchThresholdMs(threshold: number): number {
  const out = mkdtempSync(join(tmpdir(), 'delineate-bench-lesion-'));
  try {
    const times: number[] = [];
    for (let n = 0; n < 3; n++) {
      const started = performance.now();
      const r = spawnSync('plastimatch', ['threshold', '--input', imageFile, '--output', join(out, 'mask.nii.gz'), '--above', String(threshold)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`plastimatch threshold failed: ${r.stderr}`);
      times.push(performance.now() - started);
    }
    return Math.min(...times);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
const seed = rimSeed(image, 16);
const bigSeed: [number, number, number] = [seed[0], seed[1], Math.round(((16 + 0.5) * 256) / image.dims[2] - 0.5)];
const big = whole256(image);
// The bound the 70 mm tumour needs, then the default bound (what a click on a metastasis uses).
const native = timeClicks('brain1 (0.78×0.78×6.5 mm)', image, seed, 45);
timeClicks('brain1 on a 256³ grid', big, bigSeed, 45);
timeClicks('brain1 (0.78×0.78×6.5 mm)', image, seed, DEFAULT_MAX_RADIUS_MM);
timeClicks('brain1 on a 256³ grid', big, bigSeed, DEFAULT_MAX_RADIUS_MM);
const reference = plastimatchThresholdMs(native.threshold);
console.log(`plastimatch threshold of the same brain1 NIfTI (process, best of 3): ${reference.toFixed(0)} ms; ours ÷ plastimatch: ${(native.p50 / reference).toFixed(2)}`);
