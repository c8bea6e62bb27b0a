import { expect } from 'vitest';
import { loadSeriesFromFolder } from '../../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../../core/rt/read-rtstruct.js';
import { join } from 'node:path';
import { multiply, RAS_TO_LPS } from '../../../core/geometry/mat4.js';
import { matchGrids, reorderOnto } from '../../../core/contours/grid-match.js';
import type { GridLike } from '../../../core/contours/grid-match.js';
import { readNiftiFile } from '../../../core/nifti/read-nifti.js';
import { fixture, sharedDataset } from '../../support/paths.js';

/** The four mirp-sts series with the voxel counts SOURCE.md lists for their reference masks. */
export const MIRP_SERIES = [
  { case: 'STS_001', modality: 'CT', voxels: 117145, contours: 32 },
  { case: 'STS_001', modality: 'MR_T1', voxels: 117145, contours: 32 },
  { case: 'STS_002', modality: 'CT', voxels: 17090, contours: 16 },
  { case: 'STS_002', modality: 'MR_T1', voxels: 17090, contours: 16 },
] as const;

/** STS_002 is committed as a fixture (runs on a fresh clone); STS_001 comes from ../shared. */
export function mirpPaths(c: string, modality: string) {
  const root = c === 'STS_002' ? fixture('mirp-sts', c, modality) : sharedDataset('mirp-sts', c, modality);
  return {
    imageDir: join(root, 'dicom/image'),
    rtstruct: join(root, 'dicom/mask/RS.dcm'),
    maskNifti: join(root, 'nifti/mask/mask.nii.gz'),
  };
}

/** A NIfTI mask brought onto `grid` through both affines (world space, not array order). */
export function niftiMaskOnGrid(path: string, grid: GridLike): Uint8Array {
  const nii = readNiftiFile(path);
  const niftiGrid: GridLike = { dims: [nii.dims[0], nii.dims[1], nii.dims[2]], ijkToLps: multiply(RAS_TO_LPS, nii.ijkToRas) };
  const match = matchGrids(grid, niftiGrid);
  if (!match.ok) throw new Error(`${path}: not on the image grid: ${match.reason}`);
  const out = reorderOnto(match.mapping, grid.dims, nii.data, new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]));
  for (let n = 0; n < out.length; n++) out[n] = out[n] ? 1 : 0;
  return out;
}

/** RTSTRUCT rasterised onto its series equals the published mask voxel for voxel. */
export async function expectImportMatchesPublishedMask(s: (typeof MIRP_SERIES)[number]): Promise<void> {
  const paths = mirpPaths(s.case, s.modality);
  const { volume } = await loadSeriesFromFolder(paths.imageDir);
  const set = readRtStruct(paths.rtstruct);
  expect(set.rois).toHaveLength(1);
  expect(set.rois[0]!.contours).toHaveLength(s.contours);
  const [raster] = rasterizeStructureSet(set, volume);
  expect(raster!.warnings).toEqual([]);
  const reference = niftiMaskOnGrid(paths.maskNifti, volume);
  let differ = 0, refCount = 0;
  for (let n = 0; n < reference.length; n++) {
    refCount += reference[n]!;
    if (reference[n] !== raster!.mask![n]) differ++;
  }
  expect(refCount).toBe(s.voxels);
  expect(raster!.voxels).toBe(s.voxels);
  expect(differ).toBe(0);
}
