import { describe, expect, it } from 'vitest';
import { rasterizeContours } from '../../core/contours/rasterize.js';
import { traceMask } from '../../core/contours/trace.js';
import { signedArea, sliceBox, traceSlice } from '../../core/contours/trace-slice.js';
import { allGrids } from './support/grids.js';
import { analyticShapes } from './support/shapes.js';

function differingVoxels(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) d++;
  return d;
}

function count(mask: Uint8Array): number {
  let c = 0;
  for (const v of mask) c += v;
  return c;
}

/** Proper crossings between non-adjacent edges of one polygon (touching counts as crossing). */
function selfIntersections(p: Float64Array): number {
  const n = p.length >> 1;
  const pt = (v: number) => [p[2 * (v % n)]!, p[2 * (v % n) + 1]!] as const;
  const orient = (a: readonly number[], b: readonly number[], c: readonly number[]) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  let hits = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 2; b < n; b++) {
      if (a === 0 && b === n - 1) continue;
      const [p1, p2, q1, q2] = [pt(a), pt(a + 1), pt(b), pt(b + 1)];
      const o1 = orient(p1, p2, q1), o2 = orient(p1, p2, q2), o3 = orient(q1, q2, p1), o4 = orient(q1, q2, p2);
      if (o1 !== o2 && o3 !== o4) hits++;
    }
  return hits;
}

describe('traceMask → rasterizeContours round trip (voxel-edge contours, centre rule)', () => {
  for (const { name: gridName, volume } of allGrids()) {
    for (const shape of analyticShapes(volume)) {
      it(`${shape.name} on the ${gridName} grid comes back voxel-identical`, () => {
        const contours = traceMask(shape.mask, volume);
        expect(contours.every((c) => c.points.length >= 9)).toBe(true);
        const back = rasterizeContours(volume, contours.map((c) => c.points), { sliceToleranceMm: 1e-6 });
        expect(back.warnings).toEqual([]);
        expect(count(shape.mask)).toBeGreaterThan(0);
        expect(back.voxels).toBe(count(shape.mask));
        expect(differingVoxels(back.mask, shape.mask)).toBe(0);
      });
    }
  }
});

describe('traceSlice', () => {
  it('writes holes as separate inner loops, clockwise, outers counter-clockwise', () => {
    // 5×5 square with a 1×1 hole and a voxel island inside a 3×3 hole elsewhere.
    const nx = 12, ny = 7;
    const mask = new Uint8Array(nx * ny);
    for (let j = 1; j <= 5; j++) for (let i = 1; i <= 5; i++) mask[i + nx * j] = 1;
    mask[3 + nx * 3] = 0;
    const loops = traceSlice(mask, nx, 0, sliceBox(mask, nx, 0, 0, ny)!);
    expect(loops.map((l) => l.hole).sort()).toEqual([false, true]);
    const outer = loops.find((l) => !l.hole)!;
    const hole = loops.find((l) => l.hole)!;
    expect(signedArea(outer.points)).toBe(25);
    expect(signedArea(hole.points)).toBe(-1);
    // Collinear points removed: a square is 4 corners.
    expect(outer.points.length / 2).toBe(4);
    expect(Array.from(hole.points).sort((a, b) => a - b)).toEqual([2.5, 2.5, 2.5, 2.5, 3.5, 3.5, 3.5, 3.5]);
  });

  it('keeps corner-touching voxels in one contour (8-connected), holes 4-connected', () => {
    const nx = 6, ny = 6;
    const loopsOf = (voxels: [number, number][]) => {
      const mask = new Uint8Array(nx * ny);
      for (const [i, j] of voxels) mask[i + nx * j] = 1;
      return traceSlice(mask, nx, 0, sliceBox(mask, nx, 0, 0, ny)!);
    };
    expect(loopsOf([[1, 1], [2, 2]]).map((l) => l.hole)).toEqual([false]);
    expect(loopsOf([[1, 1], [2, 2], [3, 3], [4, 4]]).map((l) => l.hole)).toEqual([false]);
    // A diamond of four voxels around an empty centre: one outer contour and the centre as a hole.
    expect(loopsOf([[2, 1], [3, 2], [2, 3], [1, 2]]).map((l) => l.hole).sort()).toEqual([false, true]);
    // The diamond's hole touches nothing else, so its area is the centre voxel minus the four corner cuts.
    const hole = loopsOf([[2, 1], [3, 2], [2, 3], [1, 2]]).find((l) => l.hole)!;
    expect(-signedArea(hole.points)).toBeCloseTo(1 - 4 * 0.5 * 0.25 * 0.25, 12);
  });

  it('traces random noise into simple loops that neither cross nor touch themselves', () => {
    const { volume } = allGrids()[0]!;
    const noise = analyticShapes(volume).find((s) => s.name === 'random noise')!.mask;
    const [nx, ny] = volume.dims;
    let loops = 0, crossings = 0;
    for (let k = 0; k < volume.dims[2]; k++) {
      const box = sliceBox(noise, nx, k * nx * ny, 0, ny);
      if (!box) continue;
      for (const loop of traceSlice(noise, nx, k * nx * ny, box)) {
        loops++;
        crossings += selfIntersections(loop.points);
      }
    }
    expect(loops).toBeGreaterThan(100);
    expect(crossings).toBe(0);
  });

  it('splits long loops into row bands that still rasterise exactly', () => {
    for (const { volume } of allGrids().slice(0, 2)) {
      for (const shape of analyticShapes(volume).filter((s) => ['sphere', 'hollow sphere', 'random noise'].includes(s.name))) {
        const contours = traceMask(shape.mask, volume, { maxPointsPerContour: 12 });
        expect(Math.max(...contours.map((c) => c.points.length / 3))).toBeLessThanOrEqual(12);
        const back = rasterizeContours(volume, contours.map((c) => c.points));
        expect(differingVoxels(back.mask, shape.mask)).toBe(0);
      }
    }
  });
});
