import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Triple } from '../api/contract.js';
import { cropMask } from '../api/structure-payload.js';

/**
 * A full-grid 0/1 mask as stored: its bounding box and the box's bytes deflated. Level 1 is enough:
 * masks are long runs, which deflate shrinks ~100× at any level, and it keeps a brush stroke on a
 * large structure quick to save.
 */
export interface StoredMask {
  readonly box: { readonly lo: Triple; readonly hi: Triple } | null;
  readonly bytes: Buffer;
}

export function encodeMask(mask: Uint8Array, dims: Triple): StoredMask {
  const { box, mask: crop } = cropMask(mask, dims);
  return { box, bytes: deflateRawSync(new Uint8Array(crop), { level: 1 }) };
}

/** The full-grid mask back; throws naming the problem when the stored bytes do not fit the box. */
export function decodeMask(stored: StoredMask, dims: Triple): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  if (!stored.box) return out;
  const { lo, hi } = stored.box;
  if (lo.some((v, a) => v < 0 || hi[a]! >= dims[a]! || hi[a]! < v)) throw new RangeError(`stored mask box ${JSON.stringify(stored.box)} is outside the ${dims.join('×')} grid`);
  const [bx, by, bz] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const crop = inflateRawSync(stored.bytes);
  if (crop.length !== bx * by * bz) throw new RangeError(`stored mask holds ${crop.length} bytes, its box needs ${bx * by * bz}`);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const to = lo[0] + nx * (lo[1] + j + ny * (lo[2] + k));
      out.set(crop.subarray(bx * (j + by * k), bx * (j + by * k) + bx), to);
    }
  }
  return out;
}
