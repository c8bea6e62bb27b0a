import { describe, expect, it } from 'vitest';
import { simplifyClosed } from '../../core/contours/simplify.js';

function distanceToPolygon(px: number, py: number, poly: Float64Array): number {
  const n = poly.length / 2;
  let best = Infinity;
  for (let a = 0; a < n; a++) {
    const b = (a + 1) % n;
    const ax = poly[2 * a]!, ay = poly[2 * a + 1]!, bx = poly[2 * b]!, by = poly[2 * b + 1]!;
    const ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
    const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * ex + (py - ay) * ey) / len2)) : 0;
    best = Math.min(best, Math.hypot(px - ax - t * ex, py - ay - t * ey));
  }
  return best;
}

describe('simplifyClosed (Douglas–Peucker on a closed ring)', () => {
  const staircase = (() => {
    const pts: number[] = [];
    for (let s = 0; s < 40; s++) pts.push(s, s, s + 1, s); // 45° staircase
    pts.push(40, 40, 0, 40);
    return Float64Array.from(pts);
  })();

  it('keeps every removed vertex within the tolerance of the result', () => {
    for (const tol of [0.75, 2, 5]) {
      const out = simplifyClosed(staircase, tol);
      expect(out.length).toBeLessThan(staircase.length);
      for (let v = 0; v < staircase.length / 2; v++) expect(distanceToPolygon(staircase[2 * v]!, staircase[2 * v + 1]!, out)).toBeLessThanOrEqual(tol + 1e-12);
    }
  });

  it('leaves a polygon alone at tolerance 0 and never goes below 3 points', () => {
    expect(simplifyClosed(staircase, 0)).toBe(staircase);
    expect(simplifyClosed(Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1]), 100).length / 2).toBeGreaterThanOrEqual(3);
  });
});
