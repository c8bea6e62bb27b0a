import type { MaskGrid } from '../../../core/editing/mask-grid.js';
import { applyToPoint } from '../../../core/geometry/mat4.js';
import { mat4, vec3 } from '../../../core/geometry/spaces.js';
import type { Vec3 } from '../../../core/geometry/spaces.js';

/**
 * A grid whose index axes point along the given LPS unit directions (columns), with spacing in mm
 * and origin. Default: axial HFS, i → patient left, j → posterior, k → superior.
 */
export function makeGrid(
  dims: [number, number, number],
  spacing: [number, number, number],
  axes: [number, number, number][] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  origin: [number, number, number] = [0, 0, 0],
): MaskGrid {
  const m: number[] = [];
  for (let r = 0; r < 3; r++) m.push(axes[0]![r]! * spacing[0], axes[1]![r]! * spacing[1], axes[2]![r]! * spacing[2], origin[r]!);
  return { dims, ijkToLps: mat4<'IJK', 'LPS'>([...m, 0, 0, 0, 1]) };
}

export function centreOf(grid: MaskGrid, i: number, j: number, k: number): Vec3<'LPS'> {
  return applyToPoint(grid.ijkToLps, vec3<'IJK'>(i, j, k));
}

/** Voxels whose centre lies within `radiusMm` of `centre` (LPS). */
export function ballMask(grid: MaskGrid, centre: readonly number[], radiusMm: number): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const p = centreOf(grid, i, j, k);
    if (Math.hypot(p[0] - centre[0]!, p[1] - centre[1]!, p[2] - centre[2]!) <= radiusMm) out[i + nx * (j + ny * k)] = 1;
  }
  return out;
}

export function boxMask(grid: MaskGrid, lo: [number, number, number], hi: [number, number, number]): Uint8Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) out[i + nx * (j + ny * k)] = 1;
  return out;
}

export function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

/** Deterministic pseudo-random blobs (mulberry32), so a failure reproduces. */
export function randomMask(grid: MaskGrid, fill: number, seed: number): Uint8Array {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]);
  for (let n = 0; n < out.length; n++) out[n] = rand() < fill ? 1 : 0;
  return out;
}

/** LPS extent (min and max of voxel-centre coordinates) of a mask along each patient axis. */
export function lpsExtent(grid: MaskGrid, mask: Uint8Array): { min: number[]; max: number[] } {
  const [nx, ny, nz] = grid.dims;
  const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    if (!mask[i + nx * (j + ny * k)]) continue;
    const p = centreOf(grid, i, j, k);
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, p[a]!);
      max[a] = Math.max(max[a]!, p[a]!);
    }
  }
  return { min, max };
}

/** Voxels where two masks differ (toEqual on million-voxel arrays takes seconds; this takes ms). */
export function differing(a: Uint8Array | undefined, b: Uint8Array): number {
  if (!a || a.length !== b.length) return Infinity;
  let d = 0;
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) d++;
  return d;
}
