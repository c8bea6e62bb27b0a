import type { DirectionalMarginMm } from '../../../core/editing/directional-margin.js';
import { marginAlong } from '../../../core/editing/directional-margin.js';
import type { MaskGrid } from '../../../core/editing/mask-grid.js';
import { centreOf } from './grids.js';

/**
 * The definition, evaluated literally: p is in the expansion iff some mask voxel q has
 * L(p − q) inside the octant ellipsoid. O(voxels × mask voxels): small grids only.
 */
export function bruteExpand(grid: MaskGrid, mask: Uint8Array, m: DirectionalMarginMm): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const centres: number[][] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) centres.push([...centreOf(grid, i, j, k)]);
  const sources = centres.filter((_, n) => mask[n]);
  const out = new Uint8Array(mask.length);
  centres.forEach((p, n) => {
    if (mask[n]) {
      out[n] = 1;
      return;
    }
    for (const q of sources) {
      let g = 0;
      for (let a = 0; a < 3 && g <= 1 + 1e-6; a++) {
        const v = p[a]! - q[a]!;
        if (Math.abs(v) < 1e-7) continue;
        const margin = marginAlong(m, a, v > 0);
        g += margin === 0 ? Infinity : (v / margin) ** 2;
      }
      if (g <= 1 + 1e-6) {
        out[n] = 1;
        return;
      }
    }
  });
  return out;
}

/** Contraction by the definition: p stays iff every grid voxel within the mirrored element is in the mask. */
export function bruteContract(grid: MaskGrid, mask: Uint8Array, m: DirectionalMarginMm): Uint8Array {
  const complement = mask.map((v) => (v ? 0 : 1));
  const mirrored = { left: m.right, right: m.left, anterior: m.posterior, posterior: m.anterior, superior: m.inferior, inferior: m.superior };
  const grown = bruteExpand(grid, complement, mirrored);
  return mask.map((v, n) => (v && !grown[n] ? 1 : 0));
}
