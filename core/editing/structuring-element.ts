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

/**
 * The range of di along one grid line whose displacement a·di + b lies in the ellipsoid, or null.
 * The gauge is convex along the line (a sum of one-sided parabolas of affine functions), so the
 * range is one interval. Between the points where a component changes sign it is a quadratic in
 * di, solved directly; the ends found are then confirmed with the gauge itself, the one test of
 * membership, so rounding in the solution cannot move them.
 */
function lineRange(a: readonly number[], b: readonly number[], m: DirectionalMarginMm, ri: number, limit: number, v: number[]): [number, number] | null {
  const inside = (di: number): boolean => {
    if (di < -ri || di > ri) return false;
    for (let p = 0; p < 3; p++) v[p] = a[p]! * di + b[p]!;
    return gauge(v, m) <= limit;
  };
  const cuts: number[] = [-ri, ri];
  for (let p = 0; p < 3; p++) if (Math.abs(a[p]!) > 1e-12) cuts.push(-b[p]! / a[p]!);
  const bounded = cuts.filter((t) => t >= -ri && t <= ri).sort((x, y) => x - y);
  let lo = Infinity, hi = -Infinity;
  const take = (from: number, to: number): void => {
    const first = Math.max(-ri, Math.ceil(from - 1e-9)), last = Math.min(ri, Math.floor(to + 1e-9));
    if (first <= last) {
      lo = Math.min(lo, first);
      hi = Math.max(hi, last);
    }
  };
  // Lattice points next to each sign change: where a zero margin allows only a zero displacement.
  for (const t of bounded) for (const di of [Math.floor(t), Math.ceil(t)]) if (inside(di)) take(di, di);
  for (let n = 0; n + 1 < bounded.length; n++) {
    const from = bounded[n]!, to = bounded[n + 1]!;
    if (to - from < 1e-12) continue;
    const mid = (from + to) / 2;
    let A = 0, B = 0, C = 0, open = true;
    for (let p = 0; p < 3 && open; p++) {
      const x = a[p]! * mid + b[p]!;
      if (Math.abs(a[p]!) <= 1e-12 && Math.abs(x) < ZERO_MM) continue;
      const margin = marginAlong(m, p, x > 0);
      if (margin === 0) open = false;
      else {
        const w = 1 / (margin * margin);
        A += w * a[p]! * a[p]!;
        B += 2 * w * a[p]! * b[p]!;
        C += w * b[p]! * b[p]!;
      }
    }
    if (!open) continue;
    if (A < 1e-15) {
      if (C <= limit) take(from, to);
      continue;
    }
    const disc = B * B - 4 * A * (C - limit);
    if (disc < 0) continue;
    const root = Math.sqrt(disc);
    take(Math.max(from, (-B - root) / (2 * A)), Math.min(to, (-B + root) / (2 * A)));
  }
  if (lo > hi) return null;
  // Confirm the ends with the gauge: widen while the next point is inside, narrow while the end is not.
  while (inside(lo - 1)) lo--;
  while (lo <= hi && !inside(lo)) lo++;
  while (inside(hi + 1)) hi++;
  while (hi >= lo && !inside(hi)) hi--;
  return lo <= hi ? [lo, hi] : null;
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
  const a = [L[0]!, L[4]!, L[8]!];
  const b = [0, 0, 0];
  const v = [0, 0, 0];
  for (let dk = -rk; dk <= rk; dk++) {
    for (let dj = -rj; dj <= rj; dj++) {
      b[0] = L[1]! * dj + L[2]! * dk;
      b[1] = L[5]! * dj + L[6]! * dk;
      b[2] = L[9]! * dj + L[10]! * dk;
      const range = lineRange(a, b, m, ri, limit, v);
      if (range) rows.push({ dj, dk, diMin: range[0], diMax: range[1] });
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
