import type { SliceGrid } from './slice-grid.js';
import { inPlaneSpacingMm } from './slice-grid.js';
import { simplifyClosed } from './simplify.js';
import type { SliceBox, TracedLoop } from './trace-slice.js';
import { sliceBox, traceSlice } from './trace-slice.js';

export interface TraceOptions {
  /**
   * Largest number of points one contour may have. A longer loop is split by tracing its slice in
   * two row bands (recursively); the band loops meet on a voxel-edge line that holds no voxel
   * centre, so even-odd (and union) rasterisation of the pieces is still exactly the mask. The
   * RTSTRUCT writer uses this to keep Contour Data under the 64 KiB explicit-VR limit.
   */
  readonly maxPointsPerContour?: number;
  /** Douglas–Peucker tolerance in mm (see simplify.ts); 0 or absent keeps the exact staircase. */
  readonly simplifyToleranceMm?: number;
}

export interface TracedContour {
  /** Slice index the contour lies on. */
  readonly k: number;
  /** LPS mm, x y z triplets, ready for Contour Data (3006,0050). */
  readonly points: Float64Array;
  readonly hole: boolean;
}

/** Trace a 0/1 mask on the grid into planar contours, slice by slice, along voxel edges. */
export function traceMask(mask: Uint8Array, grid: SliceGrid, options: TraceOptions = {}): TracedContour[] {
  const [nx, ny, nz] = grid.dims;
  if (mask.length !== nx * ny * nz) throw new Error(`mask has ${mask.length} voxels, the grid ${nx * ny * nz}`);
  const maxPoints = options.maxPointsPerContour ?? Number.POSITIVE_INFINITY;
  if (maxPoints < 8) throw new Error('maxPointsPerContour must allow at least 8 points (a chamfered voxel)');
  const [si, sj] = inPlaneSpacingMm(grid);
  const out: TracedContour[] = [];
  for (let k = 0; k < nz; k++) {
    const offset = k * nx * ny;
    const box = sliceBox(mask, nx, offset, 0, ny);
    if (!box) continue;
    for (const loop of traceWithinLimit(mask, nx, offset, box, maxPoints)) {
      let points = loop.points;
      if (options.simplifyToleranceMm) points = simplifyInMm(points, si, sj, options.simplifyToleranceMm);
      out.push({ k, points: toLps(points, k, grid), hole: loop.hole });
    }
  }
  return out;
}

function traceWithinLimit(mask: Uint8Array, nx: number, offset: number, box: SliceBox, maxPoints: number): TracedLoop[] {
  const loops = traceSlice(mask, nx, offset, box);
  if (loops.every((l) => l.points.length / 2 <= maxPoints) || box.j1 - box.j0 < 2) return loops;
  const mid = (box.j0 + box.j1) >> 1;
  const halves = [sliceBox(mask, nx, offset, box.j0, mid), sliceBox(mask, nx, offset, mid, box.j1)];
  return halves.flatMap((half) => (half ? traceWithinLimit(mask, nx, offset, half, maxPoints) : []));
}

function simplifyInMm(points: Float64Array, si: number, sj: number, toleranceMm: number): Float64Array {
  const mm = points.map((v, n) => (n % 2 === 0 ? v * si : v * sj));
  const reduced = simplifyClosed(mm, toleranceMm);
  return reduced.map((v, n) => (n % 2 === 0 ? v / si : v / sj));
}

function toLps(points: Float64Array, k: number, grid: SliceGrid): Float64Array {
  const m = grid.ijkToLps;
  const n = points.length >> 1;
  const out = new Float64Array(3 * n);
  for (let v = 0; v < n; v++) {
    const i = points[2 * v] as number, j = points[2 * v + 1] as number;
    for (let r = 0; r < 3; r++) {
      out[3 * v + r] = (m[4 * r] as number) * i + (m[4 * r + 1] as number) * j + (m[4 * r + 2] as number) * k + (m[4 * r + 3] as number);
    }
  }
  return out;
}
