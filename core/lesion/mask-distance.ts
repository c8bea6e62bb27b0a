import type { MaskGrid } from '../editing/mask-grid.js';
import { checkMask } from '../editing/mask-grid.js';
import { surfaceVertices, vertexPositions } from './surface-vertices.js';

/**
 * Surface-to-surface distance (mm) between two structures on one grid: the smallest distance
 * between vertices of their surface meshes (the same marching-cubes vertices as the diameters,
 * midway between inside and outside voxel centres), 0 when they overlap, null when either is
 * empty. Structures in face contact share vertices and are 0 apart; elsewhere the vertex distance
 * is within half a voxel diagonal of the distance between the meshes. Positions go through the
 * affine (patient space), so anisotropic and tilted grids are measured as they lie.
 */
export function maskDistanceMm(a: Uint8Array, b: Uint8Array, grid: MaskGrid): number | null {
  checkMask(a, grid);
  checkMask(b, grid);
  const va = surfaceVertices(a, grid), vb = surfaceVertices(b, grid);
  if (va.count === 0 || vb.count === 0) return null;
  for (let n = 0; n < a.length; n++) if (a[n] && b[n]) return 0;
  return Math.sqrt(closestSquared(vertexPositions(va, grid), vertexPositions(vb, grid)));
}

/**
 * Smallest squared distance between two point sets (x y z triples): B sorted by x, and for each
 * point of A only the B points whose x is within the best distance so far are visited.
 */
function closestSquared(pa: Float64Array, pb: Float64Array): number {
  const order = Array.from({ length: pb.length / 3 }, (_, q) => q).sort((p, q) => pb[3 * p]! - pb[3 * q]!);
  const xs = Float64Array.from(order, (q) => pb[3 * q]!);
  let best = Infinity;
  for (let p = 0; p < pa.length; p += 3) {
    const x = pa[p]!, y = pa[p + 1]!, z = pa[p + 2]!;
    // First B point with x ≥ this x, then walk both ways while the x gap alone can still win.
    let lo = 0, hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    for (const step of [1, -1]) {
      for (let r = step > 0 ? lo : lo - 1; r >= 0 && r < xs.length; r += step) {
        const dx2 = (xs[r]! - x) ** 2;
        if (dx2 >= best) break;
        const q = 3 * order[r]!;
        const d = dx2 + (pb[q + 1]! - y) ** 2 + (pb[q + 2]! - z) ** 2;
        if (d < best) best = d;
      }
    }
  }
  return best;
}
