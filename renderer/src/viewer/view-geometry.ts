import { applyToPoint, column } from '../../../core/geometry/mat4.js';
import type { Mat4, Vec3 } from '../../../core/geometry/spaces.js';
import { vec3 } from '../../../core/geometry/spaces.js';
import { add, dot, norm, scale, sub } from '../../../core/geometry/vec3.js';

export type Orientation = 'axial' | 'coronal' | 'sagittal';
export const ORIENTATIONS: readonly Orientation[] = ['axial', 'sagittal', 'coronal'];

/**
 * Screen axes of each view in patient space (LPS), in the radiological convention planning
 * systems use: axial seen from the feet (patient's left on screen right, anterior up), coronal
 * seen from the front (left on the right, superior up), sagittal with anterior on the left and
 * superior up. The planes are fixed in patient space, whatever the acquisition: an oblique
 * series is resliced into them (reslice.ts), never shown in its own voxel axes.
 */
export interface ViewAxes {
  /** Patient direction of screen +x (one pixel to the right). */
  readonly right: Vec3<'LPS'>;
  /** Patient direction of screen +y (one pixel down). */
  readonly down: Vec3<'LPS'>;
  /** Through-plane direction, along which the wheel scrolls; its coordinate is the slice position shown. */
  readonly normal: Vec3<'LPS'>;
}

export const VIEW_AXES: Readonly<Record<Orientation, ViewAxes>> = {
  axial: { right: vec3(1, 0, 0), down: vec3(0, 1, 0), normal: vec3(0, 0, 1) },
  coronal: { right: vec3(1, 0, 0), down: vec3(0, 0, -1), normal: vec3(0, 1, 0) },
  sagittal: { right: vec3(0, 1, 0), down: vec3(0, 0, -1), normal: vec3(1, 0, 0) },
};

/** The patient-direction letter of a direction: its largest LPS component (+x L, +y P, +z S). */
export function directionLabel(d: Vec3<'LPS'>): string {
  const [x, y, z] = [Math.abs(d[0]), Math.abs(d[1]), Math.abs(d[2])];
  const axis = x >= y && x >= z ? 0 : y >= z ? 1 : 2;
  const letters = ([['L', 'R'], ['P', 'A'], ['S', 'I']] as const)[axis];
  return d[axis] >= 0 ? letters[0] : letters[1];
}

/** Labels at the four edges of a view. */
export function edgeLabels(axes: ViewAxes): { left: string; right: string; top: string; bottom: string } {
  return {
    right: directionLabel(axes.right),
    left: directionLabel(scale(axes.right, -1)),
    bottom: directionLabel(axes.down),
    top: directionLabel(scale(axes.down, -1)),
  };
}

/** The eight corner voxel centres of the grid, in LPS. */
export function gridCorners(dims: readonly [number, number, number], ijkToLps: Mat4<'IJK', 'LPS'>): Vec3<'LPS'>[] {
  const out: Vec3<'LPS'>[] = [];
  for (const i of [0, dims[0] - 1]) for (const j of [0, dims[1] - 1]) for (const k of [0, dims[2] - 1]) out.push(applyToPoint(ijkToLps, vec3<'IJK'>(i, j, k)));
  return out;
}

export function gridCenter(dims: readonly [number, number, number], ijkToLps: Mat4<'IJK', 'LPS'>): Vec3<'LPS'> {
  return applyToPoint(ijkToLps, vec3<'IJK'>((dims[0] - 1) / 2, (dims[1] - 1) / 2, (dims[2] - 1) / 2));
}

/** Extent (mm) of the grid along a direction, voxel edges included (half a voxel beyond each centre). */
export function extentAlong(dims: readonly [number, number, number], ijkToLps: Mat4<'IJK', 'LPS'>, d: Vec3<'LPS'>): number {
  const values = gridCorners(dims, ijkToLps).map((p) => dot(p, d));
  let pad = 0;
  for (let c = 0; c < 3; c++) pad += Math.abs(dot(column(ijkToLps, c), d)) / 2;
  return Math.max(...values) - Math.min(...values) + 2 * pad;
}

/**
 * Distance between neighbouring slices along `normal`: the grid axis most nearly along it,
 * projected. One wheel step moves this far, so an aligned view steps exactly one slice.
 */
export function sliceStepMm(ijkToLps: Mat4<'IJK', 'LPS'>, normal: Vec3<'LPS'>): number {
  let best = 0;
  let step = 1;
  for (let c = 0; c < 3; c++) {
    const axis = column(ijkToLps, c);
    const length = norm(axis);
    const along = Math.abs(dot(axis, normal));
    if (length > 0 && along / length > best) {
      best = along / length;
      step = along;
    }
  }
  return step;
}

/** Pan and zoom of one view; zoom 1 fits the whole grid. */
export interface ViewTransform {
  readonly zoom: number;
  /** Offset of the view centre from the grid centre, in mm along right and down. */
  readonly panMm: readonly [number, number];
}

/** Where one canvas shows: the LPS position of pixel (0, 0)'s centre and the step per pixel. */
export interface PlaneSpec {
  readonly origin: Vec3<'LPS'>;
  readonly stepRight: Vec3<'LPS'>;
  readonly stepDown: Vec3<'LPS'>;
  readonly width: number;
  readonly height: number;
  readonly mmPerPixel: number;
}

/**
 * The plane through the crosshair, centred on the grid centre (plus pan) projected into it, so
 * the picture stays put while the crosshair moves within the plane.
 */
export function planeFor(
  axes: ViewAxes,
  crosshair: Vec3<'LPS'>,
  dims: readonly [number, number, number],
  ijkToLps: Mat4<'IJK', 'LPS'>,
  view: ViewTransform,
  width: number,
  height: number,
): PlaneSpec {
  const fit = Math.max(extentAlong(dims, ijkToLps, axes.right) / width, extentAlong(dims, ijkToLps, axes.down) / height);
  const mmPerPixel = fit / view.zoom;
  const toCentre = sub(gridCenter(dims, ijkToLps), crosshair);
  const centre = add(
    crosshair,
    add(scale(axes.right, dot(toCentre, axes.right) + view.panMm[0]), scale(axes.down, dot(toCentre, axes.down) + view.panMm[1])),
  );
  const stepRight = scale(axes.right, mmPerPixel);
  const stepDown = scale(axes.down, mmPerPixel);
  const origin = sub(sub(centre, scale(stepRight, (width - 1) / 2)), scale(stepDown, (height - 1) / 2));
  return { origin, stepRight, stepDown, width, height, mmPerPixel };
}

/** LPS position under canvas pixel (x, y). */
export function pixelToLps(plane: PlaneSpec, x: number, y: number): Vec3<'LPS'> {
  return add(plane.origin, add(scale(plane.stepRight, x), scale(plane.stepDown, y)));
}

/** Canvas position of an LPS point projected into the plane. */
export function lpsToPixel(plane: PlaneSpec, p: Vec3<'LPS'>): [number, number] {
  const d = sub(p, plane.origin);
  const m2 = plane.mmPerPixel * plane.mmPerPixel;
  return [dot(d, plane.stepRight) / m2, dot(d, plane.stepDown) / m2];
}
