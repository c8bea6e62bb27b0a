import type { Mat4 } from '../geometry/spaces.js';
import type { VoxelArray } from '../volume/image-volume.js';

/** A NIfTI-1 image as read from disk: voxel values with scl_slope/scl_inter already applied. */
export interface NiftiImage {
  /** Grid size along i, j, k, and the number of volumes (dim[4], 1 for 3D). */
  readonly dims: readonly [number, number, number, number];
  readonly data: VoxelArray | Float64Array;
  /** Voxel index → RAS mm, from the sform when set, else the qform, else pixdim alone. */
  readonly ijkToRas: Mat4<'IJK', 'RAS'>;
  readonly pixdim: readonly [number, number, number];
}

/** NIfTI-1 datatype codes (nifti1.h). */
export const NIFTI_DATATYPE = {
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  float64: 64,
  int8: 256,
  uint16: 512,
  uint32: 768,
} as const;
