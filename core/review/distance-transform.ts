/**
 * Exact squared Euclidean distance transform on an anisotropic 3D grid (Felzenszwalb & Huttenlocher,
 * "Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): three separable passes
 * of the 1D lower envelope of parabolas, each O(n). Exact for any spacing because squared distance
 * separates as (si·Δi)² + (sj·Δj)² + (sk·Δk)² on an orthogonal grid.
 *
 * `features` is 0/1 over a box of `dims` (i fastest). Returns, per voxel, the squared distance in mm²
 * to the nearest feature voxel centre; Infinity everywhere when there is no feature.
 */
export function squaredDistanceMm2(features: Uint8Array, dims: readonly [number, number, number], spacingMm: readonly [number, number, number]): Float64Array {
  const [nx, ny, nz] = dims;
  const d = new Float64Array(nx * ny * nz);
  for (let n = 0; n < d.length; n++) d[n] = features[n] ? 0 : Infinity;
  const longest = Math.max(nx, ny, nz);
  const scratch = { f: new Float64Array(longest), out: new Float64Array(longest), v: new Int32Array(longest), z: new Float64Array(longest + 1) };
  // Pass along i, then j, then k; each line is copied out, transformed and written back.
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) line(d, (j + ny * k) * nx, 1, nx, spacingMm[0] ** 2, scratch);
  for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) line(d, i + nx * ny * k, nx, ny, spacingMm[1] ** 2, scratch);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) line(d, i + nx * j, nx * ny, nz, spacingMm[2] ** 2, scratch);
  return d;
}

interface Scratch {
  readonly f: Float64Array;
  readonly out: Float64Array;
  readonly v: Int32Array;
  readonly z: Float64Array;
}

/** d[p] = min_q w2·(p − q)² + f[q] along one line (start, stride, n). */
function line(d: Float64Array, start: number, stride: number, n: number, w2: number, s: Scratch): void {
  const { f, out, v, z } = s;
  let first = -1;
  for (let q = 0; q < n; q++) {
    f[q] = d[start + q * stride]!;
    if (first < 0 && f[q] !== Infinity) first = q;
  }
  if (first < 0) return; // no finite value on the line: it stays at Infinity
  let k = 0;
  v[0] = first;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = first + 1; q < n; q++) {
    const fq = f[q]!;
    if (fq === Infinity) continue;
    let r = v[k]!;
    // Where the parabola rooted at q overtakes the one rooted at r.
    let x = (fq + w2 * q * q - (f[r]! + w2 * r * r)) / (2 * w2 * (q - r));
    while (x <= z[k]!) {
      k--;
      r = v[k]!;
      x = (fq + w2 * q * q - (f[r]! + w2 * r * r)) / (2 * w2 * (q - r));
    }
    k++;
    v[k] = q;
    z[k] = x;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let p = 0; p < n; p++) {
    while (z[k + 1]! < p) k++;
    const r = v[k]!;
    out[p] = w2 * (p - r) * (p - r) + f[r]!;
  }
  for (let p = 0; p < n; p++) d[start + p * stride] = out[p]!;
}
