import { column, invert } from '../geometry/mat4.js';
import type { Mat4 } from '../geometry/spaces.js';
import { cross, dot, norm, normalize } from '../geometry/vec3.js';
import type { ImageVolume } from '../volume/image-volume.js';

/** The part of an ImageVolume that contour geometry needs: the grid, not the voxels. */
export type SliceGrid = Pick<ImageVolume, 'dims' | 'ijkToLps'>;

/**
 * Distance in mm between neighbouring slice planes, measured along the slice normal
 * (row × column direction). With gantry tilt the k column is not parallel to the normal,
 * so |k column| would overstate it.
 */
export function sliceSpacingAlongNormalMm(grid: SliceGrid): number {
  const normal = normalize(cross(column(grid.ijkToLps, 0), column(grid.ijkToLps, 1)));
  return Math.abs(dot(column(grid.ijkToLps, 2), normal));
}

/** Inverse affine, LPS mm → continuous voxel index (centres at integers). */
export function lpsToIjk(grid: SliceGrid): Mat4<'LPS', 'IJK'> {
  return invert(grid.ijkToLps);
}

/** In-plane voxel size in mm along i and j. */
export function inPlaneSpacingMm(grid: SliceGrid): [number, number] {
  return [norm(column(grid.ijkToLps, 0)), norm(column(grid.ijkToLps, 1))];
}

export function sliceVoxelCount(grid: SliceGrid): number {
  return grid.dims[0] * grid.dims[1];
}
