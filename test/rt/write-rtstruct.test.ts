import { describe, expect, it } from 'vitest';
import type { RoiInput } from '../../core/rt/roi-input.js';
import { allGrids, axialGrid } from '../contours/support/grids.js';
import { analyticShapes } from '../contours/support/shapes.js';
import { dciodvfy } from '../support/tools.js';
import { syntheticReference } from './support/reference.js';
import { differingVoxels, roundTrip, voxelCount } from './support/roundtrip.js';

const TYPES = ['ORGAN', 'PTV', 'CTV', 'GTV', 'AVOIDANCE', 'EXTERNAL', 'OAR'];
const ALGORITHMS = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL'] as const;

function roisFor(shapes: { name: string; mask: Uint8Array }[]): RoiInput[] {
  // Sparse, non-sequential ROI numbers: the caller's numbers must survive unchanged.
  return shapes.map((s, n) => ({
    number: 100 + 7 * n,
    name: s.name,
    mask: s.mask,
    color: [(37 * n) % 256, (91 * n + 20) % 256, (53 * n + 200) % 256] as const,
    interpretedType: TYPES[n % TYPES.length]!,
    generationAlgorithm: ALGORITHMS[n % 3]!,
    generationDescription: `test shape ${n}`,
  }));
}

describe('mask → RTSTRUCT file → mask on analytic shapes', () => {
  for (const { name: gridName, volume } of allGrids()) {
    it(`${gridName} grid: every shape voxel-identical, metadata preserved, dciodvfy clean`, () => {
      const shapes = analyticShapes(volume);
      const rois = roisFor(shapes);
      const { file, written, set, rasters } = roundTrip(volume, syntheticReference(), rois);
      expect(written.warnings).toEqual([]);
      const verdict = dciodvfy(file);
      expect(verdict.errors, verdict.output).toEqual([]);
      expect(set.rois.map((r) => r.number)).toEqual(rois.map((r) => r.number));
      expect(set.frameOfReferenceUid).toBe(volume.frameOfReferenceUid);
      rois.forEach((roi, n) => {
        const back = set.rois[n]!;
        expect(back.name).toBe(roi.name);
        expect(back.color).toEqual(roi.color);
        expect(back.interpretedType).toBe(roi.interpretedType);
        expect(back.generationAlgorithm).toBe(roi.generationAlgorithm);
        expect(back.generationDescription).toBe(roi.generationDescription);
        const raster = rasters[n]!;
        expect(raster.warnings).toEqual([]);
        expect(raster.voxels, `${roi.name}`).toBe(voxelCount(roi.mask));
        expect(differingVoxels(raster.mask!, roi.mask), `${roi.name}`).toBe(0);
      });
    });
  }

  it('implicit VR little endian round-trips the same way', () => {
    const { volume } = allGrids()[1]!;
    const rois = roisFor(analyticShapes(volume));
    const { file, rasters } = roundTrip(volume, syntheticReference(), rois, { transferSyntax: 'implicit' });
    expect(dciodvfy(file).errors).toEqual([]);
    rois.forEach((roi, n) => expect(differingVoxels(rasters[n]!.mask!, roi.mask)).toBe(0));
  });

  it('point reduction stays within its tolerance and keeps the mask close', () => {
    const { volume } = axialGrid();
    const sphere = analyticShapes(volume).find((s) => s.name === 'sphere')!;
    const exact = roundTrip(volume, syntheticReference(), [{ number: 1, name: 'sphere', mask: sphere.mask }]);
    const reduced = roundTrip(volume, syntheticReference(), [{ number: 1, name: 'sphere', mask: sphere.mask }], { simplifyToleranceMm: 0.75 });
    const points = (s: typeof exact.set) => s.rois[0]!.contours.reduce((t, c) => t + c.points.length / 3, 0);
    // 0.75 mm on 0.98 mm pixels: 368 → 96 points on this sphere; only boundary voxels may change.
    expect(points(reduced.set)).toBeLessThan(0.4 * points(exact.set));
    const back = reduced.rasters[0]!.mask!;
    const [nx, ny] = volume.dims;
    let changed = 0, interior = 0;
    for (let n = 0; n < back.length; n++) {
      if (back[n] === sphere.mask[n]) continue;
      changed++;
      const i = n % nx, j = Math.floor(n / nx) % ny;
      let boundary = false;
      for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
        if (i + di >= 0 && i + di < nx && j + dj >= 0 && j + dj < ny && sphere.mask[n + di + dj * nx] !== sphere.mask[n]) boundary = true;
      }
      if (!boundary) interior++;
    }
    expect(changed / voxelCount(sphere.mask)).toBeLessThan(0.08);
    expect(interior).toBe(0);
  });
});
