import { dilateBox } from './bounded-distance.js';
import type { DirectionalMarginMm, MarginMm } from './directional-margin.js';
import { axisMargins, isIsotropic, isZero, reflectMargin, toDirectional } from './directional-margin.js';
import type { Box, MaskGrid } from './mask-grid.js';
import { axesOrthogonal, boxDims, checkMask, cropMask, growBox, maskBounds, stepMm, voxelTotal } from './mask-grid.js';
import { rowRuns } from './row-runs.js';
import type { RunSink } from './run-dilation.js';
import { dilateRuns, sourceRowBounds } from './run-dilation.js';
import type { ElementRows } from './structuring-element.js';
import { elementRows } from './structuring-element.js';

/**
 * What lies beyond the image grid when a mask touches its edge.
 *  - 'unknown' (default): nothing is known there, so it neither feeds an expansion nor erodes a
 *    contraction. A body cut by the scan's first and last slices keeps those slices when
 *    contracted (the patient continues beyond the scan; skin is not there).
 *  - 'background': the grid edge is the structure's edge; contraction erodes from it too.
 * Expansion is clipped to the grid in both cases (a mask cannot hold voxels outside it).
 */
export type OutsideGrid = 'unknown' | 'background';

export interface MarginOptions {
  readonly outsideGrid?: OutsideGrid;
  /**
   * Force one of the two exact methods (tests compare them); default: the cheaper for this mask.
   * 'distance-transform' needs perpendicular index axes, and for a per-direction margin axes along
   * the patient axes; elsewhere 'runs' is used whatever is asked.
   */
  readonly method?: 'distance-transform' | 'runs';
}

/**
 * Intervals the run method may widen per voxel of the box before the distance transform is
 * cheaper. Measured on a 512×512×200 grid (test machine, Node 20): about 25–30 ns per interval
 * and 25 ns per voxel, so 1. It only decides which exact method runs, never the result.
 */
const INTERVALS_PER_TRANSFORM_VOXEL = 1;

/** Cost of visiting one element row for one source row, relative to widening one interval (measured as above). */
const ROW_VISIT_COST = 0.2;

/**
 * Dilate the mask (or its complement) inside `box` by the sampled margin element, with whichever
 * exact method is cheaper here (both give the same voxels: test/editing/margins.test.ts), and hand
 * each run of the result to `sink` in box coordinates.
 */
function dilateInBox(mask: Uint8Array, grid: MaskGrid, box: Box, element: ElementRows, d: DirectionalMarginMm, complement: boolean, options: MarginOptions, sink: RunSink): void {
  const outside: 0 | 1 = complement && options.outsideGrid === 'background' ? 1 : 0;
  const runs = rowRuns(mask, grid.dims, box, outside, complement);
  const along = !axesOrthogonal(grid) ? null : isIsotropic(d) ? { plus: [d.left, d.left, d.left], minus: [d.left, d.left, d.left] } : axisMargins(grid, d);
  const dims = boxDims(box);
  // dilateRuns visits each element row once per source row within the rows that hold runs, and widens each run once per element row.
  const held = sourceRowBounds(runs)?.rows ?? 0;
  const runWork = element.rows.length * (runs.runs.length / 2 + ROW_VISIT_COST * held);
  const useTransform = along !== null && (options.method === 'distance-transform' || (options.method === undefined && runWork > INTERVALS_PER_TRANSFORM_VOXEL * dims[0] * dims[1] * dims[2]));
  if (!useTransform) {
    dilateRuns(runs, element, sink);
    return;
  }
  const src = cropMask(mask, grid.dims, box, outside, complement);
  const grown = dilateBox(src, dims, { spacingMm: stepMm(grid), plusMm: [along.plus[0]!, along.plus[1]!, along.plus[2]!], minusMm: [along.minus[0]!, along.minus[1]!, along.minus[2]!] });
  const all: Box = { lo: [0, 0, 0], hi: dims };
  const result = rowRuns(grown, dims, all, 0, false);
  for (let z = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) {
    const row = z * dims[1] + y;
    for (let r = result.rowStart[row]!; r < result.rowStart[row + 1]!; r++) sink(y, z, result.runs[2 * r]!, result.runs[2 * r + 1]!);
  }
}

/**
 * An isotropic margin past every distance the grid can hold changes nothing more: every voxel
 * centre of the grid (and the first one beyond it, for OutsideGrid 'background') is already within
 * reach. Cutting it there gives the same voxels, so a typed 1000 mm costs what 300 mm does instead of
 * a minute. Per-direction margins are not cut: their ellipsoid's shape depends on every semi-axis.
 */
function withinGridReach(d: DirectionalMarginMm, grid: MaskGrid): DirectionalMarginMm {
  if (!isIsotropic(d)) return d;
  let reach = 0, step = 0;
  for (let a = 0; a < 3; a++) {
    const c = Math.hypot(grid.ijkToLps[a]!, grid.ijkToLps[4 + a]!, grid.ijkToLps[8 + a]!);
    reach += c * (grid.dims[a]! - 1);
    step = Math.max(step, c);
  }
  const limit = reach + 2 * step;
  return d.left > limit ? toDirectional(limit) : d;
}

