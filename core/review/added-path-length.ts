import { boundingBox, type MaskGrid } from './mask-grid.js';

/**
 * Added path length (Vaassen et al., phiRO 2020): the length of the final contour a person had to
 * draw — the part farther than `toleranceMm` from the draft's contour — per slice k, summed, in mm.
 *
 * Contours are the mask's pixel boundary in each slice: the edges between a set pixel and an unset
 * (or off-grid) 4-neighbour, each as long as the pixel side it lies on (spacing j for an edge
 * between i-neighbours, spacing i for one between j-neighbours) — exactly the staircase outline the
 * RTSTRUCT writer traces. An edge of the final contour counts as added unless its midpoint lies within
 * `toleranceMm` (in-plane, inclusive) of the midpoint of some draft edge. In-plane only, so it is
 * valid on a tilted-gantry grid too.
 */
export function addedPathLengthMm(draft: Uint8Array, final: Uint8Array, grid: MaskGrid, toleranceMm = 1): number {
  const [nx, ny, nz] = grid.dims;
  // Only the sizes are checked: the measure is in-plane, so a sheared slice axis does not matter.
  for (const m of [draft, final]) if (m.length !== nx * ny * nz) throw new RangeError(`a mask has ${m.length} voxels, the grid ${nx}×${ny}×${nz} = ${nx * ny * nz}`);
  const box = boundingBox(grid.dims, draft, final);
  if (!box) return 0;
  const [si, sj] = grid.spacingMm;
  // Edge midpoints live on a half-pixel lattice: pixel (i, j) centre at (2i+1, 2j+1), the edge
  // between i-1 and i at (2i, 2j+1), the edge between j-1 and j at (2i+1, 2j). The lattice covers
  // the box with one pixel of margin on each side so the outer edges fit.
  const i0 = box.lo[0], j0 = box.lo[1];
  const w = 2 * (box.hi[0] - i0 + 1) + 1, h = 2 * (box.hi[1] - j0 + 1) + 1;
  const draftEdges = new Uint8Array(w * h);
  const offsets = neighbourhood(toleranceMm, si / 2, sj / 2);
  let total = 0;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    draftEdges.fill(0);
    forEachEdge(draft, grid.dims, k, box, (x, y) => {
      draftEdges[x + w * y] = 1;
    });
    forEachEdge(final, grid.dims, k, box, (x, y, vertical) => {
      for (const [dx, dy] of offsets) {
        const u = x + dx, v = y + dy;
        if (u >= 0 && v >= 0 && u < w && v < h && draftEdges[u + w * v]) return;
      }
      total += vertical ? sj : si;
    });
  }
  return total;
}

/** Lattice offsets within `toleranceMm` when one lattice step is (hx, hy) mm; nearest first. */
function neighbourhood(toleranceMm: number, hx: number, hy: number): [number, number][] {
  const rx = Math.floor(toleranceMm / hx + 1e-9), ry = Math.floor(toleranceMm / hy + 1e-9);
  const limit = toleranceMm * toleranceMm * (1 + 1e-9);
  const out: [number, number, number][] = [];
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      const d2 = (dx * hx) ** 2 + (dy * hy) ** 2;
      if (d2 <= limit) out.push([dx, dy, d2]);
    }
  }
  return out.sort((a, b) => a[2] - b[2]).map(([dx, dy]) => [dx, dy]);
}

/** Calls back for every boundary edge of slice k inside the box, in lattice coordinates. */
function forEachEdge(
  mask: Uint8Array, dims: readonly [number, number, number], k: number,
  box: { readonly lo: readonly number[]; readonly hi: readonly number[] },
  visit: (x: number, y: number, vertical: boolean) => void,
): void {
  const [nx, ny] = dims;
  const i0 = box.lo[0]!, j0 = box.lo[1]!, i1 = box.hi[0]!, j1 = box.hi[1]!;
  const at = (i: number, j: number): boolean => i >= 0 && j >= 0 && i < nx && j < ny && mask[i + nx * (j + ny * k)] !== 0;
  for (let j = j0; j <= j1 + 1; j++) {
    for (let i = i0; i <= i1 + 1; i++) {
      const here = at(i, j);
      // Edge between (i-1, j) and (i, j): runs along j, so it is sj long.
      if (j <= j1 && here !== at(i - 1, j)) visit(2 * (i - i0), 2 * (j - j0) + 1, true);
      // Edge between (i, j-1) and (i, j): runs along i, si long.
      if (i <= i1 && here !== at(i, j - 1)) visit(2 * (i - i0) + 1, 2 * (j - j0), false);
    }
  }
}
