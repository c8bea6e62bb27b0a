import { describe, expect, it } from 'vitest';
import { dice, plastimatchExpand } from '../../bench/margins-plastimatch.js';
import { expandMask } from '../../core/editing/margins.js';
import { stepMm } from '../../core/editing/mask-grid.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { fixture } from '../support/paths.js';
import { ballMask, count, differing, makeGrid, randomMask } from './support/grids.js';

/**
 * plastimatch 1.9 as an independent oracle: its Maurer distance map thresholded at the margin,
 * against expandMask, on the real GTV of the mirp-sts fixture (CT 0.98×0.98×3.27 mm; MR).
 * Same definition (voxel centre to voxel centre, ≤ margin), so the masks should be identical.
 */
describe('5 mm margin vs plastimatch dmap', () => {
  for (const modality of ['CT', 'MR_T1']) {
    it(`${modality}: Dice 1, no voxel differs`, async () => {
      const { volume } = await loadSeriesFromFolder(fixture(`mirp-sts/STS_002/${modality}/dicom/image`));
      const gtv = rasterizeStructureSet(readRtStruct(fixture(`mirp-sts/STS_002/${modality}/dicom/mask/RS.dcm`)), volume)[0]!.mask!;
      const ours = expandMask(gtv, volume, 5);
      const theirs = plastimatchExpand(volume, gtv, 5).mask;
      const d = dice(ours, theirs);
      console.info(`[plastimatch] ${modality} ${volume.dims.join('×')} @ ${stepMm(volume).map((s) => s.toFixed(3)).join('×')} mm: GTV ${count(gtv)} → ours ${count(ours)}, plastimatch ${count(theirs)} voxels, Dice ${d.toFixed(6)}, ${differing(ours, theirs)} differ`);
      expect(count(ours)).toBeGreaterThan(count(gtv));
      expect(differing(ours, theirs)).toBe(0);
    });
  }
  it('synthetic: a sphere and random blobs on a flipped 0.5×0.5×3 mm grid, 5 mm', () => {
    const grid = makeGrid([100, 90, 24], [0.5, 0.5, 3], [[-1, 0, 0], [0, -1, 0], [0, 0, 1]], [20, 10, -30]);
    const blobs = randomMask(grid, 0.002, 7);
    for (const [name, mask] of [['sphere r 12 mm', ballMask(grid, [-5, -12, 5], 12)], ['random blobs', blobs]] as const) {
      const ours = expandMask(mask, grid, 5);
      const theirs = plastimatchExpand(grid, mask, 5).mask;
      console.info(`[plastimatch] ${name}: ours ${count(ours)}, plastimatch ${count(theirs)} voxels, Dice ${dice(ours, theirs).toFixed(6)}, ${differing(ours, theirs)} differ`);
      expect(differing(ours, theirs)).toBe(0);
    }
  });
});
