import { invert } from '../geometry/mat4.js';
import type { Mat4 } from '../geometry/spaces.js';
import type { DirectionalMarginMm } from './directional-margin.js';
import { marginAlong, maxMargin } from './directional-margin.js';
import type { Vec3Tuple } from './mask-grid.js';
import { THRESHOLD_SLACK } from './bounded-distance.js';

/**
 * The structuring element of a patient-space margin sampled on the grid: for each (dj, dk) the
 * range of di whose displacement ijkToLps·(di, dj, dk) lies in the margin ellipsoid. The ellipsoid
 * is convex, so along any grid line its lattice points are one contiguous run.
 */
export interface ElementRows {
  readonly rows: { dj: number; dk: number; diMin: number; diMax: number }[];
  /** Largest offset towards increasing index along i, j, k. */
  readonly reachPlus: Vec3Tuple;
  /** Largest offset towards decreasing index (as a positive count). */
  readonly reachMinus: Vec3Tuple;
}

/** Components below this (mm) count as zero, so a zero margin is not defeated by rounding. */
const ZERO_MM = 1e-7;

function gauge(v: readonly number[], m: DirectionalMarginMm): number {
  let g = 0;
  for (let p = 0; p < 3; p++) {
    const x = v[p]!;
    if (Math.abs(x) < ZERO_MM) continue;
    const margin = marginAlong(m, p, x > 0);
    if (margin === 0) return Infinity;
    g += (x / margin) ** 2;
  }
  return g;
}

export function elementRows(ijkToLps: Mat4<'IJK', 'LPS'>, m: DirectionalMarginMm): ElementRows {
  const inv = invert(ijkToLps);
  const big = maxMargin(m);
  // |δ_a| = |row_a(L⁻¹)·v| ≤ |row_a(L⁻¹)|·|v|, and |v| ≤ the largest margin (times the slack the
  // gauge test allows, so that it agrees with the distance transform at a voxel exactly on the margin).
  const slack = Math.sqrt(1 + THRESHOLD_SLACK);
  const [ri, rj, rk] = [0, 1, 2].map((a) => Math.floor(big * slack * Math.hypot(inv[4 * a]!, inv[4 * a + 1]!, inv[4 * a + 2]!) + 1e-9)) as Vec3Tuple;
  const L = ijkToLps;
  const rows: ElementRows['rows'] = [];
  const limit = 1 + THRESHOLD_SLACK;
  const v = [0, 0, 0];
  for (let dk = -rk; dk <= rk; dk++) {
    for (let dj = -rj; dj <= rj; dj++) {
      let diMin = Infinity, diMax = -Infinity;
      for (let di = -ri; di <= ri; di++) {
        v[0] = L[0]! * di + L[1]! * dj + L[2]! * dk;
        v[1] = L[4]! * di + L[5]! * dj + L[6]! * dk;
        v[2] = L[8]! * di + L[9]! * dj + L[10]! * dk;
        if (gauge(v, m) <= limit) {
          diMin = Math.min(diMin, di);
          diMax = Math.max(diMax, di);
        }
      }
      if (diMin <= diMax) rows.push({ dj, dk, diMin, diMax });
    }
  }
  const reachPlus: Vec3Tuple = [0, 0, 0], reachMinus: Vec3Tuple = [0, 0, 0];
  for (const r of rows) {
    reachPlus[0] = Math.max(reachPlus[0], r.diMax);
    reachMinus[0] = Math.max(reachMinus[0], -r.diMin);
    reachPlus[1] = Math.max(reachPlus[1], r.dj);
    reachMinus[1] = Math.max(reachMinus[1], -r.dj);
    reachPlus[2] = Math.max(reachPlus[2], r.dk);
    reachMinus[2] = Math.max(reachMinus[2], -r.dk);
  }
  return { rows, reachPlus, reachMinus };
}
