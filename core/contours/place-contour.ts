import type { Mat4 } from '../geometry/spaces.js';

/** Where one planar contour lands on the grid: slice k and its vertices as (i, j) pairs. */
export interface SlicePlacement {
  readonly k: number;
  /** Vertices in continuous slice index coordinates, i, j interleaved. */
  readonly polygon: Float64Array;
  /** Signed distance of the contour's mean plane from slice k, along the slice normal, in mm. */
  readonly offsetMm: number;
  /** Largest distance of any vertex from the contour's mean plane, in mm (0 for a planar contour). */
  readonly spreadMm: number;
}

export type PlacementResult =
  | { readonly ok: true; readonly placement: SlicePlacement }
  | { readonly ok: false; readonly reason: string };

/**
 * Match a contour (LPS mm, x y z triplets, as in Contour Data (3006,0050)) to a slice of the grid.
 *
 * PS3.3 C.8.8.6 requires CLOSED_PLANAR contours to be planar but does not require them to sit on an
 * image plane, so the match is by distance along the slice normal within `toleranceMm`. Working in
 * index space via the inverse affine makes oblique and tilted series behave like axial ones.
 */
export function placeContour(
  points: ArrayLike<number>,
  lpsToIjk: Mat4<'LPS', 'IJK'>,
  nz: number,
  sliceSpacingMm: number,
  toleranceMm: number,
): PlacementResult {
  const n = Math.floor(points.length / 3);
  if (n === 0) return { ok: false, reason: 'contour has no points' };
  const m = lpsToIjk;
  const polygon = new Float64Array(2 * n);
  const ks = new Float64Array(n);
  let kSum = 0;
  for (let v = 0; v < n; v++) {
    const x = points[3 * v] as number;
    const y = points[3 * v + 1] as number;
    const z = points[3 * v + 2] as number;
    polygon[2 * v] = (m[0] as number) * x + (m[1] as number) * y + (m[2] as number) * z + (m[3] as number);
    polygon[2 * v + 1] = (m[4] as number) * x + (m[5] as number) * y + (m[6] as number) * z + (m[7] as number);
    const k = (m[8] as number) * x + (m[9] as number) * y + (m[10] as number) * z + (m[11] as number);
    ks[v] = k;
    kSum += k;
  }
  const kMean = kSum / n;
  let spread = 0;
  for (let v = 0; v < n; v++) spread = Math.max(spread, Math.abs((ks[v] as number) - kMean));
  const k = Math.round(kMean);
  const offsetMm = (kMean - k) * sliceSpacingMm;
  const spreadMm = spread * sliceSpacingMm;
  if (k < 0 || k >= nz) {
    return { ok: false, reason: `contour lies at slice position ${kMean.toFixed(2)}, outside the image (0..${nz - 1})` };
  }
  if (Math.abs(offsetMm) > toleranceMm) {
    return {
      ok: false,
      reason: `contour lies ${Math.abs(offsetMm).toFixed(3)} mm from the nearest slice (${k}), beyond the ${toleranceMm} mm tolerance`,
    };
  }
  if (spreadMm > toleranceMm) {
    return { ok: false, reason: `contour is not planar along the slice normal: vertices spread ${spreadMm.toFixed(3)} mm` };
  }
  return { ok: true, placement: { k, polygon, offsetMm, spreadMm } };
}
