import { squaredDistanceMm2 } from '../editing/distance-transform.js';
import { addedPathLengthMm } from './added-path-length.js';
import { boundingBox, checkMaskGrid, type Box, type MaskGrid } from './mask-grid.js';

export { addedPathLengthMm } from './added-path-length.js';
export type { MaskGrid } from './mask-grid.js';

/**
 * How much a person changed an AI draft to reach the final contour, on the same grid. Surface
 * metrics follow the definitions in Nikolov et al., "Clinically applicable segmentation of head and
 * neck anatomy for radiotherapy" (JMIR 2021) — surface Dice at a tolerance — and Vaassen et al.,
 * "Evaluation of measures for assessing time-saving of automatic organ-at-risk segmentation in
 * radiotherapy" (phiRO 2020) — added path length — with surfaces taken as voxel centres (below).
 */
export interface EditEffort {
  /** 2|A∩B| / (|A|+|B|); 1 when both are empty (nothing to disagree about). */
  readonly dice: number;
  /**
   * Symmetric 95th-percentile Hausdorff distance, mm: the larger of the two directed 95th
   * percentiles (as MONAI and DeepMind's surface-distance compute it). 0 when both are empty;
   * null when exactly one is empty (there is no surface to measure to).
   */
  readonly hd95Mm: number | null;
  /** Surface Dice at `toleranceMm`; 1 when both are empty, 0 when exactly one is. */
  readonly surfaceDice: number;
  /** Length (mm) of the final contour, summed over slices, farther than `toleranceMm` from the draft's. */
  readonly addedPathLengthMm: number;
  readonly toleranceMm: number;
  readonly draftVoxels: number;
  readonly finalVoxels: number;
}

export interface EditEffortOptions {
  /** 1 mm by default: the tolerance the issue asks for, and about a planning CT's in-plane pixel. */
  readonly toleranceMm?: number;
}

export function editEffort(draft: Uint8Array, final: Uint8Array, grid: MaskGrid, options: EditEffortOptions = {}): EditEffort {
  const toleranceMm = options.toleranceMm ?? 1;
  checkMaskGrid(grid, draft, final);
  const surfaces = surfaceDistances(draft, final, grid);
  return {
    dice: dice(draft, final),
    hd95Mm: hd95FromDistances(surfaces),
    surfaceDice: surfaceDiceFromDistances(surfaces, toleranceMm),
    addedPathLengthMm: addedPathLengthMm(draft, final, grid, toleranceMm),
    toleranceMm,
    draftVoxels: count(draft),
    finalVoxels: count(final),
  };
}

export function dice(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`masks of ${a.length} and ${b.length} voxels`);
  let na = 0, nb = 0, both = 0;
  for (let n = 0; n < a.length; n++) {
    const x = a[n] !== 0, y = b[n] !== 0;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

export function hausdorff95Mm(a: Uint8Array, b: Uint8Array, grid: MaskGrid): number | null {
  checkMaskGrid(grid, a, b);
  return hd95FromDistances(surfaceDistances(a, b, grid));
}

export function surfaceDice(a: Uint8Array, b: Uint8Array, grid: MaskGrid, toleranceMm = 1): number {
  checkMaskGrid(grid, a, b);
  return surfaceDiceFromDistances(surfaceDistances(a, b, grid), toleranceMm);
}

/** Distances (mm) from each surface voxel of A to B's surface, and of B to A's. */
interface SurfaceDistances {
  readonly aToB: Float64Array;
  readonly bToA: Float64Array;
}

/**
 * Surface voxels are mask voxels with at least one of their 6 face neighbours outside the mask (or
 * off the grid); distances are between their centres, so identical masks give exactly 0. The
 * distance transforms run only over the two masks' joint bounding box: every feature lies inside
 * it, so the result there is the same as over the whole grid, at a fraction of the memory.
 */
function surfaceDistances(a: Uint8Array, b: Uint8Array, grid: MaskGrid): SurfaceDistances {
  const box = boundingBox(grid.dims, a, b);
  if (!box) return { aToB: new Float64Array(0), bToA: new Float64Array(0) };
  const sa = surfaceInBox(a, grid.dims, box);
  const sb = surfaceInBox(b, grid.dims, box);
  const dims = boxDims(box);
  return { aToB: sampleAt(sa, squaredDistanceMm2(sb, dims, grid.spacingMm)), bToA: sampleAt(sb, squaredDistanceMm2(sa, dims, grid.spacingMm)) };
}

function hd95FromDistances({ aToB, bToA }: SurfaceDistances): number | null {
  if (aToB.length === 0 && bToA.length === 0) return 0;
  if (aToB.length === 0 || bToA.length === 0) return null;
  return Math.max(percentile(aToB, 95), percentile(bToA, 95));
}

function surfaceDiceFromDistances({ aToB, bToA }: SurfaceDistances, toleranceMm: number): number {
  const total = aToB.length + bToA.length;
  if (total === 0) return 1;
  // Relative slack for sums of squared spacings that should equal τ² exactly (e.g. 0.7² + 0.7²).
  const limit = toleranceMm * (1 + 1e-9);
  let within = 0;
  for (const d of aToB) if (d <= limit) within++;
  for (const d of bToA) if (d <= limit) within++;
  return within / total;
}

/** Linear interpolation between closest ranks (numpy's and torch.quantile's default). */
export function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at), hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function boxDims(box: Box): [number, number, number] {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

function surfaceInBox(mask: Uint8Array, dims: readonly [number, number, number], box: Box): Uint8Array {
  const [nx, ny, nz] = dims;
  const [bx, by, bz] = boxDims(box);
  const out = new Uint8Array(bx * by * bz);
  const inside = (i: number, j: number, k: number): boolean => i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && mask[i + nx * (j + ny * k)] !== 0;
  for (let z = 0, n = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      for (let x = 0; x < bx; x++, n++) {
        const i = x + box.lo[0], j = y + box.lo[1], k = z + box.lo[2];
        if (!inside(i, j, k)) continue;
        if (!inside(i - 1, j, k) || !inside(i + 1, j, k) || !inside(i, j - 1, k) || !inside(i, j + 1, k) || !inside(i, j, k - 1) || !inside(i, j, k + 1)) out[n] = 1;
      }
    }
  }
  return out;
}

function sampleAt(surface: Uint8Array, squared: Float64Array): Float64Array {
  let n = 0;
  for (const v of surface) n += v;
  const out = new Float64Array(n);
  let o = 0;
  for (let v = 0; v < surface.length; v++) if (surface[v]) out[o++] = Math.sqrt(squared[v]!);
  return out;
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) if (v !== 0) n++;
  return n;
}
