import { envelopeScratch, lowerEnvelopeLine } from './distance-transform.js';

/**
 * Squared Euclidean distance in mm² from each pixel centre of a w×h plane to the nearest set
 * pixel centre (Infinity when none is set): binary sweeps along rows, then the Felzenszwalb–
 * Huttenlocher lower envelope down the columns (distance-transform.ts; exact, O(pixels)).
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
  const scratch = envelopeScratch(h);
  for (let x = 0; x < w; x++) lowerEnvelopeLine(d, x, w, h, spacingY * spacingY, scratch);
  return d;
}
