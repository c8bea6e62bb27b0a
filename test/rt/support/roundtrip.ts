import { join } from 'node:path';
import type { ImageVolume } from '../../../core/volume/image-volume.js';
import { rasterizeStructureSet } from '../../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../../core/rt/read-rtstruct.js';
import type { RoiInput } from '../../../core/rt/roi-input.js';
import type { RtStructWriteOptions } from '../../../core/rt/write-rtstruct.js';
import { writeRtStructFile } from '../../../core/rt/write-rtstruct.js';
import type { Dataset } from '../../../core/dicom/dcmjs.js';
import { tempDir } from '../../support/paths.js';
import { dciodvfy } from '../../support/tools.js';

export function differingVoxels(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) d++;
  return d;
}

export function voxelCount(mask: Uint8Array): number {
  let c = 0;
  for (const v of mask) c += v;
  return c;
}

/** Write ROIs to an RTSTRUCT file (which must pass dciodvfy with no error), read it back, rasterise onto the same volume. */
export function roundTrip(volume: ImageVolume, reference: Dataset, rois: RoiInput[], options: RtStructWriteOptions = {}, file = join(tempDir('delineate-rt-'), 'RS.dcm')) {
  const written = writeRtStructFile(file, volume, reference, rois, options);
  const verdict = dciodvfy(file);
  if (verdict.errors.length > 0) throw new Error(`dciodvfy found errors in ${file}:\n${verdict.output}`);
  const set = readRtStruct(file);
  const rasters = rasterizeStructureSet(set, volume, { sliceToleranceMm: 1e-3 });
  return { file, written, set, rasters };
}
