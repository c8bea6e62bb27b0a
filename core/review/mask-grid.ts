import { column } from '../geometry/mat4.js';
import { dot, norm } from '../geometry/vec3.js';
import type { ImageVolume } from '../volume/image-volume.js';

/** The grid two masks share: dims, voxel size and the exact voxel → patient affine. */
export type MaskGrid = Pick<ImageVolume, 'dims' | 'spacingMm' | 'ijkToLps'>;

/** Inclusive voxel bounds [i0, i1] × [j0, j1] × [k0, k1]. */
export interface Box {
  readonly lo: readonly [number, number, number];
  readonly hi: readonly [number, number, number];
}

/**
 * Check the masks fit the grid and that voxel-to-voxel distance is Euclidean in (i·si, j·sj, k·sk):
 * the i, j, k axes of ijkToLps must be orthogonal with lengths equal to spacingMm. A gantry-tilted
 * series has a sheared slice axis, where that metric (and a separable distance transform) is wrong;
 * it is refused rather than measured wrongly.
 */
export function checkMaskGrid(grid: MaskGrid, ...masks: readonly Uint8Array[]): void {
  const [nx, ny, nz] = grid.dims;
  for (const m of masks) {
    if (m.length !== nx * ny * nz) throw new RangeError(`a mask has ${m.length} voxels, the grid ${nx}×${ny}×${nz} = ${nx * ny * nz}`);
  }
  const axes = [0, 1, 2].map((c) => column(grid.ijkToLps, c));
  axes.forEach((a, c) => {
    const s = grid.spacingMm[c]!;
    if (!(s > 0)) throw new RangeError(`spacing along axis ${c} is ${s} mm`);
    // 1e-3 relative: spacing is derived from the same DICOM values as the affine, so a real grid agrees far better.
    if (Math.abs(norm(a) - s) > 1e-3 * s) throw new RangeError(`spacingMm[${c}] = ${s} but the affine's axis ${c} is ${norm(a)} mm long`);
  });
  for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
    const cos = dot(axes[p]!, axes[q]!) / (norm(axes[p]!) * norm(axes[q]!));
    // cos 1e-4 ≈ 0.006°: decimal-string rounding of orientation cosines stays well below this.
    if (Math.abs(cos) > 1e-4) {
      throw new RangeError(`the grid's axes ${p} and ${q} are not orthogonal (cos ${cos.toExponential(2)}; a tilted-gantry series?): surface distances need an orthogonal grid`);
    }
  }
}

/** Bounding box of the voxels set in any of the masks; undefined when all are empty. */
export function boundingBox(dims: readonly [number, number, number], ...masks: readonly Uint8Array[]): Box | undefined {
  const [nx, ny, nz] = dims;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (const m of masks) {
    for (let k = 0, n = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, n++) {
          if (m[n] === 0) continue;
          if (i < lo[0]!) lo[0] = i;
          if (i > hi[0]!) hi[0] = i;
          if (j < lo[1]!) lo[1] = j;
          if (j > hi[1]!) hi[1] = j;
          if (k < lo[2]!) lo[2] = k;
          if (k > hi[2]!) hi[2] = k;
        }
      }
    }
  }
  if (hi[0] === -1) return undefined;
  return { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]!, hi[1]!, hi[2]!] };
}
