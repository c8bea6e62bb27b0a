import type { GridLike } from '../contours/grid-match.js';
import { matchGrids, reorderOnto } from '../contours/grid-match.js';
import { multiply, RAS_TO_LPS } from '../geometry/mat4.js';
import { readNiftiFile } from '../nifti/read-nifti.js';

export class GridMismatchError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path} is not on the image grid: ${reason}. Resample it onto the image series first.`);
    this.name = 'GridMismatchError';
  }
}

/**
 * A 3D NIfTI's voxel values in the image grid's order. The NIfTI must sample the same voxel
 * centres (within `toleranceMm`, default 1e-3 mm: far below any voxel, above float32 rounding of
 * the NIfTI affine); a NIfTI stored with axes flipped or swapped is reordered, anything else is an error.
 */
export function readNiftiOnGrid(path: string, grid: GridLike, toleranceMm = 1e-3): ArrayLike<number> {
  const nii = readNiftiFile(path);
  if (nii.dims[3] !== 1) throw new GridMismatchError(path, `it holds ${nii.dims[3]} volumes, not one`);
  const niftiGrid: GridLike = { dims: [nii.dims[0], nii.dims[1], nii.dims[2]], ijkToLps: multiply(RAS_TO_LPS, nii.ijkToRas) };
  const match = matchGrids(grid, niftiGrid, toleranceMm);
  if (!match.ok) throw new GridMismatchError(path, match.reason);
  const [nx, ny] = grid.dims;
  const { base, strideI, strideJ, strideK } = match.mapping;
  // Same storage order (the usual case): no copy.
  if (base === 0 && strideI === 1 && strideJ === nx && strideK === nx * ny) return nii.data;
  // Float32 holds every label value up to 2^24 exactly.
  return reorderOnto(match.mapping, grid.dims, nii.data, new Float32Array(nii.data.length));
}
