import { describe, expect, it } from 'vitest';
import { discVoxels, paint, paintInPlace, polygonVoxels, sphereVoxels } from '../../core/editing/brush.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { centreOf, makeGrid } from './support/grids.js';

/** Every voxel of the grid whose centre satisfies `inside`, by brute force. */
function voxelsWhere(grid: ReturnType<typeof makeGrid>, inside: (p: readonly number[], k: number) => boolean): number[] {
  const [nx, ny, nz] = grid.dims;
  const out: number[] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (inside(centreOf(grid, i, j, k), k)) out.push(i + nx * (j + ny * k));
  return out;
}

describe('brush primitives in patient space', () => {
  // Flipped and permuted axes with anisotropic voxels: i → patient right, j → inferior, k → posterior.
  const grid = makeGrid([30, 24, 12], [0.7, 1.3, 2.5], [[-1, 0, 0], [0, 0, -1], [0, 1, 0]], [10, -5, 20]);
  const centre = vec3<'LPS'>(0.35, 8.1, 4.2);
  it('sphere: exactly the voxels whose centre is within r of the point (LPS distance)', () => {
    const got = Array.from(sphereVoxels(grid, centre, 5));
    expect(got).toEqual(voxelsWhere(grid, (p) => Math.hypot(p[0]! - centre[0], p[1]! - centre[1], p[2]! - centre[2]) <= 5));
    expect(got.length).toBeGreaterThan(20);
  });
  it('disc: on the nearest slice only, within r in the plane', () => {
    const got = Array.from(discVoxels(grid, centre, 4));
    // Slice k runs along patient y (posterior): k = (y − (−5)) / 2.5 = 5.24 → slice 5, y = 7.5.
    const onSlice = voxelsWhere(grid, (p, k) => k === 5 && Math.hypot(p[0]! - centre[0], p[2]! - centre[2]) <= 4);
    expect(got).toEqual(onSlice);
    expect(discVoxels(grid, vec3<'LPS'>(0, 500, 0), 4).length).toBe(0);
  });
  it('polygon: voxel centres inside (even-odd) a triangle drawn on a slice', () => {
    // A triangle on slice k = 3 (y = −5 + 3·2.5 = 2.5), vertices in LPS.
    const tri = [0, 2.5, 10, -8, 2.5, 0, 6, 2.5, -6];
    const got = Array.from(polygonVoxels(grid, tri));
    const inside = (x: number, z: number) => {
      let odd = false;
      for (let a = 0, b = 2; a < 3; b = a++) {
        const [xa, za, xb, zb] = [tri[3 * a]!, tri[3 * a + 2]!, tri[3 * b]!, tri[3 * b + 2]!];
        if (za > z !== zb > z && x < ((xb - xa) * (z - za)) / (zb - za) + xa) odd = !odd;
      }
      return odd;
    };
    expect(got).toEqual(voxelsWhere(grid, (p, k) => k === 3 && inside(p[0]!, p[2]!)));
    expect(got.length).toBeGreaterThan(30);
    expect(() => polygonVoxels(grid, [0, 4, 10, -8, 2.5, 0, 6, 2.5, -6])).toThrow(/not planar|from the nearest slice/);
  });
  it('paint returns a new mask; paintInPlace edits and counts changes; erase clears', () => {
    const mask = new Uint8Array(30 * 24 * 12);
    const ball = sphereVoxels(grid, centre, 3);
    const painted = paint(mask, grid, ball, 1);
    expect(mask.indexOf(1)).toBe(-1);
    expect(painted.reduce((a, v) => a + v, 0)).toBe(ball.length);
    expect(paintInPlace(painted, ball, 1)).toBe(0);
    expect(paintInPlace(painted, ball, 0)).toBe(ball.length);
    expect(painted.indexOf(1)).toBe(-1);
  });
});
