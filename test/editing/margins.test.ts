import { describe, expect, it } from 'vitest';
import { isotropicMargin } from '../../core/editing/directional-margin.js';
import type { DirectionalMarginMm } from '../../core/editing/directional-margin.js';
import { contractMask, expandMask, ringMask, shellMask } from '../../core/editing/margins.js';
import { bruteContract, bruteExpand } from './support/brute-force.js';
import { ballMask, boxMask, centreOf, count, lpsExtent, makeGrid, randomMask } from './support/grids.js';

const dir = (m: Partial<DirectionalMarginMm>): DirectionalMarginMm => ({ left: 0, right: 0, anterior: 0, posterior: 0, superior: 0, inferior: 0, ...m });

describe('margins: exact against the definition evaluated voxel by voxel (small grids)', () => {
  const cases = [
    { name: 'isotropic 1 mm grid, 2.5 mm', grid: makeGrid([14, 13, 12], [1, 1, 1]), margin: isotropicMargin(2.5) },
    { name: 'anisotropic 0.5×0.7×3 mm grid, 3 mm', grid: makeGrid([16, 14, 8], [0.5, 0.7, 3]), margin: isotropicMargin(3) },
    { name: 'per-direction on 1×1×2 mm', grid: makeGrid([14, 14, 10], [1, 1, 2]), margin: dir({ right: 1, left: 3, anterior: 2, posterior: 0, superior: 4, inferior: 2 }) },
    {
      name: 'per-direction on a flipped, permuted (sagittal) grid',
      grid: makeGrid([12, 14, 10], [0.8, 1.1, 2], [[0, -1, 0], [0, 0, -1], [1, 0, 0]]),
      margin: dir({ right: 2, left: 0.5, anterior: 3, posterior: 1, superior: 2.5, inferior: 1.2 }),
    },
    {
      name: 'per-direction on an oblique grid (30° about z)',
      grid: makeGrid([13, 13, 8], [1, 1, 2], [[Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0], [-Math.sin(Math.PI / 6), Math.cos(Math.PI / 6), 0], [0, 0, 1]]),
      margin: dir({ right: 2, left: 3, anterior: 1, posterior: 2.5, superior: 2, inferior: 4 }),
    },
    {
      name: 'isotropic on a gantry-tilted (sheared) grid',
      grid: makeGrid([13, 13, 8], [1, 1, 2], [[1, 0, 0], [0, 1, 0], [0, Math.sin(0.2), Math.cos(0.2)]]),
      margin: isotropicMargin(3),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: expansion and contraction of random blobs equal the brute-force definition`, () => {
      for (const [fill, seed] of [[0.04, 1], [0.6, 2]] as const) {
        const mask = randomMask(c.grid, fill, seed);
        const expanded = bruteExpand(c.grid, mask, c.margin), contracted = bruteContract(c.grid, mask, c.margin);
        for (const method of ['distance-transform', 'runs'] as const) {
          expect(expandMask(mask, c.grid, c.margin, { method })).toEqual(expanded);
          expect(contractMask(mask, c.grid, c.margin, { method })).toEqual(contracted);
        }
      }
    });
  }
});

/**
 * A digital sphere S_r (voxel centres within r of c) expanded by m is sandwiched between the
 * digital spheres of radius r + m − diag and r + m, diag = the voxel's full diagonal: every
 * point within r − diag/2 of c has a voxel of S_r within diag/2, so any p with |p − c| ≤ r + m −
 * diag is within m of S_r; and nothing beyond r + m can be. Contraction: between r − m and
 * r − m + diag. That is the "one voxel layer" band; the volume is checked against it.
 */
describe('margins: spheres (isotropic 1 mm and anisotropic 0.5×0.5×3 mm grids)', () => {
  const grids = [
    { name: '1×1×1 mm', grid: makeGrid([60, 60, 60], [1, 1, 1], undefined, [-29.7, -30.2, -29.9]) },
    { name: '0.5×0.5×3 mm', grid: makeGrid([120, 120, 22], [0.5, 0.5, 3], undefined, [-29.8, -30.1, -31.2]) },
  ];
  const r = 20, m = 5;
  for (const { name, grid } of grids) {
    const sp = [Math.hypot(...[0, 1, 2].map((a) => grid.ijkToLps[4 * a]!)), Math.hypot(...[0, 1, 2].map((a) => grid.ijkToLps[4 * a + 1]!)), Math.hypot(...[0, 1, 2].map((a) => grid.ijkToLps[4 * a + 2]!))];
    const diag = Math.hypot(sp[0]!, sp[1]!, sp[2]!);
    const voxelMm3 = sp[0]! * sp[1]! * sp[2]!;
    const sphere = ballMask(grid, [0, 0, 0], r);
    const radial = (mask: Uint8Array, inner: number, outer: number) => {
      let missing = 0, extra = 0;
      const [nx, ny, nz] = grid.dims;
      for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
        const d = Math.hypot(...centreOf(grid, i, j, k));
        const v = mask[i + nx * (j + ny * k)];
        if (d <= inner && !v) missing++;
        if (d > outer + 1e-6 && v) extra++;
      }
      return { missing, extra };
    };
    it(`${name}: sphere r=${r} mm + ${m} mm lies between the digital spheres of ${r + m} − diag and ${r + m} mm; volume within a layer`, () => {
      const grown = expandMask(sphere, grid, m);
      expect(radial(grown, r + m - diag, r + m)).toEqual({ missing: 0, extra: 0 });
      const volume = count(grown) * voxelMm3;
      const ideal = (4 / 3) * Math.PI * (r + m) ** 3;
      const band = 4 * Math.PI * (r + m) ** 2 * diag;
      expect(Math.abs(volume - ideal)).toBeLessThanOrEqual(band);
      const shift = (volume - ideal) / (4 * Math.PI * (r + m) ** 2);
      console.info(`[margins] ${name}: expand r=${r}+${m}: ${volume.toFixed(0)} mm³ vs ideal ${ideal.toFixed(0)} (Δ ${(((volume - ideal) / ideal) * 100).toFixed(2)}%, mean surface offset ${shift.toFixed(3)} mm, band ±${band.toFixed(0)} mm³)`);
    });
    it(`${name}: sphere r=${r} mm − ${m} mm lies between the digital spheres of ${r - m} and ${r - m} + diag mm; volume within a layer`, () => {
      const shrunk = contractMask(sphere, grid, m);
      expect(radial(shrunk, r - m, r - m + diag)).toEqual({ missing: 0, extra: 0 });
      const volume = count(shrunk) * voxelMm3;
      const ideal = (4 / 3) * Math.PI * (r - m) ** 3;
      const band = 4 * Math.PI * (r - m) ** 2 * diag;
      expect(Math.abs(volume - ideal)).toBeLessThanOrEqual(band);
      const shift = (volume - ideal) / (4 * Math.PI * (r - m) ** 2);
      console.info(`[margins] ${name}: contract r=${r}−${m}: ${volume.toFixed(0)} mm³ vs ideal ${ideal.toFixed(0)} (Δ ${(((volume - ideal) / ideal) * 100).toFixed(2)}%, mean surface offset ${shift.toFixed(3)} mm, band ±${band.toFixed(0)} mm³)`);
    });
  }
});

describe('margins: per-direction, measured along each patient axis', () => {
  const margin = dir({ right: 2, left: 4, anterior: 1, posterior: 3, superior: 6, inferior: 3 });
  // Axis order LPS: x grows to the LEFT, y to POSTERIOR, z to SUPERIOR; min side = R, A, I.
  const expected = (sx: number, sy: number, sz: number) => ({
    min: [-Math.floor(margin.right / sx) * sx, -Math.floor(margin.anterior / sy) * sy, -Math.floor(margin.inferior / sz) * sz],
    max: [Math.floor(margin.left / sx) * sx, Math.floor(margin.posterior / sy) * sy, Math.floor(margin.superior / sz) * sz],
  });
  const grids = [
    { name: 'axial HFS 0.9×0.9×2.5', grid: makeGrid([40, 40, 30], [0.9, 0.9, 2.5]), sp: [0.9, 0.9, 2.5] },
    // i → patient right, j → anterior, k → inferior: every axis flipped.
    { name: 'axial, all axes flipped', grid: makeGrid([40, 40, 30], [0.9, 0.9, 2.5], [[-1, 0, 0], [0, -1, 0], [0, 0, -1]]), sp: [0.9, 0.9, 2.5] },
    // Sagittal: i → posterior (y), j → inferior (−z), k → left (x).
    { name: 'sagittal (permuted)', grid: makeGrid([40, 40, 30], [0.7, 1.2, 2], [[0, 1, 0], [0, 0, -1], [1, 0, 0]]), sp: [2, 0.7, 1.2] },
  ];
  for (const { name, grid, sp } of grids) {
    it(`${name}: expansion adds exactly floor(margin/spacing)·spacing on each side`, () => {
      const mask = boxMask(grid, [15, 15, 12], [22, 21, 16]);
      const before = lpsExtent(grid, mask);
      const after = lpsExtent(grid, expandMask(mask, grid, margin));
      const e = expected(sp[0]!, sp[1]!, sp[2]!);
      for (let a = 0; a < 3; a++) {
        expect(after.min[a]! - before.min[a]!).toBeCloseTo(e.min[a]!, 9);
        expect(after.max[a]! - before.max[a]!).toBeCloseTo(e.max[a]!, 9);
      }
    });
    it(`${name}: contraction removes exactly floor(margin/spacing)·spacing on each side`, () => {
      const mask = boxMask(grid, [5, 5, 4], [34, 34, 25]);
      const before = lpsExtent(grid, mask);
      const after = lpsExtent(grid, contractMask(mask, grid, margin));
      const e = expected(sp[0]!, sp[1]!, sp[2]!);
      for (let a = 0; a < 3; a++) {
        // Contracting the RIGHT side raises the minimum x by the right margin, and so on.
        expect(after.min[a]! - before.min[a]!).toBeCloseTo(-e.min[a]!, 9);
        expect(after.max[a]! - before.max[a]!).toBeCloseTo(-e.max[a]!, 9);
      }
    });
  }
});

describe('margins: image edge, rings and shells', () => {
  const grid = makeGrid([20, 20, 20], [1, 1, 1]);
  const touching = boxMask(grid, [0, 5, 5], [9, 14, 14]);
  it("contraction: 'unknown' beyond the grid does not erode; 'background' does (both methods)", () => {
    for (const method of ['distance-transform', 'runs'] as const) {
      const unknown = contractMask(touching, grid, 2, { method });
      const background = contractMask(touching, grid, 2, { outsideGrid: 'background', method });
      expect(lpsExtent(grid, unknown).min[0]).toBe(0);
      expect(lpsExtent(grid, background).min[0]).toBe(2);
      expect(lpsExtent(grid, unknown).max[0]).toBe(7);
      expect(lpsExtent(grid, background).min[1]).toBe(7);
    }
  });
  it('expansion is clipped to the grid', () => {
    const grown = expandMask(touching, grid, 3);
    expect(lpsExtent(grid, grown).min).toEqual([0, 2, 2]);
    expect(grown.length).toBe(touching.length);
  });
  it('ring(2, 7) = expand(7) − expand(2); shell(3) = mask − contract(3); an empty mask stays empty', () => {
    const ball = ballMask(grid, [9.5, 9.5, 9.5], 4);
    const ring = ringMask(ball, grid, 2, 7);
    const e7 = expandMask(ball, grid, 7), e2 = expandMask(ball, grid, 2);
    expect(ring).toEqual(e7.map((v, n) => (v && !e2[n] ? 1 : 0)));
    const c3 = contractMask(ball, grid, 3);
    expect(shellMask(ball, grid, 3)).toEqual(ball.map((v, n) => (v && !c3[n] ? 1 : 0)));
    expect(count(expandMask(new Uint8Array(ball.length), grid, 5))).toBe(0);
    expect(() => ringMask(ball, grid, 5, 2)).toThrow(/inner < outer/);
    expect(() => expandMask(ball, grid, -1)).toThrow(/≥ 0/);
  });
});

describe('margins: floating-point edges', () => {
  // A voxel exactly at the margin is inside, with a relative slack of 1e-6 for float rounding
  // (THRESHOLD_SLACK); both methods must apply the same slack or they would disagree there.
  it('a margin within the rounding slack below a whole number of voxels reaches it with both methods', () => {
    const grid = makeGrid([15, 15, 15], [1, 1, 1]);
    const dot = boxMask(grid, [7, 7, 7], [7, 7, 7]);
    for (const method of ['distance-transform', 'runs'] as const) {
      const e = lpsExtent(grid, expandMask(dot, grid, 5 * (1 - 2e-7), { method }));
      expect([e.min[0], e.max[0], e.min[2], e.max[2]]).toEqual([2, 12, 2, 12]);
    }
  });
});
