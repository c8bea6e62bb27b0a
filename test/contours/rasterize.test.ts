import { describe, expect, it } from 'vitest';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { rasterizeContours } from '../../core/contours/rasterize.js';
import { fillEvenOdd } from '../../core/contours/scanline-fill.js';
import { axialGrid, obliqueGrid } from './support/grids.js';

/** Draw a slice as text rows (j from top), '#' inside. */
function picture(mask: Uint8Array, nx: number, ny: number, offset = 0): string[] {
  const rows: string[] = [];
  for (let j = 0; j < ny; j++) {
    let s = '';
    for (let i = 0; i < nx; i++) s += mask[offset + j * nx + i] ? '#' : '.';
    rows.push(s);
  }
  return rows;
}

const square = (x0: number, y0: number, x1: number, y1: number, clockwise = false) =>
  Float64Array.from(clockwise ? [x0, y0, x0, y1, x1, y1, x1, y0] : [x0, y0, x1, y0, x1, y1, x0, y1]);

describe('fillEvenOdd', () => {
  it('fills a voxel iff its centre is inside: a square from 0.5 to 3.5 covers centres 1..3', () => {
    const out = new Uint8Array(25);
    expect(fillEvenOdd([square(0.5, 0.5, 3.5, 3.5)], 5, 5, out, 0)).toBe(9);
    expect(picture(out, 5, 5)).toEqual(['.....', '.###.', '.###.', '.###.', '.....']);
  });

  it('XORs every contour of the plane: holes, islands in holes, either winding', () => {
    const out = new Uint8Array(81);
    const polys = [square(-0.5, -0.5, 8.5, 8.5), square(1.5, 1.5, 6.5, 6.5, true), square(3.5, 3.5, 4.5, 4.5)];
    fillEvenOdd(polys, 9, 9, out, 0);
    expect(picture(out, 9, 9)).toEqual([
      '#########', '#########', '##.....##', '##.....##', '##..#..##', '##.....##', '##.....##', '#########', '#########',
    ]);
  });

  it('handles a keyhole contour (hole joined to the outside by a zero-width cut)', () => {
    // Outer 0..8, cut down the line x = 4 at y = 0.5 .. 2.5, hole 2.5..5.5 drawn the other way.
    const keyhole = Float64Array.from([
      0.5, 0.5, 4, 0.5, 4, 2.5, 2.5, 2.5, 2.5, 5.5, 5.5, 5.5, 5.5, 2.5, 4, 2.5, 4, 0.5, 7.5, 0.5, 7.5, 7.5, 0.5, 7.5,
    ]);
    const out = new Uint8Array(81);
    fillEvenOdd([keyhole], 9, 9, out, 0);
    expect(picture(out, 9, 9)).toEqual([
      '.........', '.#######.', '.#######.', '.##...##.', '.##...##.', '.##...##.', '.#######.', '.#######.', '.........',
    ]);
  });

  it('counts a centre on a left edge as inside and on a right edge as outside (PNPOLY)', () => {
    const out = new Uint8Array(10);
    fillEvenOdd([Float64Array.from([2, -1, 5, -1, 5, 1, 2, 1])], 10, 1, out, 0);
    expect(picture(out, 10, 1)).toEqual(['..###.....']);
  });

  it('clips to the grid and ignores zero-height edges', () => {
    const out = new Uint8Array(16);
    expect(fillEvenOdd([square(-10, -10, 1.5, 10)], 4, 4, out, 0)).toBe(8);
  });
});

describe('rasterizeContours', () => {
  const { volume } = axialGrid();
  const [nx, ny] = volume.dims;
  const at = (i: number, j: number, k: number) => applyToPoint(volume.ijkToLps, vec3<'IJK'>(i, j, k));
  const squareAt = (k: number, dz = 0) => {
    const pts: number[] = [];
    for (const [i, j] of [[9.5, 9.5], [19.5, 9.5], [19.5, 14.5], [9.5, 14.5]] as const) {
      const p = at(i, j, k);
      pts.push(p[0], p[1], p[2] + dz);
    }
    return pts;
  };

  it('puts a contour on the slice it lies on (10 × 5 voxels)', () => {
    const r = rasterizeContours(volume, [squareAt(7)]);
    expect(r.voxels).toBe(50);
    expect(r.mask[10 + nx * (10 + ny * 7)]).toBe(1);
    expect(r.mask[10 + nx * (10 + ny * 8)]).toBe(0);
  });

  it('snaps a contour within tolerance and reports one beyond it instead of moving it', () => {
    expect(rasterizeContours(volume, [squareAt(7, 0.5)]).voxels).toBe(50); // 0.5 mm off, 2.5 mm slices
    const off = rasterizeContours(volume, [squareAt(7, 1.0)]); // 1.0 mm off: beyond a quarter slice
    expect(off.voxels).toBe(0);
    expect(off.warnings[0]).toMatch(/1\.000 mm from the nearest slice \(7\)/);
    expect(rasterizeContours(volume, [squareAt(7, 1.0)], { sliceToleranceMm: 1.1 }).voxels).toBe(50);
  });

  it('reports contours outside the image and contours with under 3 points', () => {
    const r = rasterizeContours(volume, [squareAt(7, 500), [0, 0, 0, 1, 1, 1]]);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/outside the image/);
    expect(r.warnings[1]).toMatch(/fewer than 3 points/);
  });

  it('works in slice-plane coordinates on an oblique grid', () => {
    const { volume: obl } = obliqueGrid();
    const pts: number[] = [];
    for (const [i, j] of [[4.5, 4.5], [8.5, 4.5], [8.5, 6.5], [4.5, 6.5]] as const) {
      const p = applyToPoint(obl.ijkToLps, vec3<'IJK'>(i, j, 3));
      pts.push(p[0], p[1], p[2]);
    }
    const r = rasterizeContours(obl, [pts], { sliceToleranceMm: 1e-6 });
    expect(r.voxels).toBe(8);
    expect(r.mask[5 + obl.dims[0] * (5 + obl.dims[1] * 3)]).toBe(1);
  });
});
