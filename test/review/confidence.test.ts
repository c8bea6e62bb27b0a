import { describe, expect, it } from 'vitest';
import { lowConfidenceRegions, structureConfidence, voxelDisagreement } from '../../core/review/confidence.js';
import { box, grid } from './support/masks.js';

describe('test-time-augmentation confidence', () => {
  const g = grid([20, 20, 10], [1, 1, 2]);
  const organ = box(g, [4, 4, 2], [11, 11, 6]); // 8 × 8 × 5 = 320 voxels
  const blob = box(g, [14, 14, 3], [16, 16, 5]); // 27 voxels away from the organ
  const withBlob = organ.map((v, n) => v | blob[n]!);
  withBlob[0] = 1; // and a single flickering voxel in a corner

  it('K identical maps: no disagreement, confidence 1, nothing flagged', () => {
    const maps = [organ, organ, organ];
    expect(voxelDisagreement(maps).every((d) => d === 0)).toBe(true);
    expect(structureConfidence(maps)).toEqual({ confidence: 1, unionVoxels: 320, intersectionVoxels: 320 });
    expect(lowConfidenceRegions(maps, g)).toEqual([]);
  });

  it('one flip out of four adds a blob: disagreement 1/4 there, confidence from the union, the blob flagged', () => {
    const maps = [organ, organ, organ, withBlob];
    const d = voxelDisagreement(maps);
    expect(d[15 + 20 * (15 + 20 * 4)]).toBe(0.25);
    expect(d[5 + 20 * (5 + 20 * 3)]).toBe(0);
    const c = structureConfidence(maps);
    expect(c.unionVoxels).toBe(320 + 27 + 1);
    expect(c.intersectionVoxels).toBe(320);
    expect(c.confidence).toBeCloseTo((320 + 0.75 * 28) / 348, 12);
    // 10 mm³ at 2 mm³ per voxel: the 27-voxel blob (54 mm³) is a finding, the lone voxel is not.
    const regions = lowConfidenceRegions(maps, g, { minVolumeMm3: 10 });
    expect(regions).toEqual([{ voxels: 27, volumeMm3: 54, lo: [14, 14, 3], hi: [16, 16, 5], centroidIjk: [15, 15, 4], meanDisagreement: 0.25 }]);
    expect(lowConfidenceRegions(maps, g).map((r) => r.voxels)).toEqual([27, 1]);
    // Requiring a 2-vs-2 split flags nothing here.
    expect(lowConfidenceRegions(maps, g, { minDisagreement: 0.5 })).toEqual([]);
  });

  it('works on multi-label maps, per structure label', () => {
    const a = Uint8Array.from([1, 1, 2, 0]);
    const b = Uint8Array.from([1, 2, 2, 0]);
    const c = Uint8Array.from([1, 3, 2, 0]);
    const d = Uint8Array.from([1, 1, 0, 0]);
    expect([...voxelDisagreement([a, b, c, d])]).toEqual([0, 0.5, 0.25, 0]);
    expect(structureConfidence([a, b, c, d], 2)).toEqual({ confidence: (0.75 + 0.75) / 2, unionVoxels: 2, intersectionVoxels: 0 });
  });
});
