import type { MaskGrid } from './mask-grid.js';

/**
 * Whether a mask reaches the outermost voxels of its grid. A structure grown by a margin there
 * may have been cut off by the image's edge (expansion cannot leave the grid), so the planner
 * must be told: a PTV clipped at the last slice is smaller than its rule says.
 */
export function touchesGridEdge(mask: Uint8Array, grid: MaskGrid): boolean {
  const [nx, ny, nz] = grid.dims;
  for (let k = 0; k < nz; k++) {
    const edgeSlice = k === 0 || k === nz - 1;
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      if (edgeSlice || j === 0 || j === ny - 1) {
        for (let i = 0; i < nx; i++) if (mask[row + i]) return true;
      } else if (mask[row] || mask[row + nx - 1]) {
        return true;
      }
    }
  }
  return false;
}
