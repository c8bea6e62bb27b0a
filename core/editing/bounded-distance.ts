import { envelopeScratch, lowerEnvelopeLine } from './distance-transform.js';
import type { Vec3Tuple } from './mask-grid.js';

/**
 * Exact binary dilation of a box of voxels by an ellipsoidal structuring element whose semi-axes
 * may differ on each side of each index axis, computed as a separable squared distance transform.
 *
 * A voxel p is set iff some source voxel q has  Σ_a c_a(p_a − q_a) ≤ 1,  where for the index
 * offset δ along axis a (spacing s_a mm)  c_a(δ) = (s_a·δ / plus_a)² for δ > 0,
 * (s_a·δ / minus_a)² for δ < 0, 0 for δ = 0, and +∞ when that side's margin is 0. With all six
 * margins equal this is "within m mm (Euclidean, voxel centre to voxel centre)"; unequal ones give
 * the octant-wise ellipsoid planning systems use for per-direction margins.
 *
 * Because c is a sum of per-axis terms, the minimum separates into three 1D passes (Saito &
 * Toriwaki; Felzenszwalb & Huttenlocher 2012, "Distance transforms of sampled functions"):
 *  - along i the input is binary: nearest source on each side, two sweeps;
 *  - along j and k with a symmetric margin: the FH lower envelope of parabolas, O(n) per line
 *    (distance-transform.ts, shared with the unbounded transform);
 *  - along j and k with an asymmetric margin: the exact minimum over the window |δ| ≤ margin/s
 *    (any offset outside it costs more than 1 on its own, so it cannot matter for the ≤ 1 test).
 * Values above the threshold are replaced by +∞ after each pass; the lower envelope skips them,
 * which keeps lines far from the structure nearly free.
 */
export interface AxisKernel {
  readonly spacingMm: Vec3Tuple;
  /** Margin in mm for offsets towards increasing index, per axis. */
  readonly plusMm: Vec3Tuple;
  /** Margin in mm for offsets towards decreasing index, per axis. */
  readonly minusMm: Vec3Tuple;
}

/**
 * Relative slack on the unit threshold, for float32 storage between passes (~6e-8 each): a voxel
 * exactly at the margin (5 mm on a 1 mm grid) must not be lost to rounding. 1e-6 of a 5 mm margin
 * is 5 nm, far below any contour precision.
 */
export const THRESHOLD_SLACK = 1e-6;
const LIMIT = 1 + THRESHOLD_SLACK;

/** Largest index offset the margin reaches on one side (0 for a zero margin). */
export function reachVoxels(marginMm: number, spacingMm: number): number {
  return marginMm > 0 ? Math.floor((marginMm / spacingMm) * Math.sqrt(LIMIT)) : 0;
}

function weight(marginMm: number, spacingMm: number): number {
  return marginMm > 0 ? (spacingMm / marginMm) ** 2 : Infinity;
}

/** Dilate `src` (box-sized, 0/1, i fastest); returns a new box-sized 0/1 array. */
export function dilateBox(src: Uint8Array, dims: Vec3Tuple, kernel: AxisKernel): Uint8Array {
  const d = firstPass(src, dims, weight(kernel.plusMm[0], kernel.spacingMm[0]), weight(kernel.minusMm[0], kernel.spacingMm[0]));
  let cur = d;
  for (const axis of [1, 2] as const) {
    const plus = kernel.plusMm[axis], minus = kernel.minusMm[axis], s = kernel.spacingMm[axis];
    if (plus === 0 && minus === 0) continue;
    if (plus === minus) lowerEnvelopePass(cur, dims, axis, weight(plus, s));
    else cur = windowPass(cur, dims, axis, kernel, s);
  }
  const out = new Uint8Array(src.length);
  for (let n = 0; n < out.length; n++) out[n] = cur[n]! <= LIMIT ? 1 : 0;
  return out;
}

