import type { VoxelArray } from './image-volume.js';

type Mirrorable = VoxelArray | Uint8Array;

/**
 * The voxels mirrored along one grid axis (i, j or k), for the first `dims` volume only: voxel
 * (…, a, …) takes the value of (…, n−1−a, …). The affine is left alone on purpose: the result is
 * the mirror image of the anatomy in the same frame, which is what a flip augmentation shows a model.
 */
export function mirrorAxis<T extends Mirrorable>(data: T, dims: readonly [number, number, number], axis: 0 | 1 | 2): T {
  const [nx, ny, nz] = dims;
  const out = new (data.constructor as new (n: number) => T)(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      if (axis === 0) {
        for (let i = 0; i < nx; i++) out[row + i] = data[row + nx - 1 - i]!;
      } else {
        const from = axis === 1 ? nx * (ny - 1 - j + ny * k) : nx * (j + ny * (nz - 1 - k));
        out.set(data.subarray(from, from + nx), row);
      }
    }
  }
  return out;
}
