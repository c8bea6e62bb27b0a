import { column } from '../geometry/mat4.js';
import { dot, norm } from '../geometry/vec3.js';
import type { ImageVolume } from '../volume/image-volume.js';

/**
 * What mask geometry needs from an image: the grid, not the voxels. Masks on it are Uint8Array
 * holding exactly 0 or 1 per voxel (as the rasteriser writes them; other values are not
 * supported), i fastest: index = i + nx·(j + ny·k), as ImageVolume.data.
 */
export type MaskGrid = Pick<ImageVolume, 'dims' | 'ijkToLps'>;

export type Vec3Tuple = [number, number, number];

export function voxelTotal(grid: MaskGrid): number {
  return grid.dims[0] * grid.dims[1] * grid.dims[2];
}

/** Throw unless `mask` has one entry per voxel of `grid` (a wrong-grid mask is a caller bug). */
export function checkMask(mask: Uint8Array, grid: MaskGrid, what = 'mask'): void {
  const n = voxelTotal(grid);
  if (mask.length !== n) throw new Error(`${what} has ${mask.length} voxels, the grid ${grid.dims.join('×')} = ${n}`);
}

/** Step in mm along i, j, k: the column norms of ijkToLps (exact for any orientation). */
export function stepMm(grid: MaskGrid): Vec3Tuple {
  return [norm(column(grid.ijkToLps, 0)), norm(column(grid.ijkToLps, 1)), norm(column(grid.ijkToLps, 2))];
}

/** Volume of one voxel in cc (|det| of the linear part, mm³ → cm³), right for tilted grids too. */
export function voxelVolumeCc(grid: MaskGrid): number {
  const m = grid.ijkToLps;
  const a = m[0]!, b = m[1]!, c = m[2]!, d = m[4]!, e = m[5]!, f = m[6]!, g = m[8]!, h = m[9]!, i = m[10]!;
  return Math.abs(a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)) / 1000;
}

/**
 * The separable distance transforms treat the three index axes as perpendicular. Gantry-tilted
 * series (PS3.3 C.7.6.2.1.1 allows the slice step to be oblique to the plane) are not; they take
 * the exact structuring-element path instead. 1e-6 on the cosine is far below DICOM's decimal
 * string rounding of ImageOrientationPatient yet catches any real tilt (0.1° → cos 1.7e-3).
 */
export function axesOrthogonal(grid: MaskGrid): boolean {
  const c = [0, 1, 2].map((a) => column(grid.ijkToLps, a));
  const cos = (x: number, y: number) => Math.abs(dot(c[x]!, c[y]!)) / (norm(c[x]!) * norm(c[y]!));
  return cos(0, 1) < 1e-6 && cos(0, 2) < 1e-6 && cos(1, 2) < 1e-6;
}

/** Nothing / the voxels a box covers, as half-open index ranges [lo, hi) per axis. */
export interface Box {
  readonly lo: Vec3Tuple;
  readonly hi: Vec3Tuple;
}

export function boxDims(b: Box): Vec3Tuple {
  return [b.hi[0] - b.lo[0], b.hi[1] - b.lo[1], b.hi[2] - b.lo[2]];
}

/**
 * Smallest box holding every set voxel, or null for an empty mask. Masks hold 0/1, so the set
 * voxels are found with indexOf/lastIndexOf: native scans that skip empty space quickly.
 */
export function maskBounds(mask: Uint8Array, dims: readonly [number, number, number]): Box | null {
  const [nx, ny] = dims;
  const lo: Vec3Tuple = [nx, ny, dims[2]];
  const hi: Vec3Tuple = [-1, -1, -1];
  let p = mask.indexOf(1);
  while (p >= 0) {
    const row = Math.floor(p / nx);
    const rowStart = row * nx;
    const last = mask.lastIndexOf(1, rowStart + nx - 1);
    const j = row % ny, k = Math.floor(row / ny);
    lo[0] = Math.min(lo[0], p - rowStart);
    hi[0] = Math.max(hi[0], last - rowStart);
    lo[1] = Math.min(lo[1], j);
    hi[1] = Math.max(hi[1], j);
    lo[2] = Math.min(lo[2], k);
    hi[2] = Math.max(hi[2], k);
    p = rowStart + nx < mask.length ? mask.indexOf(1, rowStart + nx) : -1;
  }
  if (hi[0] < 0) return null;
  return { lo, hi: [hi[0] + 1, hi[1] + 1, hi[2] + 1] };
}

/** Grow a box by `minus` below and `plus` above on each axis, optionally clipped to the grid. */
export function growBox(b: Box, minus: readonly number[], plus: readonly number[], clipTo?: readonly [number, number, number]): Box {
  const lo = [0, 1, 2].map((a) => b.lo[a]! - minus[a]!) as Vec3Tuple;
  const hi = [0, 1, 2].map((a) => b.hi[a]! + plus[a]!) as Vec3Tuple;
  if (clipTo) {
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.max(0, lo[a]!);
      hi[a] = Math.min(clipTo[a]!, hi[a]!);
    }
  }
  return { lo, hi };
}

/**
 * Copy the part of `mask` inside box `b` (which may reach outside the grid) into a box-sized
 * array; voxels outside the grid get `outside`. `invert` copies the complement (1 − mask).
 */
export function cropMask(mask: Uint8Array, dims: readonly [number, number, number], b: Box, outside: 0 | 1, invert = false): Uint8Array {
  const [nx, ny, nz] = dims;
  const [bx, by, bz] = boxDims(b);
  const out = new Uint8Array(bx * by * bz);
  if (outside) out.fill(1);
  const i0 = Math.max(0, b.lo[0]), i1 = Math.min(nx, b.hi[0]);
  for (let z = 0; z < bz; z++) {
    const k = b.lo[2] + z;
    if (k < 0 || k >= nz) continue;
    for (let y = 0; y < by; y++) {
      const j = b.lo[1] + y;
      if (j < 0 || j >= ny) continue;
      const src = (k * ny + j) * nx;
      const dst = (z * by + y) * bx - b.lo[0];
      if (invert) for (let i = i0; i < i1; i++) out[dst + i] = mask[src + i] ? 0 : 1;
      else if (i0 < i1) out.set(mask.subarray(src + i0, src + i1), dst + i0);
    }
  }
  return out;
}

/** Write a box-sized array back into a full-grid mask (the part of the box inside the grid). */
export function pasteBox(boxData: Uint8Array, b: Box, dims: readonly [number, number, number], into: Uint8Array): Uint8Array {
  const [nx, ny, nz] = dims;
  const [bx, by, bz] = boxDims(b);
  const i0 = Math.max(0, b.lo[0]), i1 = Math.min(nx, b.hi[0]);
  for (let z = 0; z < bz; z++) {
    const k = b.lo[2] + z;
    if (k < 0 || k >= nz) continue;
    for (let y = 0; y < by; y++) {
      const j = b.lo[1] + y;
      if (j < 0 || j >= ny) continue;
      const dst = (k * ny + j) * nx;
      const src = (z * by + y) * bx - b.lo[0];
      if (i0 < i1) into.set(boxData.subarray(src + i0, src + i1), dst + i0);
    }
  }
  return into;
}