/** A sink writing `value` into a full-grid mask, clipped to the grid (a box may reach past it). */
function fillSink(out: Uint8Array, dims: readonly [number, number, number], box: Box, value: 0 | 1): RunSink {
  const [nx, ny, nz] = dims;
  return (y, z, first, last) => {
    const j = box.lo[1] + y, k = box.lo[2] + z;
    if (j < 0 || j >= ny || k < 0 || k >= nz) return;
    const a = Math.max(0, box.lo[0] + first), b = Math.min(nx - 1, box.lo[0] + last);
    if (a <= b) out.fill(value, (k * ny + j) * nx + a, (k * ny + j) * nx + b + 1);
  };
}

/**
 * Expand a mask by a margin in mm: a voxel is in the result iff the centre of some voxel of the
 * mask lies within the margin of it — Euclidean distance for an isotropic margin; for a
 * per-direction margin, within the ellipsoid whose semi-axis in each patient direction is that
 * direction's margin, taken octant by octant as planning systems do: a displacement (x, y, z) mm
 * from a mask voxel is covered iff (x/mx)² + (y/my)² + (z/mz)² ≤ 1, with mx the LEFT margin when x
 * points to the patient's left and the RIGHT margin otherwise, likewise A/P and S/I; a zero margin
 * allows no displacement that way.
 */
export function expandMask(mask: Uint8Array, grid: MaskGrid, margin: MarginMm, options: MarginOptions = {}): Uint8Array {
  checkMask(mask, grid);
  const d = withinGridReach(toDirectional(margin), grid);
  if (isZero(d)) return mask.slice();
  const bounds = maskBounds(mask, grid.dims);
  const out = new Uint8Array(voxelTotal(grid));
  if (!bounds) return out;
  const element = elementRows(grid.ijkToLps, d);
  // A source at q reaches q + δ: the box grows by the reach on each side, clipped to the grid.
  const box = growBox(bounds, element.reachMinus, element.reachPlus, grid.dims);
  dilateInBox(mask, grid, box, element, d, false, options, fillSink(out, grid.dims, box, 1));
  return out;
}

/**
 * Contract a mask by a margin in mm: the complement of the expansion of the complement by the
 * mirrored margin, i.e. a voxel stays iff every voxel centre within the margin of it (the same
 * ellipsoid as expandMask) belongs to the mask. A RIGHT margin moves the right-hand surface
 * towards the patient's left by that much. Beyond the grid: see OutsideGrid.
 */
export function contractMask(mask: Uint8Array, grid: MaskGrid, margin: MarginMm, options: MarginOptions = {}): Uint8Array {
  checkMask(mask, grid);
  const d = withinGridReach(toDirectional(margin), grid);
  if (isZero(d)) return mask.slice();
  const bounds = maskBounds(mask, grid.dims);
  const out = new Uint8Array(voxelTotal(grid));
  if (!bounds) return out;
  const mirrored = reflectMargin(d);
  const element = elementRows(grid.ijkToLps, mirrored);
  // Every background voxel that can reach `bounds` lies in this box (at least one voxel past it,
  // so that the background beside the mask is always there). Past the grid there is background
  // only for OutsideGrid 'background'; otherwise nothing there erodes, and the box stops at the grid.
  const atLeastOne = (r: readonly number[]) => r.map((x) => Math.max(1, x));
  const box = growBox(bounds, atLeastOne(element.reachPlus), atLeastOne(element.reachMinus), options.outsideGrid === 'background' ? undefined : grid.dims);
  // Start from the mask and clear every voxel the grown background reaches.
  out.set(mask);
  dilateInBox(mask, grid, box, element, mirrored, true, options, fillSink(out, grid.dims, box, 0));
  return out;
}

/** Expand for a positive signed margin, contract for a negative one, copy for zero. */
export function offsetMask(mask: Uint8Array, grid: MaskGrid, signedMm: number, options: MarginOptions = {}): Uint8Array {
  if (!Number.isFinite(signedMm)) throw new RangeError(`margin must be a finite number of mm, got ${signedMm}`);
  if (signedMm > 0) return expandMask(mask, grid, signedMm, options);
  if (signedMm < 0) return contractMask(mask, grid, -signedMm, options);
  checkMask(mask, grid);
  return mask.slice();
}

/**
 * The band between two offset surfaces: offset(outer) minus offset(inner), offsets signed
 * (positive outward). ring(m, 2, 7) is a 5 mm wall starting 2 mm outside the structure;
 * ring(m, −3, 0) is the 3 mm inner shell.
 */
export function ringMask(mask: Uint8Array, grid: MaskGrid, innerMm: number, outerMm: number, options: MarginOptions = {}): Uint8Array {
  if (!(innerMm < outerMm)) throw new RangeError(`a ring needs inner < outer, got inner ${innerMm} mm, outer ${outerMm} mm`);
  const outer = offsetMask(mask, grid, outerMm, options);
  const inner = offsetMask(mask, grid, innerMm, options);
  for (let n = 0; n < outer.length; n++) if (inner[n]) outer[n] = 0;
  return outer;
}

/** The wall of the structure's own outer `thicknessMm` (ring from −thickness to 0). */
export function shellMask(mask: Uint8Array, grid: MaskGrid, thicknessMm: number, options: MarginOptions = {}): Uint8Array {
  if (!(thicknessMm > 0)) throw new RangeError(`shell thickness must be > 0 mm, got ${thicknessMm}`);
  return ringMask(mask, grid, -thicknessMm, 0, options);
}
