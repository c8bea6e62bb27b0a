import { multiply, RAS_TO_LPS } from '../geometry/mat4.js';
import type { NiftiImage } from '../nifti/nifti-types.js';
import type { SegmentationInput } from './segmentation-types.js';

/**
 * A NIfTI image as pipeline input. NIfTI world is RAS+, patient space is LPS+: the affine is
 * composed with RAS→LPS so the masks come back on the same voxels in the same place. NIfTI
 * carries no modality, so the caller states it. Only the first volume of a 4D file is used.
 */
export function segmentationInputFromNifti(image: NiftiImage, modality = 'MR'): SegmentationInput {
  const [nx, ny, nz] = image.dims;
  return {
    dims: [nx, ny, nz],
    data: image.data.subarray(0, nx * ny * nz),
    ijkToLps: multiply(RAS_TO_LPS, image.ijkToRas),
    modality,
  };
}
