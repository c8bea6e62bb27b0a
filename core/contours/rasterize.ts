import { placeContour } from './place-contour.js';
import { fillEvenOdd } from './scanline-fill.js';
import type { SliceGrid } from './slice-grid.js';
import { lpsToIjk, sliceSpacingAlongNormalMm, sliceVoxelCount } from './slice-grid.js';

export interface RasterizeOptions {
  /**
   * How far (mm, along the slice normal) a contour may lie from a slice plane and still be
   * drawn on it. DICOM sets no tolerance; planning systems round z to 0.01–0.1 mm. The default,
   * a quarter of the slice spacing, snaps every such contour but reports one drawn for another
   * grid (more than a quarter slice away) instead of moving it.
   */
  readonly sliceToleranceMm?: number;
}

export interface RasterizeResult {
  /** 0/1 per voxel on the grid, i fastest. */
  readonly mask: Uint8Array;
  readonly voxels: number;
  /** Contours drawn, and why each skipped one was skipped. */
  readonly contoursUsed: number;
  /** The slice each contour was drawn on, or null when it was skipped (same order as the input). */
  readonly sliceOfContour: (number | null)[];
  readonly warnings: string[];
}

export function defaultSliceToleranceMm(grid: SliceGrid): number {
  return 0.25 * sliceSpacingAlongNormalMm(grid);
}

/**
 * Rasterise the CLOSED_PLANAR contours of one ROI (LPS mm triplets) onto the grid: a voxel is in
 * iff its centre is inside under the even-odd rule over all the ROI's contours on its plane.
 */
export function rasterizeContours(
  grid: SliceGrid,
  contours: readonly ArrayLike<number>[],
  options: RasterizeOptions = {},
): RasterizeResult {
  const [nx, ny, nz] = grid.dims;
  const spacing = sliceSpacingAlongNormalMm(grid);
  const tolerance = options.sliceToleranceMm ?? defaultSliceToleranceMm(grid);
  const inverse = lpsToIjk(grid);
  const bySlice = new Map<number, Float64Array[]>();
  const warnings: string[] = [];
  const sliceOfContour: (number | null)[] = contours.map(() => null);
  let used = 0;
  contours.forEach((points, index) => {
    if (points.length < 9) {
      warnings.push(`contour ${index + 1} has fewer than 3 points and encloses nothing`);
      return;
    }
    const placed = placeContour(points, inverse, nz, spacing, tolerance);
    if (!placed.ok) {
      warnings.push(`contour ${index + 1} skipped: ${placed.reason}`);
      return;
    }
    const list = bySlice.get(placed.placement.k) ?? [];
    list.push(placed.placement.polygon);
    bySlice.set(placed.placement.k, list);
    sliceOfContour[index] = placed.placement.k;
    used++;
  });
  const mask = new Uint8Array(sliceVoxelCount(grid) * nz);
  let voxels = 0;
  for (const [k, polygons] of bySlice) voxels += fillEvenOdd(polygons, nx, ny, mask, k * nx * ny);
  return { mask, voxels, contoursUsed: used, sliceOfContour, warnings };
}
