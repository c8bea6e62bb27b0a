import { describe, expect, it } from 'vitest';
import { THRESHOLD_SLACK } from '../../core/editing/bounded-distance.js';
import type { DirectionalMarginMm } from '../../core/editing/directional-margin.js';
import { isotropicMargin, marginAlong } from '../../core/editing/directional-margin.js';
import { elementRows } from '../../core/editing/structuring-element.js';
import type { Mat4 } from '../../core/geometry/spaces.js';
import { mat4 } from '../../core/geometry/spaces.js';

/**
 * The reference: every lattice offset (di, dj, dk) within a box that surely holds the element,
 * tested one by one against the octant-wise ellipsoid (x/mx)² + (y/my)² + (z/mz)² ≤ 1 (with the
 * same relative slack as the engine), written here without reference to the code under test.
 */
function bruteForce(L: Mat4<'IJK', 'LPS'>, m: DirectionalMarginMm, box: number): string[] {
  const out: string[] = [];
  for (let dk = -box; dk <= box; dk++) for (let dj = -box; dj <= box; dj++) {
    let lo = Infinity, hi = -Infinity;
    for (let di = -box; di <= box; di++) {
      const v = [0, 1, 2].map((p) => L[4 * p]! * di + L[4 * p + 1]! * dj + L[4 * p + 2]! * dk);
      let g = 0;
      for (let p = 0; p < 3; p++) {
        const x = v[p]!;
        if (Math.abs(x) < 1e-7) continue;
        const margin = marginAlong(m, p, x > 0);
        g += margin === 0 ? Infinity : (x / margin) ** 2;
      }
      if (g <= 1 + THRESHOLD_SLACK) {
        lo = Math.min(lo, di);
        hi = Math.max(hi, di);
      }
    }
    if (lo <= hi) out.push(`${dj},${dk}:${lo}..${hi}`);
  }
  return out;
}

const rotZ = (deg: number, s: readonly [number, number, number]): Mat4<'IJK', 'LPS'> => {
  const c = Math.cos((deg * Math.PI) / 180), n = Math.sin((deg * Math.PI) / 180);
  return mat4([c * s[0], -n * s[1], 0, 0, n * s[0], c * s[1], 0, 0, 0, 0, s[2], 0, 0, 0, 0, 1]);
};
const tilted = (deg: number): Mat4<'IJK', 'LPS'> => {
  const c = Math.cos((deg * Math.PI) / 180), n = Math.sin((deg * Math.PI) / 180);
  return mat4([0.7, 0, 0, 0, 0, 0.7 * c, -2.5 * n, 0, 0, 0.7 * n, 2.5 * c, 0, 0, 0, 0, 1]);
};

const margins: Record<string, DirectionalMarginMm> = {
  'isotropic 5 mm': isotropicMargin(5),
  'isotropic 3 mm (exactly on lattice points)': isotropicMargin(3),
  'per direction': { left: 2, right: 7, anterior: 4, posterior: 1, superior: 6, inferior: 3 },
  'zero on three sides': { left: 0, right: 5, anterior: 4, posterior: 0, superior: 6, inferior: 0 },
  'only superior': { left: 0, right: 0, anterior: 0, posterior: 0, superior: 6, inferior: 0 },
};
const grids: Record<string, Mat4<'IJK', 'LPS'>> = {
  '1 mm axial': rotZ(0, [1, 1, 1]),
  '0.5×0.5×3 mm axial, flipped rows': mat4([0.5, 0, 0, 0, 0, -0.5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1]),
  'rotated 30° in plane, 0.9×0.9×2 mm': rotZ(30, [0.9, 0.9, 2]),
  'gantry tilt 17°, 0.7×0.7×2.5 mm': tilted(17),
};

describe('elementRows: the margin ellipsoid sampled on the grid, one line at a time', () => {
  for (const [gridName, L] of Object.entries(grids)) {
    for (const [marginName, m] of Object.entries(margins)) {
      it(`${gridName}, ${marginName}: the same rows as testing every lattice offset`, () => {
        const rows = elementRows(L, m).rows.map((r) => `${r.dj},${r.dk}:${r.diMin}..${r.diMax}`);
        expect(rows).toEqual(bruteForce(L, m, 30));
      });
    }
  }

  it('builds the element of a 500 mm margin on a 1 mm grid row by row, not voxel by voxel', () => {
    const element = elementRows(rotZ(0, [1, 1, 1]), isotropicMargin(500));
    expect(element.reachPlus).toEqual([500, 500, 500]);
    // Rows (dj, dk) with dj² + dk² ≤ 500²: the lattice points of a disc of radius 500, counted here.
    let discPoints = 0;
    for (let dk = -500; dk <= 500; dk++) discPoints += 2 * Math.floor(Math.sqrt(500 * 500 - dk * dk)) + 1;
    expect(element.rows).toHaveLength(discPoints);
    const middle = element.rows.find((r) => r.dj === 300 && r.dk === 0)!;
    expect([middle.diMin, middle.diMax]).toEqual([-400, 400]);
  });
});
