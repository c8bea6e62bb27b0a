import { describe, expect, it } from 'vitest';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { MIRP_SERIES, mirpPaths, niftiMaskOnGrid } from './support/mirp.js';

describe('mirp-sts (committed STS_002): RTSTRUCT rasterised onto its series equals the published mask voxel for voxel', () => {
  for (const s of MIRP_SERIES.filter((x) => x.case === 'STS_002')) {
    it(`${s.case} ${s.modality}: ${s.voxels} voxels, 0 differences`, async () => {
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
    });
  }
});
