import { column } from '../geometry/mat4.js';
import { norm } from '../geometry/vec3.js';
import type { MaskGrid, Vec3Tuple } from './mask-grid.js';

/**
 * A margin in mm per PATIENT direction (DICOM LPS, PS3.3 C.7.6.2.1.1: +x = patient left,
 * +y = posterior, +z = superior), whatever the image orientation. All values ≥ 0.
 */
export interface DirectionalMarginMm {
  readonly left: number;
  readonly right: number;
  readonly anterior: number;
  readonly posterior: number;
  readonly superior: number;
  readonly inferior: number;
}

export type MarginMm = number | DirectionalMarginMm;

export function isotropicMargin(mm: number): DirectionalMarginMm {
  return { left: mm, right: mm, anterior: mm, posterior: mm, superior: mm, inferior: mm };
}

export function toDirectional(m: MarginMm): DirectionalMarginMm {
  const d = typeof m === 'number' ? isotropicMargin(m) : m;
  for (const [key, value] of Object.entries(d)) {
    if (!(Number.isFinite(value) && (value as number) >= 0)) throw new RangeError(`margin ${key} must be a finite number of mm ≥ 0, got ${String(value)}`);
  }
  return d;
}

export function isIsotropic(d: DirectionalMarginMm): boolean {
  const v = d.left;
  return d.right === v && d.anterior === v && d.posterior === v && d.superior === v && d.inferior === v;
}

export function isZero(d: DirectionalMarginMm): boolean {
  return isIsotropic(d) && d.left === 0;
}

export function maxMargin(d: DirectionalMarginMm): number {
  return Math.max(d.left, d.right, d.anterior, d.posterior, d.superior, d.inferior);
}

/**
 * The mirror image of the margin (left ↔ right, anterior ↔ posterior, superior ↔ inferior).
 * Erosion by a structuring element E is the complement of the dilation of the complement by −E:
 * contracting the RIGHT side by 2 mm means a voxel dies when background lies within 2 mm to its
 * right, i.e. the background grows 2 mm towards the LEFT.
 */
export function reflectMargin(d: DirectionalMarginMm): DirectionalMarginMm {
  return { left: d.right, right: d.left, anterior: d.posterior, posterior: d.anterior, superior: d.inferior, inferior: d.superior };
}

/** Margin that applies to a displacement along patient axis (0 = x, 1 = y, 2 = z) with the given sign. */
export function marginAlong(d: DirectionalMarginMm, axis: number, positive: boolean): number {
  if (axis === 0) return positive ? d.left : d.right;
  if (axis === 1) return positive ? d.posterior : d.anterior;
  return positive ? d.superior : d.inferior;
}

/**
 * Margins along the grid's index axes: plus[a] for a displacement towards increasing index a,
 * minus[a] towards decreasing. Null when some index axis does not run along a patient axis
 * (an oblique grid), where a per-direction margin is not separable on the grid.
 *
 * Aligned means a direction cosine within 1e-6 of ±1 (about 0.08°): DICOM orientations of axial,
 * sagittal and coronal series are written with a few decimals and stay far inside it.
 */
export function axisMargins(grid: MaskGrid, d: DirectionalMarginMm): { plus: Vec3Tuple; minus: Vec3Tuple } | null {
  const plus: Vec3Tuple = [0, 0, 0];
  const minus: Vec3Tuple = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const c = column(grid.ijkToLps, a);
    const n = norm(c);
    const patientAxis = [0, 1, 2].find((p) => Math.abs(c[p]!) / n >= 1 - 1e-6);
    if (patientAxis === undefined) return null;
    const towardsPositive = c[patientAxis]! > 0;
    plus[a] = marginAlong(d, patientAxis, towardsPositive);
    minus[a] = marginAlong(d, patientAxis, !towardsPositive);
  }
  return { plus, minus };
}
