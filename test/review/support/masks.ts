import { mat4 } from '../../../core/geometry/spaces.js';
import type { MaskGrid } from '../../../core/review/mask-grid.js';

/** An axis-aligned grid (no rotation, so LPS axes follow i, j, k) with the given spacing. */
export function grid(dims: [number, number, number], spacingMm: [number, number, number] = [1, 1, 1]): MaskGrid {
  const [si, sj, sk] = spacingMm;
  return { dims, spacingMm, ijkToLps: mat4<'IJK', 'LPS'>([si, 0, 0, -100, 0, sj, 0, -50, 0, 0, sk, 20, 0, 0, 0, 1]) };
}

/** Voxels whose centre satisfies `inside(i, j, k)`. */
export function maskOf(g: MaskGrid, inside: (i: number, j: number, k: number) => boolean): Uint8Array {
  const [nx, ny, nz] = g.dims;
  const m = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (inside(i, j, k)) m[i + nx * (j + ny * k)] = 1;
  return m;
}

/** Inclusive voxel box. */
export function box(g: MaskGrid, lo: [number, number, number], hi: [number, number, number]): Uint8Array {
  return maskOf(g, (i, j, k) => i >= lo[0] && i <= hi[0] && j >= lo[1] && j <= hi[1] && k >= lo[2] && k <= hi[2]);
}

/** Ball of radius `radiusMm` around a centre given in voxel indices. */
export function ball(g: MaskGrid, centre: [number, number, number], radiusMm: number): Uint8Array {
  const [si, sj, sk] = g.spacingMm;
  return maskOf(g, (i, j, k) => ((i - centre[0]) * si) ** 2 + ((j - centre[1]) * sj) ** 2 + ((k - centre[2]) * sk) ** 2 <= radiusMm ** 2);
}
