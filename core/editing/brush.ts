import { placeContour } from '../contours/place-contour.js';
import { defaultSliceToleranceMm } from '../contours/rasterize.js';
import { fillEvenOdd } from '../contours/scanline-fill.js';
import { lpsToIjk, sliceSpacingAlongNormalMm } from '../contours/slice-grid.js';
import { applyToPoint } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/spaces.js';
import type { MaskGrid } from './mask-grid.js';
import { checkMask } from './mask-grid.js';

/**
 * Brush primitives in patient space. Each returns the voxel indices (i + nx·(j + ny·k), ascending)
 * a stroke covers, so the caller decides what to do with them: paint() gives a new mask,
 * paintInPlace() edits a buffer the interactive tool owns and reports how many voxels changed
 * (the undo layer can keep the indices and the old values). A voxel is covered iff its centre is.
 */

/** Voxels whose centre lies within `radiusMm` of `centre` (a 3D ball). */
export function sphereVoxels(grid: MaskGrid, centre: Vec3<'LPS'>, radiusMm: number): Uint32Array {
  checkRadius(radiusMm);
  const inv = lpsToIjk(grid);
  const c = applyToPoint(inv, centre);
  const L = grid.ijkToLps;
  // Index reach along axis a: |row_a(L⁻¹)|·r bounds |Δa| for any displacement of length r.
  const reach = [0, 1, 2].map((a) => radiusMm * Math.hypot(inv[4 * a]!, inv[4 * a + 1]!, inv[4 * a + 2]!) + 1e-9);
  const [nx, ny] = grid.dims;
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.ceil(c[a]! - reach[a]!)));
  const hi = [0, 1, 2].map((a) => Math.min(grid.dims[a]! - 1, Math.floor(c[a]! + reach[a]!)));
  const out: number[] = [];
  const r2 = radiusMm * radiusMm;
  for (let k = lo[2]!; k <= hi[2]!; k++) for (let j = lo[1]!; j <= hi[1]!; j++) for (let i = lo[0]!; i <= hi[0]!; i++) {
    const di = i - c[0], dj = j - c[1], dk = k - c[2];
    const x = L[0]! * di + L[1]! * dj + L[2]! * dk, y = L[4]! * di + L[5]! * dj + L[6]! * dk, z = L[8]! * di + L[9]! * dj + L[10]! * dk;
    if (x * x + y * y + z * z <= r2) out.push(i + nx * (j + ny * k));
  }
  return Uint32Array.from(out);
}

/**
 * A disc in the slice plane: on the slice k nearest to `centre`, the voxels whose centre lies
 * within `radiusMm` of the centre's point on that slice (distance measured in the plane, in mm,
 * so a non-square pixel still gives a round disc). Empty when the centre is off the grid's slices.
 */
export function discVoxels(grid: MaskGrid, centre: Vec3<'LPS'>, radiusMm: number): Uint32Array {
  checkRadius(radiusMm);
  const inv = lpsToIjk(grid);
  const c = applyToPoint(inv, centre);
  const [nx, ny, nz] = grid.dims;
  const k = Math.round(c[2]);
  if (k < 0 || k >= nz) return new Uint32Array(0);
  const L = grid.ijkToLps;
  // Reach in i and j of an in-plane displacement of length r: r·√((G⁻¹)aa), G the Gram matrix
  // of the two in-plane steps (exact also when the pixel axes are not perpendicular).
  const aa = L[0]! ** 2 + L[4]! ** 2 + L[8]! ** 2, bb = L[1]! ** 2 + L[5]! ** 2 + L[9]! ** 2, ab = L[0]! * L[1]! + L[4]! * L[5]! + L[8]! * L[9]!;
  const det = aa * bb - ab * ab;
  const ri = radiusMm * Math.sqrt(bb / det) + 1e-9, rj = radiusMm * Math.sqrt(aa / det) + 1e-9;
  const i0 = Math.max(0, Math.ceil(c[0] - ri)), i1 = Math.min(nx - 1, Math.floor(c[0] + ri));
  const j0 = Math.max(0, Math.ceil(c[1] - rj)), j1 = Math.min(ny - 1, Math.floor(c[1] + rj));
  const out: number[] = [];
  const r2 = radiusMm * radiusMm;
  for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) {
    const di = i - c[0], dj = j - c[1];
    const x = L[0]! * di + L[1]! * dj, y = L[4]! * di + L[5]! * dj, z = L[8]! * di + L[9]! * dj;
    if (x * x + y * y + z * z <= r2) out.push(i + nx * (j + ny * k));
  }
  return Uint32Array.from(out);
}

/**
 * Voxels of a polygon drawn on a slice: vertices in LPS mm (x y z triplets, as Contour Data), all
 * on one slice plane within `toleranceMm` (default a quarter of the slice spacing, as the
 * rasteriser); a voxel is inside iff its centre is, under the even-odd rule. Throws when the
 * polygon is not on a slice of the grid.
 */
export function polygonVoxels(grid: MaskGrid, polygonLps: ArrayLike<number>, toleranceMm = defaultSliceToleranceMm(grid)): Uint32Array {
  const [nx, ny, nz] = grid.dims;
  if (polygonLps.length < 9 || polygonLps.length % 3 !== 0) throw new RangeError('a polygon needs at least 3 points given as x y z triplets');
  const placed = placeContour(polygonLps, lpsToIjk(grid), nz, sliceSpacingAlongNormalMm(grid), toleranceMm);
  if (!placed.ok) throw new RangeError(`polygon cannot be filled: ${placed.reason}`);
  const plane = new Uint8Array(nx * ny);
  fillEvenOdd([placed.placement.polygon], nx, ny, plane, 0);
  const out: number[] = [];
  const offset = placed.placement.k * nx * ny;
  for (let p = plane.indexOf(1); p >= 0; p = plane.indexOf(1, p + 1)) out.push(offset + p);
  return Uint32Array.from(out);
}

/** A new mask with the given voxels set to `value` (1 paints, 0 erases). */
export function paint(mask: Uint8Array, grid: MaskGrid, voxels: Uint32Array, value: 0 | 1): Uint8Array {
  checkMask(mask, grid);
  const out = mask.slice();
  paintInPlace(out, voxels, value);
  return out;
}

/** Set the voxels to `value` in `mask` itself; returns how many changed. */
export function paintInPlace(mask: Uint8Array, voxels: Uint32Array, value: 0 | 1): number {
  let changed = 0;
  for (const v of voxels) {
    if (v >= mask.length) throw new RangeError(`voxel index ${v} is outside the mask (${mask.length} voxels)`);
    if (mask[v] !== value) {
      mask[v] = value;
      changed++;
    }
  }
  return changed;
}

function checkRadius(radiusMm: number): void {
  if (!(radiusMm >= 0) || !Number.isFinite(radiusMm)) throw new RangeError(`brush radius must be a finite number of mm ≥ 0, got ${radiusMm}`);
}
