/**
 * The exact squared Euclidean distance transform, and the 1D step every separable distance
 * computation here is built from: margins (bounded-distance.ts), slice interpolation
 * (distance-2d.ts) and the review's surface distances (core/review/agreement.ts).
 *
 * Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", Theory of Computing 8
 * (2012): along one line, min_q w·(p − q)² + f(q) for every p is the lower envelope of parabolas
 * rooted at the finite samples, found in O(n). Squared distance on an orthogonal grid separates as
 * (si·Δi)² + (sj·Δj)² + (sk·Δk)², so one such pass per axis is exact for any spacing.
 */

/** Working arrays for lines of up to `n` samples; reuse one across lines. */
export interface EnvelopeScratch {
  readonly f: Float64Array;
  readonly v: Int32Array;
  readonly z: Float64Array;
}

export function envelopeScratch(n: number): EnvelopeScratch {
  return { f: new Float64Array(n), v: new Int32Array(n), z: new Float64Array(n + 1) };
}

/**
 * In place along one line of `n` samples of `d` (start, stride): d[p] ← min_q w·(p − q)² + d[q].
 * +∞ samples root no parabola, and a line with none finite stays +∞. A result above `limit`
 * becomes +∞ (the bounded margins need no more, and the next pass then skips it); the default
 * keeps every value.
 */
export function lowerEnvelopeLine(d: Float32Array | Float64Array, start: number, stride: number, n: number, w: number, scratch: EnvelopeScratch, limit = Infinity): void {
  const { f, v, z } = scratch;
  let first = -1;
  for (let q = 0; q < n; q++) {
    const x = d[start + q * stride]!;
    f[q] = x;
    if (first < 0 && x !== Infinity) first = q;
  }
  if (first < 0) return;
  let k = 0;
  v[0] = first;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = first + 1; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    const hq = fq + w * q * q;
    let r = v[k]!;
    // Where the parabola rooted at q overtakes the one rooted at r.
    let s = (hq - (f[r]! + w * r * r)) / (2 * w * (q - r));
    while (s <= z[k]!) {
      k--;
      r = v[k]!;
      s = (hq - (f[r]! + w * r * r)) / (2 * w * (q - r));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let p = 0; p < n; p++) {
    while (z[k + 1]! < p) k++;
    const r = v[k]!;
    const c = w * (p - r) * (p - r) + f[r]!;
    d[start + p * stride] = c <= limit ? c : Infinity;
  }
}

/**
 * `features` is 0/1 over a box of `dims` (i fastest). Returns, per voxel, the squared distance in
 * mm² to the nearest feature voxel centre; Infinity everywhere when there is no feature.
 */
export function squaredDistanceMm2(features: Uint8Array, dims: readonly [number, number, number], spacingMm: readonly [number, number, number]): Float64Array {
  const [nx, ny, nz] = dims;
  const d = new Float64Array(nx * ny * nz);
  for (let n = 0; n < d.length; n++) d[n] = features[n] ? 0 : Infinity;
  const scratch = envelopeScratch(Math.max(nx, ny, nz));
  // Pass along i, then j, then k.
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) lowerEnvelopeLine(d, (j + ny * k) * nx, 1, nx, spacingMm[0] ** 2, scratch);
  for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) lowerEnvelopeLine(d, i + nx * ny * k, nx, ny, spacingMm[1] ** 2, scratch);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) lowerEnvelopeLine(d, i + nx * j, nx * ny, nz, spacingMm[2] ** 2, scratch);
  return d;
}
