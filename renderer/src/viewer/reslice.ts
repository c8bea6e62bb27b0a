import { applyToPoint, applyToVector } from '../../../core/geometry/mat4.js';
import type { Mat4 } from '../../../core/geometry/spaces.js';
import type { PlaneSpec } from './view-geometry.js';

export type VoxelValues = Int16Array | Uint16Array | Int32Array | Float32Array | Uint8Array;

export interface ResliceSource {
  readonly dims: readonly [number, number, number];
  readonly data: VoxelValues;
  readonly lpsToIjk: Mat4<'LPS', 'IJK'>;
}

/** One resliced plane: a value per pixel (NaN outside the grid) and the continuous voxel index under it. */
export interface Resliced {
  readonly values: Float32Array;
  /** i, j, k per pixel: the overlays sample structure masks here without redoing the geometry. */
  readonly ijk: Float32Array;
}

export function allocateResliced(width: number, height: number): Resliced {
  return { values: new Float32Array(width * height), ijk: new Float32Array(width * height * 3) };
}

/**
 * Sample the volume on a plane in patient space with trilinear interpolation. Each pixel's voxel
 * index comes from the exact inverse of the series' affine, so oblique and gantry-tilted series
 * are shown where they are in the patient, not in their own axes. A pixel is inside when its
 * index is within half a voxel of the grid (the voxels' extent); its neighbours are clamped there.
 */
export function reslice(source: ResliceSource, plane: PlaneSpec, out: Resliced): void {
  const { dims, data, lpsToIjk } = source;
  const [nx, ny, nz] = dims;
  const o = applyToPoint(lpsToIjk, plane.origin);
  const dr = applyToVector(lpsToIjk, plane.stepRight);
  const dd = applyToVector(lpsToIjk, plane.stepDown);
  const { values, ijk } = out;
  const sliceSize = nx * ny;
  let n = 0;
  for (let y = 0; y < plane.height; y++) {
    let i = o[0] + dd[0] * y;
    let j = o[1] + dd[1] * y;
    let k = o[2] + dd[2] * y;
    for (let x = 0; x < plane.width; x++, n++, i += dr[0], j += dr[1], k += dr[2]) {
      ijk[3 * n] = i;
      ijk[3 * n + 1] = j;
      ijk[3 * n + 2] = k;
      if (i < -0.5 || j < -0.5 || k < -0.5 || i > nx - 0.5 || j > ny - 0.5 || k > nz - 0.5) {
        values[n] = NaN;
        continue;
      }
      const ci = i < 0 ? 0 : i > nx - 1 ? nx - 1 : i;
      const cj = j < 0 ? 0 : j > ny - 1 ? ny - 1 : j;
      const ck = k < 0 ? 0 : k > nz - 1 ? nz - 1 : k;
      const i0 = Math.floor(ci), j0 = Math.floor(cj), k0 = Math.floor(ck);
      const i1 = i0 + 1 < nx ? i0 + 1 : i0, j1 = j0 + 1 < ny ? j0 + 1 : j0, k1 = k0 + 1 < nz ? k0 + 1 : k0;
      const fi = ci - i0, fj = cj - j0, fk = ck - k0;
      const a = k0 * sliceSize, b = k1 * sliceSize;
      const r00 = a + j0 * nx, r01 = a + j1 * nx, r10 = b + j0 * nx, r11 = b + j1 * nx;
      const c00 = data[r00 + i0]! + (data[r00 + i1]! - data[r00 + i0]!) * fi;
      const c01 = data[r01 + i0]! + (data[r01 + i1]! - data[r01 + i0]!) * fi;
      const c10 = data[r10 + i0]! + (data[r10 + i1]! - data[r10 + i0]!) * fi;
      const c11 = data[r11 + i0]! + (data[r11 + i1]! - data[r11 + i0]!) * fi;
      const c0 = c00 + (c01 - c00) * fj;
      const c1 = c10 + (c11 - c10) * fj;
      values[n] = c0 + (c1 - c0) * fk;
    }
  }
}
