import { CONFORM_SIZE } from './conform.js';

const N = CONFORM_SIZE;

/** An axis-aligned box of model-grid voxels, bounds inclusive, i fastest in memory. */
export interface CropBox {
  readonly lo: readonly [number, number, number];
  readonly hi: readonly [number, number, number];
}

export const FULL_GRID: CropBox = { lo: [0, 0, 0], hi: [N - 1, N - 1, N - 1] };

export function boxDims(box: CropBox): [number, number, number] {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

export function boxVoxels(box: CropBox): number {
  const [a, b, c] = boxDims(box);
  return a * b * c;
}

/** Bounding box of the model-grid voxels for which `inside(n)` holds; null when there are none. */
export function boundingBox(inside: (n: number) => boolean): CropBox | null {
  const lo = [N, N, N];
  const hi = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < N; k++) {
    for (let j = 0; j < N; j++) {
      for (let i = 0; i < N; i++, n++) {
        if (!inside(n)) continue;
        if (i < lo[0]!) lo[0] = i;
        if (i > hi[0]!) hi[0] = i;
        if (j < lo[1]!) lo[1] = j;
        if (j > hi[1]!) hi[1] = j;
        if (k < lo[2]!) lo[2] = k;
        if (k > hi[2]!) hi[2] = k;
      }
    }
  }
  if (hi[0]! < 0) return null;
  return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]!, hi[1]!, hi[2]!] };
}

/** brainchop's head crop: voxels whose normalised value exceeds fraction × max. */
export function thresholdBox(normalised: Float32Array, fractionOfMax: number): CropBox | null {
  let max = -Infinity;
  for (let n = 0; n < normalised.length; n++) if (normalised[n]! > max) max = normalised[n]!;
  const t = fractionOfMax * max;
  return boundingBox((n) => normalised[n]! > t);
}

/** Grow by `margin` voxels each side, then to a multiple of `multiple` per axis, inside the grid. */
export function growBox(box: CropBox, margin: number, multiple = 1): CropBox {
  const lo: number[] = [];
  const hi: number[] = [];
  for (let a = 0; a < 3; a++) {
    let l = Math.max(0, box.lo[a]! - margin);
    let h = Math.min(N - 1, box.hi[a]! + margin);
    // Extend alternately above and below; 256 is a multiple of every allowed `multiple`, so this ends.
    let up = true;
    while ((h - l + 1) % multiple !== 0) {
      if ((up && h < N - 1) || l === 0) h++;
      else l--;
      up = !up;
    }
    lo.push(l);
    hi.push(h);
  }
  return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]!, hi[1]!, hi[2]!] };
}

/** Copy the box out of a full model-grid volume (i fastest). */
export function extractBox<T extends Float32Array | Uint8Array>(full: T, box: CropBox, make: (n: number) => T): T {
  const [bx, by, bz] = boxDims(box);
  const out = make(bx * by * bz);
  let o = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      const start = box.lo[0] + N * (j + N * k);
      out.set(full.subarray(start, start + bx), o);
      o += bx;
    }
  }
  return out;
}

/** Write a box-shaped volume back into a full model-grid volume (the rest stays as it is). */
export function insertBox(full: Uint8Array, box: CropBox, part: Uint8Array): void {
  const [bx] = boxDims(box);
  let o = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      full.set(part.subarray(o, o + bx), box.lo[0] + N * (j + N * k));
      o += bx;
    }
  }
}
