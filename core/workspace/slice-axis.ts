import type { Triple } from '../api/contract.js';
import { mat4 } from '../geometry/spaces.js';
import type { MaskGrid } from '../editing/mask-grid.js';

export type Axis = 0 | 1 | 2;

/** The grid axis (i, j or k) closest to `normal` (LPS): the slices a 2D tool on that view acts on. */
export function nearestAxis(grid: MaskGrid, normal: Triple): Axis {
  const m = grid.ijkToLps;
  let best: Axis = 2;
  let bestCos = -1;
  for (const a of [0, 1, 2] as const) {
    const c: Triple = [m[a]!, m[4 + a]!, m[8 + a]!];
    const cos = Math.abs(c[0] * normal[0] + c[1] * normal[1] + c[2] * normal[2]) / (Math.hypot(...c) * Math.hypot(...normal) || 1);
    if (cos > bestCos + 1e-9) {
      best = a;
      bestCos = cos;
    }
  }
  return best;
}

/**
 * The grid with its axes reordered so that `axis` comes last, as k: the slice tools in
 * core/editing work on k-slices, and this lets them work on sagittal and coronal slices too,
 * exactly (the permuted grid places every voxel at the same point in patient space).
 */
export interface PermutedGrid {
  readonly grid: MaskGrid;
  /** Voxel index in the permuted grid → index in the original. */
  toOriginalIndex(n: number): number;
  toPermuted(mask: Uint8Array): Uint8Array;
  toOriginal(mask: Uint8Array): Uint8Array;
}

export function permuteGrid(grid: MaskGrid, axis: Axis): PermutedGrid {
  const order = ([0, 1, 2] as Axis[]).filter((a) => a !== axis).concat(axis) as [Axis, Axis, Axis];
  const dims = order.map((a) => grid.dims[a]) as [number, number, number];
  const m = grid.ijkToLps;
  const permuted = mat4<'IJK', 'LPS'>(Array.from({ length: 16 }, (_, n) => {
    const r = Math.floor(n / 4), c = n % 4;
    return c < 3 ? m[r * 4 + order[c]!]! : m[n]!;
  }));
  // Strides of the original index along each permuted axis.
  const stride = [1, grid.dims[0], grid.dims[0] * grid.dims[1]];
  const [s0, s1, s2] = order.map((a) => stride[a]!) as [number, number, number];
  const [n0, n1] = dims;
  const toOriginalIndex = (n: number): number => {
    const i = n % n0, j = Math.floor(n / n0) % n1, k = Math.floor(n / (n0 * n1));
    return i * s0 + j * s1 + k * s2;
  };
  const walk = (visit: (permutedIndex: number, originalIndex: number) => void): void => {
    for (let k = 0, n = 0; k < dims[2]; k++) for (let j = 0; j < n1; j++) for (let i = 0; i < n0; i++, n++) visit(n, i * s0 + j * s1 + k * s2);
  };
  return {
    grid: { dims, ijkToLps: permuted },
    toOriginalIndex,
    toPermuted(mask) {
      if (axis === 2) return mask;
      const out = new Uint8Array(mask.length);
      walk((p, o) => (out[p] = mask[o]!));
      return out;
    },
    toOriginal(mask) {
      if (axis === 2) return mask;
      const out = new Uint8Array(mask.length);
      walk((p, o) => (out[o] = mask[p]!));
      return out;
    },
  };
}
