import { applyToPoint } from '../../../core/geometry/mat4.js';
import type { Mat4, Vec3 } from '../../../core/geometry/spaces.js';
import { vec3 } from '../../../core/geometry/spaces.js';
import type { PlaneSpec } from '../viewer/view-geometry.js';
import { pixelToLps } from '../viewer/view-geometry.js';

export interface SliceGrid {
  readonly dims: readonly [number, number, number];
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  readonly lpsToIjk: Mat4<'LPS', 'IJK'>;
}

/**
 * The patient-space point under canvas pixel (x, y), moved along `axis` onto the centre of the
 * slice the view shows there (the voxel each pixel samples is the nearest one, reslice.ts).
 *
 * Why: a view may sit exactly between two slices (the grid centre of an even slice count does),
 * and the backend picks the slice nearest each point on its own; without this a stroke could land
 * on the neighbouring slice — invisible where it was drawn — and a polygon half a slice off the
 * grid would be refused. On the slice centre, the drawing is where it was seen.
 */
export function pointOnShownSlice(plane: PlaneSpec, x: number, y: number, grid: SliceGrid, axis: 0 | 1 | 2, ijk: Float32Array): Vec3<'LPS'> {
  const lps = pixelToLps(plane, x, y);
  const px = Math.min(plane.width - 1, Math.max(0, Math.round(x)));
  const py = Math.min(plane.height - 1, Math.max(0, Math.round(y)));
  const shown = Math.round(ijk[3 * (py * plane.width + px) + axis]!);
  if (!(shown >= 0 && shown < grid.dims[axis])) return lps;
  const p = applyToPoint(grid.lpsToIjk, lps);
  const snapped = vec3<'IJK'>(axis === 0 ? shown : p[0], axis === 1 ? shown : p[1], axis === 2 ? shown : p[2]);
  return applyToPoint(grid.ijkToLps, snapped);
}
