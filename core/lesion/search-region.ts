import { applyToPoint, invert, multiply } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/spaces.js';
import { mat4, vec3 } from '../geometry/spaces.js';
import type { Box, MaskGrid } from '../editing/mask-grid.js';
import { boxDims, stepMm } from '../editing/mask-grid.js';
import type { GridImage } from '../segmentation/conform.js';
import { SeedOutsideImageError } from './lesion-errors.js';

/** What lesion growing needs of an image: one frame on a grid in patient space (int16, uint16, float32…), as conform does. */
export type LesionImage = GridImage;

/**
 * The part of the image a click can reach: the box round the seed holding a ball of `reachMm`,
 * clipped to the grid, with its values as float32 and every voxel's squared distance to the seed.
 * Distances are measured in patient space through the affine, so anisotropic and tilted grids
 * give a true ball in mm, and from the exact click, not from the voxel it falls in.
 */
export interface SearchRegion {
  readonly box: Box;
  readonly dims: [number, number, number];
  /** The box as a grid of its own (its ijk → LPS is the image's, shifted to the box corner). */
  readonly grid: MaskGrid;
  readonly values: Float32Array;
  readonly distance2Mm2: Float32Array;
  /** Box index of the voxel the seed falls in. */
  readonly seedIndex: number;
  /** That voxel on the image grid. */
  readonly seedVoxel: Vec3<'IJK'>;
}

/** The image voxel holding an LPS point, or SeedOutsideImageError when it lies off the grid. */
export function voxelOfSeed(image: Pick<LesionImage, 'dims' | 'ijkToLps'>, seed: Vec3<'LPS'>): Vec3<'IJK'> {
  const ijk = applyToPoint(invert(image.ijkToLps), seed);
  const voxel = vec3<'IJK'>(Math.round(ijk[0]), Math.round(ijk[1]), Math.round(ijk[2]));
  if (voxel.some((v, a) => !(v >= 0 && v < image.dims[a]!))) throw new SeedOutsideImageError(seed, ijk, image.dims);
  return voxel;
}

export function searchRegion(image: LesionImage, seed: Vec3<'LPS'>, reachMm: number): SearchRegion {
  const seedVoxel = voxelOfSeed(image, seed);
  const ijkSeed = applyToPoint(invert(image.ijkToLps), seed);
  const step = stepMm(image);
  const [nx, ny] = image.dims;
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.floor(ijkSeed[a]! - reachMm / step[a]!))) as [number, number, number];
  const hi = [0, 1, 2].map((a) => Math.min(image.dims[a]!, Math.ceil(ijkSeed[a]! + reachMm / step[a]!) + 1)) as [number, number, number];
  const box: Box = { lo, hi };
  const dims = boxDims(box);
  const [bx, by, bz] = dims;
  const values = new Float32Array(bx * by * bz);
  const distance2Mm2 = new Float32Array(bx * by * bz);
  const m = image.ijkToLps;
  for (let z = 0, n = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const di = lo[0] - ijkSeed[0], dj = lo[1] + y - ijkSeed[1], dk = lo[2] + z - ijkSeed[2];
      const src = lo[0] + nx * (lo[1] + y + ny * (lo[2] + z));
      for (let x = 0; x < bx; x++, n++) {
        const i = di + x;
        const px = m[0]! * i + m[1]! * dj + m[2]! * dk;
        const py = m[4]! * i + m[5]! * dj + m[6]! * dk;
        const pz = m[8]! * i + m[9]! * dj + m[10]! * dk;
        distance2Mm2[n] = px * px + py * py + pz * pz;
        values[n] = image.data[src + x]!;
      }
    }
  }
  const shift = mat4<'IJK', 'IJK'>([1, 0, 0, lo[0], 0, 1, 0, lo[1], 0, 0, 1, lo[2], 0, 0, 0, 1]);
  const grid: MaskGrid = { dims, ijkToLps: multiply(image.ijkToLps, shift) };
  const seedIndex = seedVoxel[0] - lo[0] + bx * (seedVoxel[1] - lo[1] + by * (seedVoxel[2] - lo[2]));
  return { box, dims, grid, values, distance2Mm2, seedIndex, seedVoxel };
}

/**
 * Where the click may have meant: voxels within `radiusMm` of it, plus the voxel it falls in and
 * that voxel's face neighbours (on thick slices the lesion's brightest part may be one slice over).
 */
export function clickNeighbourhood(region: SearchRegion, radiusMm: number): number[] {
  const [bx, by, bz] = region.dims;
  const s = region.seedIndex;
  const x = s % bx, y = Math.floor(s / bx) % by, z = Math.floor(s / (bx * by));
  const faces = new Set<number>([s]);
  if (x > 0) faces.add(s - 1);
  if (x < bx - 1) faces.add(s + 1);
  if (y > 0) faces.add(s - bx);
  if (y < by - 1) faces.add(s + bx);
  if (z > 0) faces.add(s - bx * by);
  if (z < bz - 1) faces.add(s + bx * by);
  const out: number[] = [];
  for (let n = 0; n < region.values.length; n++) if (region.distance2Mm2[n]! <= radiusMm * radiusMm || faces.has(n)) out.push(n);
  return out;
}
