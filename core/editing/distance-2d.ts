/**
 * Squared Euclidean distance in mm² from each pixel centre of a w×h plane to the nearest set
 * pixel centre (Infinity when none is set): binary sweeps along rows, then the Felzenszwalb–
 * Huttenlocher lower envelope down the columns (exact, O(pixels)).
 */
export function squaredDistance2d(set: Uint8Array, w: number, h: number, spacingX: number, spacingY: number): Float64Array {
  const d = new Float64Array(w * h).fill(Infinity);
  const sx2 = spacingX * spacingX;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let last = -Infinity;
    for (let x = 0; x < w; x++) {
      if (set[row + x]) last = x;
      d[row + x] = sx2 * (x - last) * (x - last);
    }
    let next = Infinity;
    for (let x = w - 1; x >= 0; x--) {
      if (set[row + x]) next = x;
      const c = sx2 * (next - x) * (next - x);
      if (c < d[row + x]!) d[row + x] = c;
    }
  }
  const wy = spacingY * spacingY;
  const f = new Float64Array(h);
  const v = new Int32Array(h);
  const z = new Float64Array(h + 1);
  for (let x = 0; x < w; x++) {
    let k = -1;
    for (let q = 0; q < h; q++) {
      const fq = (f[q] = d[q * w + x]!);
      if (fq === Infinity) continue;
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -Infinity;
        z[1] = Infinity;
        continue;
      }
      let r = v[k]!;
      let s = (fq + wy * q * q - (f[r]! + wy * r * r)) / (2 * wy * (q - r));
      while (s <= z[k]!) {
        k--;
        r = v[k]!;
        s = (fq + wy * q * q - (f[r]! + wy * r * r)) / (2 * wy * (q - r));
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    if (k < 0) continue;
    k = 0;
    for (let p = 0; p < h; p++) {
      while (z[k + 1]! < p) k++;
      const r = v[k]!;
      d[p * w + x] = wy * (p - r) * (p - r) + f[r]!;
    }
  }
  return d;
}
