import type { Triple } from '../../../core/api/contract.js';

/** A structure as the views draw it: its mask cut to its bounding box (see StructurePayload). */
export interface DisplayStructure {
  readonly id: string;
  readonly name: string;
  readonly color: Triple;
  readonly visible: boolean;
  readonly box: { readonly lo: Triple; readonly hi: Triple } | null;
  readonly mask: Uint8Array;
  /**
   * Model output nobody has reviewed yet (review state 'ai-draft'): drawn with a dashed outline and
   * no fill, and translucent in 3D, so it is never taken for a contour a person drew or approved.
   */
  readonly aiDraft: boolean;
  /** Rejected by a reviewer: drawn hatched (diagonal lines, no tint) with a solid outline, so it never reads as a contour in use. */
  readonly rejected: boolean;
  /** The body outline (RT ROI Interpreted Type EXTERNAL): faint in 3D, so it does not hide what is inside it. */
  readonly external: boolean;
  /**
   * For AI structures run with test-time augmentation: per-voxel disagreement 0..255 between the
   * passes over its own box (see ConfidenceInfo), drawn as a hatch-free magenta tint. Null otherwise.
   */
  readonly uncertainty: { readonly box: { readonly lo: Triple; readonly hi: Triple }; readonly values: Uint8Array } | null;
}

/** Canvas pixels x0 ≤ x < x1, y0 ≤ y < y1. */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * A stroke not yet answered by the backend, drawn over one structure: per canvas pixel, 1 where
 * the stroke covers the voxel under it. Paint adds those pixels to the structure, erase removes them.
 */
export interface StructureOverride {
  readonly structureId: string;
  readonly mode: 'paint' | 'erase';
  readonly covered: Uint8Array;
}

/** Fill opacity inside a structure: enough to see it, little enough to read the anatomy under it. */
const FILL_ALPHA = 0.22;
/** Opacity of the uncertainty tint where every pass disagreed (value 255); it scales down linearly. */
const UNCERTAINTY_ALPHA = 0.7;
const UNCERTAINTY_RGB: Triple = [255, 0, 255];

/** Side of the squares of the dash pattern of an AI draft's outline, in canvas pixels. */
const DASH_PX = 3;

/** Spacing of the diagonal hatch lines inside a rejected structure, in canvas pixels. */
const HATCH_PX = 6;

/** Whether a rejected structure's hatch is drawn at canvas pixel (x, y): one diagonal line every HATCH_PX pixels. */
export function hatchOn(x: number, y: number): boolean {
  return (x + y) % HATCH_PX === 0;
}

/** Whether an AI draft's outline is drawn at canvas pixel (x, y): a checkerboard of DASH_PX squares dashes it in every direction. */
export function dashOn(x: number, y: number): boolean {
  return ((Math.floor(x / DASH_PX) + Math.floor(y / DASH_PX)) & 1) === 0;
}

/**
 * Draw each visible structure on a resliced plane: a light fill and a solid outline; for an
 * unreviewed AI draft a dashed outline and no fill; for a rejected one a solid outline and a hatch.
 * A pixel is inside when the voxel nearest its centre is in the mask, so the outline follows the
 * voxels exactly (the mask is what will be exported; smoothing it here would show something else).
 */
export function drawStructures(
  ijk: Float32Array, width: number, height: number, structures: readonly DisplayStructure[], rgba: Uint8ClampedArray, scratch: Uint8Array,
  overrides: readonly StructureOverride[] = [],
): void {
  drawStructuresInRect(ijk, width, height, { x0: 0, y0: 0, x1: width, y1: height }, structures, rgba, scratch, overrides);
}

/**
 * The same, for the pixels of `rect` only (a brush stroke repaints just the part of the canvas it
 * touched). Membership is computed one pixel beyond the rect, so outlines at its border are right.
 */
