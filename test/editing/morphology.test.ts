import { describe, expect, it } from 'vitest';
import { keepLargestComponent, labelComponents, removeIslands } from '../../core/editing/components.js';
import { fillHoles3d, fillHolesPerSlice } from '../../core/editing/fill-holes.js';
import { smoothMask } from '../../core/editing/smooth.js';
import { ballMask, boxMask, count, makeGrid, randomMask } from './support/grids.js';
import { bfsFillHoles, bfsLabels } from './support/reference-morphology.js';

const or = (...masks: Uint8Array[]) => masks.reduce((acc, m) => acc.map((v, n) => v | m[n]!));

describe('connected components', () => {
  const grid = makeGrid([12, 12, 6], [1, 1, 2]);
  const big = boxMask(grid, [1, 1, 1], [4, 4, 3]); // 4×4×3 = 48 voxels, 0.096 cc at 2 mm³ each
  const small = boxMask(grid, [8, 8, 1], [9, 9, 1]); // 4 voxels
  const diagonal = boxMask(grid, [5, 5, 4], [5, 5, 4]); // touches big only at a corner
  const mask = or(big, small, diagonal);
  it('6-connectivity splits at a shared corner, 26 joins it', () => {
    expect(labelComponents(mask, grid, 6).sizes).toEqual([48, 4, 1]);
    expect(labelComponents(mask, grid, 26).sizes).toEqual([49, 4]);
  });
  it('remove islands below a volume in cc (voxel = 2 mm³ = 0.002 cc)', () => {
    expect(removeIslands(mask, grid, 0.009, 6)).toEqual(big);
    expect(removeIslands(mask, grid, 0.008, 6)).toEqual(or(big, small));
    expect(removeIslands(mask, grid, 0.0021, 26)).toEqual(or(big, small, diagonal));
  });
  it('keep the largest component', () => {
    expect(keepLargestComponent(mask, grid, 6)).toEqual(big);
    expect(keepLargestComponent(mask, grid, 26)).toEqual(or(big, diagonal));
    expect(count(keepLargestComponent(new Uint8Array(mask.length), grid))).toBe(0);
  });
});

describe('run-based labelling and hole filling equal voxel-by-voxel breadth-first search (random masks)', () => {
  const grid = makeGrid([23, 19, 9], [0.9, 0.9, 2.5]);
  for (const [fill, seed] of [[0.25, 3], [0.45, 4], [0.6, 5]] as const) {
    const mask = randomMask(grid, fill, seed);
    it(`fill ${fill}: components (6, 26), fill holes (3D, per slice)`, () => {
      for (const c of [6, 26] as const) expect(labelComponents(mask, grid, c).labels).toEqual(bfsLabels(mask, [23, 19, 9], c));
      expect(fillHoles3d(mask, grid)).toEqual(bfsFillHoles(mask, [23, 19, 9], false));
      expect(fillHolesPerSlice(mask, grid)).toEqual(bfsFillHoles(mask, [23, 19, 9], true));
      // The denser masks do have holes, so the comparison is not of two no-ops.
      if (fill > 0.4) expect(count(fillHolesPerSlice(mask, grid))).toBeGreaterThan(count(mask));
      if (fill > 0.5) expect(count(fillHoles3d(mask, grid))).toBeGreaterThan(count(mask));
    });
  }
});

describe('fill holes', () => {
  const grid = makeGrid([14, 14, 8], [1, 1, 2]);
  const shell = boxMask(grid, [2, 2, 1], [11, 11, 6]).map((v, n) => (v && !boxMask(grid, [4, 4, 3], [9, 9, 4])[n] ? 1 : 0));
  const solid = boxMask(grid, [2, 2, 1], [11, 11, 6]);
  it('3D: a closed cavity is filled; an opening to the edge keeps it open', () => {
    expect(fillHoles3d(shell, grid)).toEqual(solid);
    // A tunnel along i from the cavity to the grid edge, on slice 3 row 6.
    const opened = shell.slice();
    for (let i = 0; i < 4; i++) opened[i + 14 * (6 + 14 * 3)] = 0;
    expect(fillHoles3d(opened, grid)).toEqual(opened);
  });
  it('2D per slice: a ring on a slice is filled even when the 3D cavity is open above', () => {
    // A cup: walls and floor, no lid — open in 3D, each slice's ring is a 2D hole.
    const cup = boxMask(grid, [2, 2, 1], [11, 11, 6]).map((v, n) => (v && !boxMask(grid, [4, 4, 3], [9, 9, 7])[n] ? 1 : 0));
    expect(fillHoles3d(cup, grid)).toEqual(cup);
    expect(fillHolesPerSlice(cup, grid)).toEqual(solid);
  });
});

describe('smoothing (Gaussian σ in mm, threshold 0.5)', () => {
  const grid = makeGrid([40, 40, 20], [1, 1, 2]);
  const ball = ballMask(grid, [19.5, 19.5, 19], 10);
  // Blur-and-threshold moves a surface of mean curvature κ = 1/R1 + 1/R2 inward by about σ²κ/2
  // (the 0.5 level of a blurred curved edge): σ²/R for a ball, 0.225 mm for R = 10, σ = 1.5.
  it("moves a ball's surface inward by about σ²/R and removes a 1-voxel spike and a 1-voxel pit", () => {
    const spiky = ball.slice();
    spiky[19 + 40 * (2 + 40 * 9)] = 1; // a lone voxel 7.5 mm outside the ball's surface at slice 9
    const pitted = spiky.slice();
    pitted[19 + 40 * (19 + 40 * 9)] = 0; // a pinhole inside
    const smooth = smoothMask(pitted, grid, 1.5);
    expect(smooth[19 + 40 * (2 + 40 * 9)]).toBe(0);
    expect(smooth[19 + 40 * (19 + 40 * 9)]).toBe(1);
    const radius = (m: Uint8Array) => Math.cbrt((3 * count(m) * 2) / (4 * Math.PI));
    const shift = radius(smooth) - radius(ball);
    console.info(`[smooth] σ 1.5 mm, R 10 mm: equivalent radius ${radius(ball).toFixed(3)} → ${radius(smooth).toFixed(3)} mm (shift ${shift.toFixed(3)}, σ²/R = 0.225)`);
    expect(Math.abs(shift + 0.225)).toBeLessThan(0.1);
    expect(smoothMask(ball, grid, 0)).toEqual(ball);
  });
  it('a mask touching the grid edge is not eaten from the edge (edge voxel repeated)', () => {
    const slab = boxMask(grid, [0, 0, 0], [39, 39, 5]);
    expect(smoothMask(slab, grid, 2)).toEqual(slab);
  });
});
