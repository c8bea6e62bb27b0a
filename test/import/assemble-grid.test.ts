import { describe, expect, it } from 'vitest';
import { vec3 } from '../../core/geometry/spaces.js';
import type { Vec3 } from '../../core/geometry/spaces.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { assembleGrid } from '../../core/import/assemble-grid.js';
import type { FrameRecord } from '../../core/import/frame-record.js';

function plane(position: Vec3<'LPS'>, extra: Partial<FrameRecord> = {}): FrameRecord {
  return {
    path: `slice-${position.join('_')}`,
    frameIndex: 0,
    rows: 4,
    columns: 3,
    rowCosine: vec3<'LPS'>(1, 0, 0),
    columnCosine: vec3<'LPS'>(0, 1, 0),
    position,
    pixelSpacing: [0.5, 0.7],
    slope: 1,
    intercept: 0,
    stackKey: 'k',
    stackLabel: 'k',
    temporalOrder: [0],
    sopInstanceUid: `1.2.${position[2]}`,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    monochrome1: false,
    ...extra,
  };
}

describe('assembleGrid', () => {
  it('orders slices by position along the normal, not by file or instance order', () => {
    const zs = [6, 0, 9, 3];
    const grid = assembleGrid(zs.map((z) => plane(vec3(10, 20, z))), 'test');
    expect(grid.dims).toEqual([3, 4, 4]);
    expect(grid.frames[0]!.map((f) => f.position[2])).toEqual([0, 3, 6, 9]);
    expect(grid.spacingMm).toEqual([0.7, 0.5, 3]);
    // i steps along the row direction by the column spacing (PixelSpacing[1]); j by the row spacing.
    expect(applyToPoint(grid.ijkToLps, vec3<'IJK'>(1, 0, 0))).toEqual([10.7, 20, 0]);
    expect(applyToPoint(grid.ijkToLps, vec3<'IJK'>(0, 1, 0))).toEqual([10, 20.5, 0]);
    expect(applyToPoint(grid.ijkToLps, vec3<'IJK'>(0, 0, 3))).toEqual([10, 20, 9]);
  });

  it('handles sagittal and oblique stacks: the slice step follows the true positions', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const row = vec3<'LPS'>(0, c, s);
    const col = vec3<'LPS'>(0, -s, c);
    const normal = vec3<'LPS'>(1, 0, 0);
    const planes = [2, 0, 1].map((k) => plane(vec3(k * 1.2 * normal[0], 5, -3), { rowCosine: row, columnCosine: col }));
    const grid = assembleGrid(planes, 'oblique');
    const p = applyToPoint(grid.ijkToLps, vec3<'IJK'>(2, 3, 2));
    expect(p[0]).toBeCloseTo(2.4, 12);
    expect(p[1]).toBeCloseTo(5 + 2 * 0.7 * c - 3 * 0.5 * s, 12);
    expect(p[2]).toBeCloseTo(-3 + 2 * 0.7 * s + 3 * 0.5 * c, 12);
  });

  it('reports a missing slice instead of stretching the volume', () => {
    const planes = [0, 3, 6, 12, 15].map((z) => plane(vec3(0, 0, z)));
    expect(() => assembleGrid(planes, 'gappy')).toThrow(/a step of 6\.000 mm between 6\.000 and 12\.000 mm along the normal \(slice-0_0_6 and slice-0_0_12, slices 3 and 4 of 5\), where the steps are mostly 3\.000 mm.*: missing slices\?/);
  });

  it('reports non-uniform spacing', () => {
    const planes = [0, 2, 4, 7, 10].map((z) => plane(vec3(0, 0, z)));
    expect(() => assembleGrid(planes, 'uneven')).toThrow(/range 2\.000–3\.000 mm\): non-uniform slice spacing/);
  });

  it('keeps true positions of a gantry-tilted stack (sheared affine) and says so', () => {
    const planes = [0, 1, 2, 3].map((k) => plane(vec3(0, k * 0.5, k * 2)));
    const grid = assembleGrid(planes, 'tilt');
    expect(applyToPoint(grid.ijkToLps, vec3<'IJK'>(0, 0, 3))).toEqual([0, 1.5, 6]);
    expect(grid.warnings.join(' ')).toMatch(/sheared by 14\.04°/);
  });

  it('builds several volumes from repeated positions, ordered by time', () => {
    const planes = [0, 4, 8].flatMap((z) => [2, 1].map((t) => plane(vec3(0, 0, z), { temporalOrder: [t], path: `t${t}z${z}` })));
    const grid = assembleGrid(planes, '4d');
    expect(grid.volumes).toBe(2);
    expect(grid.frames[0]!.map((f) => f.path)).toEqual(['t1z0', 't1z4', 't1z8']);
    expect(grid.frames[1]!.map((f) => f.path)).toEqual(['t2z0', 't2z4', 't2z8']);
  });

  it('names a duplicated slice and its files', () => {
    const planes = [0, 4, 8].map((z) => plane(vec3(0, 0, z)));
    planes.push(plane(vec3(0, 0, 4), { path: 'copy-of-4' }));
    expect(() => assembleGrid(planes, 'dup')).toThrow(/position 4\.000 mm along the normal holds 2 image\(s\) \((slice-0_0_4, copy-of-4|copy-of-4, slice-0_0_4)\) where the others hold 1: a duplicated or extra image/);
  });

  it('reports an incomplete time series', () => {
    const planes = [plane(vec3(0, 0, 0)), plane(vec3(0, 0, 0), { temporalOrder: [1] }), plane(vec3(0, 0, 4))];
    expect(() => assembleGrid(planes, 'incomplete')).toThrow(/the position 4\.000 mm along the normal holds 1 image\(s\) \(slice-0_0_4\) where the others hold 2: an image missing/);
  });
});
