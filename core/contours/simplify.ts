/**
 * Point reduction of a closed polygon (x, y interleaved) by Douglas–Peucker: every removed vertex
 * lies within `tolerance` of the kept polyline. Unlike collinear removal this can move the
 * boundary by up to `tolerance`, so voxels whose centres lie that close to an edge may flip on
 * re-rasterisation; edge-traced contours keep every centre ≥ half a voxel from an edge, so a
 * tolerance below half the smaller in-plane spacing changes few voxels, but not none.
 * Always keeps at least 3 vertices (PS3.3 C.8.8.6.1: a closed contour needs 3 points).
 */
export function simplifyClosed(points: Float64Array, tolerance: number): Float64Array {
  const n = points.length >> 1;
  if (n <= 3 || tolerance <= 0) return points;
  const x = (v: number): number => points[2 * (v % n)] as number;
  const y = (v: number): number => points[2 * (v % n) + 1] as number;
  // Split the ring at vertex 0 and the vertex farthest from it; simplify each chain.
  let far = 0, best = -1;
  for (let v = 1; v < n; v++) {
    const d = (x(v) - x(0)) ** 2 + (y(v) - y(0)) ** 2;
    if (d > best) {
      best = d;
      far = v;
    }
  }
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[far] = 1;
  const stack: [number, number][] = [[0, far], [far, n]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    let worst = -1, at = -1;
    for (let v = a + 1; v < b; v++) {
      const d = distanceToSegment(x(v), y(v), x(a), y(a), x(b), y(b));
      if (d > worst) {
        worst = d;
        at = v;
      }
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  let kept = 0;
  for (let v = 0; v < n; v++) kept += keep[v] as number;
  if (kept < 3) return points;
  const out = new Float64Array(2 * kept);
  let o = 0;
  for (let v = 0; v < n; v++) {
    if (keep[v]) {
      out[o++] = x(v);
      out[o++] = y(v);
    }
  }
  return out;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ex = bx - ax, ey = by - ay;
  const len2 = ex * ex + ey * ey;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * ex + (py - ay) * ey) / len2));
  return Math.hypot(px - (ax + t * ex), py - (ay + t * ey));
}
