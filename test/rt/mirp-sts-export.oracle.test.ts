import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { writeRtStructFile } from '../../core/rt/write-rtstruct.js';
import { analyticShapes } from '../contours/support/shapes.js';
import { tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';
import { MIRP_SERIES, mirpPaths, niftiMaskOnGrid } from './support/mirp.js';
import { dice, plastimatchMasks } from './support/plastimatch.js';
import { differingVoxels, voxelCount } from './support/roundtrip.js';

describe('mirp-sts: published mask → our RTSTRUCT → mask, and plastimatch reading our RTSTRUCT', () => {
  for (const s of MIRP_SERIES) {
    it(`${s.case} ${s.modality}: identical on re-import, dciodvfy clean, plastimatch Dice ≥ 0.99`, async () => {
      const paths = mirpPaths(s.case, s.modality);
      const { volume, referenceDataset } = await loadSeriesFromFolder(paths.imageDir);
      const mask = niftiMaskOnGrid(paths.maskNifti, volume);
      expect(voxelCount(mask)).toBe(s.voxels);
      const file = join(tempDir('delineate-mirp-'), 'RS.dcm');
      const roi = { number: 7, name: 'GTV_Mass', mask, color: [255, 0, 0] as const, interpretedType: 'GTV', generationAlgorithm: 'MANUAL' as const };
      writeRtStructFile(file, volume, referenceDataset, [roi]);
      const verdict = dciodvfy(file);
      expect(verdict.errors, verdict.output).toEqual([]);
      const set = readRtStruct(file);
      const back = set.rois[0]!;
      expect([back.number, back.name, back.color, back.interpretedType, back.generationAlgorithm]).toEqual([7, 'GTV_Mass', [255, 0, 0], 'GTV', 'MANUAL']);
      const [raster] = rasterizeStructureSet(set, volume);
      expect(raster!.warnings).toEqual([]);
      expect(differingVoxels(raster!.mask!, mask)).toBe(0);
      const pm = plastimatchMasks(file, paths.imageDir, volume, false).get('GTV_Mass')!;
      const d = dice(pm, mask);
      console.log(`${s.case} ${s.modality}: plastimatch Dice ${d.toFixed(5)} (${voxelCount(pm)} vs ${s.voxels} voxels)`);
      expect(d).toBeGreaterThanOrEqual(0.99);
    });
  }

  it('plastimatch restores holes from our separate inner contours with --xor-contours (STS_001 CT grid)', async () => {
    const paths = mirpPaths('STS_001', 'CT');
    const { volume, referenceDataset } = await loadSeriesFromFolder(paths.imageDir);
    const shapes = analyticShapes(volume).filter((x) => ['hollow sphere', 'torus', 'island in hole', 'sphere'].includes(x.name));
    const file = join(tempDir('delineate-mirp-'), 'RS.dcm');
    writeRtStructFile(file, volume, referenceDataset, shapes.map((x, n) => ({ number: n + 1, name: x.name.replace(/ /g, '_'), mask: x.mask })));
    const xor = plastimatchMasks(file, paths.imageDir, volume, true);
    const or = plastimatchMasks(file, paths.imageDir, volume, false);
    for (const x of shapes) {
      const key = x.name.replace(/ /g, '_');
      const dx = dice(xor.get(key)!, x.mask), dor = dice(or.get(key)!, x.mask);
      console.log(`${x.name}: plastimatch Dice ${dx.toFixed(5)} with --xor-contours, ${dor.toFixed(5)} without`);
      expect(dx).toBeGreaterThanOrEqual(0.99);
    }
  });
});
