import type { MaskGrid } from './mask-grid.js';
import { checkMask, stepMm } from './mask-grid.js';
import type { PlaneBox } from './signed-distance-2d.js';
import { signedDistancePlane } from './signed-distance-2d.js';

export interface InterpolateOptions {
  /**
   * The slices (k) the user drew; default: every slice holding a voxel. A listed slice that is
   * empty is a drawn "nothing here": the slices between it and its drawn neighbour stay empty.
   */
  readonly drawnSlices?: readonly number[];
}

/**
 * Shape-based interpolation between drawn slices (Raya & Udupa 1990; Herman et al. 1992): each
 * drawn slice becomes a signed distance map φ in mm (signedDistancePlane); a slice k between
 * drawn slices k0 < k1 gets the voxels where (1 − t)·φ0 + t·φ1 ≤ 0, t = (k − k0)/(k1 − k0). Two
 * concentric circles give circles whose radius moves linearly from one to the other; two shifted
 * circles give {x : (1 − t)|x − c0| + t|x − c1| ≤ r}, centred between them and narrower across
 * the shift than a moved circle would be (inherent to the method; small for slices drawn close
 * together). Drawn slices are kept as drawn, the slices between them are replaced, slices outside
 * the drawn range are untouched. Interpolation runs along k, the slices a structure is drawn on.
 */
export function interpolateSlices(mask: Uint8Array, grid: MaskGrid, options: InterpolateOptions = {}): Uint8Array {
  checkMask(mask, grid);
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const [sx, sy] = stepMm(grid);
  const sliceOf = (k: number) => mask.subarray(k * plane, (k + 1) * plane);
  const drawn = options.drawnSlices
    ? [...new Set(options.drawnSlices)].sort((a, b) => a - b)
    : Array.from({ length: nz }, (_, k) => k).filter((k) => sliceOf(k).indexOf(1) >= 0);
  for (const k of drawn) if (!Number.isInteger(k) || k < 0 || k >= nz) throw new RangeError(`drawn slice ${k} is not a slice of the grid (0…${nz - 1})`);
  const out = mask.slice();
  for (let n = 0; n + 1 < drawn.length; n++) {
    const k0 = drawn[n]!, k1 = drawn[n + 1]!;
    if (k1 - k0 < 2) continue;
    const box = unionBox(sliceOf(k0), sliceOf(k1), nx, ny);
    if (!box) continue;
    const phi0 = signedDistancePlane(sliceOf(k0), nx, ny, box, sx, sy);
    const phi1 = signedDistancePlane(sliceOf(k1), nx, ny, box, sx, sy);
    if (!phi0 || !phi1) {
      out.fill(0, (k0 + 1) * plane, k1 * plane);
      continue;
    }
    for (let k = k0 + 1; k < k1; k++) {
      const t = (k - k0) / (k1 - k0);
      out.fill(0, k * plane, (k + 1) * plane);
      for (let y = 0; y < box.h; y++) {
        const j = box.j0 + y;
        if (j < 0 || j >= ny) continue;
        for (let x = 0; x < box.w; x++) {
          const i = box.i0 + x;
          if (i < 0 || i >= nx) continue;
          const p = x + box.w * y;
          if ((1 - t) * phi0[p]! + t * phi1[p]! <= 0) out[k * plane + i + nx * j] = 1;
        }
      }
    }
  }
  return out;
}

/**
 * Bounding rectangle of both slices' set pixels plus one pixel all round: outside both shapes φ0
 * and φ1 are both positive, so nothing beyond can turn on, and the ring guarantees background for
 * the inside distances. Null when both are empty.
 */
function unionBox(a: Uint8Array, b: Uint8Array, nx: number, ny: number): PlaneBox | null {
  let i0 = nx, j0 = ny, i1 = -1, j1 = -1;
  for (const s of [a, b]) {
    for (let p = s.indexOf(1); p >= 0; p = s.indexOf(1, p + 1)) {
      const i = p % nx, j = Math.floor(p / nx);
      if (i < i0) i0 = i;
      if (i > i1) i1 = i;
      if (j < j0) j0 = j;
      if (j > j1) j1 = j;
    }
  }
  if (i1 < 0) return null;
  return { i0: i0 - 1, j0: j0 - 1, w: i1 - i0 + 3, h: j1 - j0 + 3 };
}