/** Along i on the binary input: cost to the nearest source on either side, +∞ beyond the limit. */
function firstPass(src: Uint8Array, dims: Vec3Tuple, wPlus: number, wMinus: number): Float32Array {
  const [nx, ny, nz] = dims;
  const d = new Float32Array(src.length).fill(Infinity);
  for (let row = 0; row < ny * nz; row++) {
    const base = row * nx;
    let last = -1;
    for (let i = 0; i < nx; i++) {
      if (src[base + i]) {
        last = i;
        d[base + i] = 0;
      } else if (last >= 0 && wPlus !== Infinity) {
        const c = wPlus * (i - last) * (i - last);
        if (c <= LIMIT) d[base + i] = c;
      }
    }
    if (last < 0 || wMinus === Infinity) continue;
    let next = -1;
    for (let i = nx - 1; i >= 0; i--) {
      if (src[base + i]) {
        next = i;
      } else if (next >= 0) {
        const c = wMinus * (next - i) * (next - i);
        if (c < d[base + i]! && c <= LIMIT) d[base + i] = c;
      }
    }
  }
  return d;
}

/** Felzenszwalb–Huttenlocher lower envelope along axis 1 or 2, in place, symmetric weight w. */
function lowerEnvelopePass(d: Float32Array, dims: Vec3Tuple, axis: 1 | 2, w: number): void {
  const [nx, ny, nz] = dims;
  const n = dims[axis];
  const stride = axis === 1 ? nx : nx * ny;
  const outer = axis === 1 ? nz : ny;
  const outerStep = axis === 1 ? nx * ny : nx;
  const scratch = envelopeScratch(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < nx; i++) lowerEnvelopeLine(d, o * outerStep + i, stride, n, w, scratch, LIMIT);
  }
}

/** Exact minimum over the reachable window along axis 1 or 2, for unequal margins either side. */
function windowPass(d: Float32Array, dims: Vec3Tuple, axis: 1 | 2, kernel: AxisKernel, s: number): Float32Array {
  const [nx, ny, nz] = dims;
  const n = dims[axis];
  const rPlus = reachVoxels(kernel.plusMm[axis], s);
  const rMinus = reachVoxels(kernel.minusMm[axis], s);
  const wPlus = weight(kernel.plusMm[axis], s);
  const wMinus = weight(kernel.minusMm[axis], s);
  // Rows of nx voxels (axis 1) or planes of nx·ny voxels (axis 2) are contiguous: whole-row minima.
  const run = axis === 1 ? nx : nx * ny;
  const outer = axis === 1 ? nz : 1;
  const out = d.slice();
  // Lines (rows or planes) that hold nothing within reach yet reach nothing: skipped, so a small
  // structure under a large margin costs its own lines, not the box's.
  const live = new Uint8Array(outer * n);
  for (let o = 0; o < outer; o++) {
    for (let q = 0; q < n; q++) {
      const from = o * nx * ny + q * run;
      for (let x = 0; x < run; x++) {
        if (d[from + x]! !== Infinity) {
          live[o * n + q] = 1;
          break;
        }
      }
    }
  }
  for (let o = 0; o < outer; o++) {
    const slab = o * nx * ny;
    for (let p = 0; p < n; p++) {
      const dst = slab + p * run;
      // δ = p − q: a source at q = p − δ reaches p by an offset δ (towards +index when δ > 0).
      for (let delta = -rMinus; delta <= rPlus; delta++) {
        const q = p - delta;
        if (delta === 0 || q < 0 || q >= n || !live[o * n + q]) continue;
        const c = (delta > 0 ? wPlus : wMinus) * delta * delta;
        const src = slab + q * run;
        for (let x = 0; x < run; x++) {
          const t = d[src + x]! + c;
          if (t < out[dst + x]!) out[dst + x] = t;
        }
      }
    }
  }
  for (let m = 0; m < out.length; m++) if (out[m]! > LIMIT) out[m] = Infinity;
  return out;
}