export function drawStructuresInRect(
  ijk: Float32Array, width: number, height: number, rect: PixelRect, structures: readonly DisplayStructure[], rgba: Uint8ClampedArray, scratch: Uint8Array,
  overrides: readonly StructureOverride[] = [],
): void {
  const x0 = Math.max(0, rect.x0), y0 = Math.max(0, rect.y0), x1 = Math.min(width, rect.x1), y1 = Math.min(height, rect.y1);
  if (x0 >= x1 || y0 >= y1) return;
  // Membership one pixel around the rect, for the outline test of its border pixels.
  const mx0 = Math.max(0, x0 - 1), my0 = Math.max(0, y0 - 1), mx1 = Math.min(width, x1 + 1), my1 = Math.min(height, y1 + 1);
  for (const s of structures) {
    // Strokes not yet answered by the backend, oldest first; the structure being edited is shown even when hidden in the list.
    const over = overrides.filter((o) => o.structureId === s.id);
    if (!s.visible && over.length === 0) continue;
    if (!s.box && !over.some((o) => o.mode === 'paint')) continue;
    const [i0, j0, k0] = s.box ? s.box.lo : [1, 1, 1];
    const [i1, j1, k1] = s.box ? s.box.hi : [0, 0, 0];
    const bx = i1 - i0 + 1, by = j1 - j0 + 1;
    let any = false;
    for (let y = my0; y < my1; y++) {
      for (let x = mx0, n = y * width + mx0; x < mx1; x++, n++) {
        const i = Math.round(ijk[3 * n]!), j = Math.round(ijk[3 * n + 1]!), k = Math.round(ijk[3 * n + 2]!);
        let inside = i >= i0 && i <= i1 && j >= j0 && j <= j1 && k >= k0 && k <= k1 && s.mask[i - i0 + bx * (j - j0 + by * (k - k0))] === 1;
        for (let q = 0; q < over.length; q++) if (over[q]!.covered[n] === 1) inside = over[q]!.mode === 'paint';
        scratch[n] = inside ? 1 : 0;
        any ||= inside;
      }
    }
    if (!any) continue;
    const [r, g, b] = s.color;
    for (let y = y0; y < y1; y++) {
      for (let x = x0, n = y * width + x0; x < x1; x++, n++) {
        if (scratch[n] === 0) continue;
        const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1 || scratch[n - 1] === 0 || scratch[n + 1] === 0 || scratch[n - width] === 0 || scratch[n + width] === 0;
        if (s.aiDraft && !(edge && dashOn(x, y))) continue;
        if (s.rejected && !edge && !hatchOn(x, y)) continue;
        const p = 4 * n;
        if (edge || s.rejected) {
          rgba[p] = r;
          rgba[p + 1] = g;
          rgba[p + 2] = b;
        } else {
          rgba[p] = rgba[p]! + (r - rgba[p]!) * FILL_ALPHA;
          rgba[p + 1] = rgba[p + 1]! + (g - rgba[p + 1]!) * FILL_ALPHA;
          rgba[p + 2] = rgba[p + 2]! + (b - rgba[p + 2]!) * FILL_ALPHA;
        }
      }
    }
  }
  for (const s of structures) if (s.visible && s.uncertainty) drawUncertainty(ijk, width, { x0, y0, x1, y1 }, s.uncertainty, rgba);
}

/**
 * Tint the voxels where the augmented passes disagreed, over the structures, so a reviewer sees
 * where the model was unsure (on and around the outline, typically) rather than just a figure.
 */
function drawUncertainty(ijk: Float32Array, width: number, rect: PixelRect, u: NonNullable<DisplayStructure['uncertainty']>, rgba: Uint8ClampedArray): void {
  const [i0, j0, k0] = u.box.lo;
  const [i1, j1, k1] = u.box.hi;
  const bx = i1 - i0 + 1, by = j1 - j0 + 1;
  const [r, g, b] = UNCERTAINTY_RGB;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0, n = y * width + rect.x0; x < rect.x1; x++, n++) {
      const i = Math.round(ijk[3 * n]!), j = Math.round(ijk[3 * n + 1]!), k = Math.round(ijk[3 * n + 2]!);
      if (i < i0 || i > i1 || j < j0 || j > j1 || k < k0 || k > k1) continue;
      const v = u.values[i - i0 + bx * (j - j0 + by * (k - k0))]!;
      if (v === 0) continue;
      const a = (UNCERTAINTY_ALPHA * v) / 255;
      const p = 4 * n;
      rgba[p] = rgba[p]! + (r - rgba[p]!) * a;
      rgba[p + 1] = rgba[p + 1]! + (g - rgba[p + 1]!) * a;
      rgba[p + 2] = rgba[p + 2]! + (b - rgba[p + 2]!) * a;
    }
  }
}

/**
 * How opaque a structure's surface is drawn in 3D: the body outline faint, so the organs inside stay
 * visible; an unreviewed AI draft or a rejected structure translucent, as their dashed or hatched
 * look sets them apart in the 2D views.
 */
export function surfaceOpacity(s: Pick<DisplayStructure, 'aiDraft' | 'rejected' | 'external'>): number {
  const base = s.external ? 0.15 : 0.9;
  return s.aiDraft || s.rejected ? base / 2 : base;
}
