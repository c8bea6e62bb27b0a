import type { VolumeMeta, VolumePayload } from '../../../core/api/contract.js';
import { invert } from '../../../core/geometry/mat4.js';
import type { Mat4 } from '../../../core/geometry/spaces.js';
import { mat4 } from '../../../core/geometry/spaces.js';
import type { VoxelValues } from '../viewer/reslice.js';

/** A volume as the viewer holds it: typed voxels and both affines. */
export interface LoadedVolume {
  readonly meta: VolumeMeta;
  readonly dims: readonly [number, number, number];
  readonly data: VoxelValues;
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  readonly lpsToIjk: Mat4<'LPS', 'IJK'>;
}

export function toLoadedVolume(payload: VolumePayload): LoadedVolume {
  const { meta, voxels } = payload;
  const data: VoxelValues = (() => {
    switch (meta.dataType) {
      case 'int16': return new Int16Array(voxels);
      case 'uint16': return new Uint16Array(voxels);
      case 'int32': return new Int32Array(voxels);
      case 'float32': return new Float32Array(voxels);
      case 'uint8': return new Uint8Array(voxels);
    }
  })();
  const expected = meta.dims[0] * meta.dims[1] * meta.dims[2];
  if (data.length !== expected) throw new Error(`the volume holds ${data.length} values, its grid ${expected}`);
  const ijkToLps = mat4<'IJK', 'LPS'>(meta.ijkToLps);
  return { meta, dims: meta.dims, data, ijkToLps, lpsToIjk: invert(ijkToLps) };
}
