import type { Triple } from '../../../core/api/contract.js';

/** A structure as the views draw it: its mask cut to its bounding box (see StructurePayload). */
export interface DisplayStructure {
  readonly id: string;
  readonly name: string;
  readonly color: Triple;
  readonly visible: boolean;
  readonly box: { readonly lo: Triple; readonly hi: Triple } | null;
  readonly mask: Uint8Array;
}

/** Fill opacity inside a structure: enough to see it, little enough to read the anatomy under it. */
const FILL_ALPHA = 0.22;

/**
 * Draw each visible structure on a resliced plane: a light fill and a solid outline. A pixel is
 * inside when the voxel nearest its centre is in the mask, so the outline follows the voxels
 * exactly (the mask is what will be exported; smoothing it here would show something else).
 */
export function drawStructures(ijk: Float32Array, width: number, height: number, structures: readonly DisplayStructure[], rgba: Uint8ClampedArray, scratch: Uint8Array): void {
  for (const s of structures) {
    if (!s.visible || !s.box) continue;
    const [i0, j0, k0] = s.box.lo;
    const [i1, j1, k1] = s.box.hi;
    const bx = i1 - i0 + 1, by = j1 - j0 + 1;
    let any = false;
    for (let n = 0; n < width * height; n++) {
      const i = Math.round(ijk[3 * n]!), j = Math.round(ijk[3 * n + 1]!), k = Math.round(ijk[3 * n + 2]!);
      const inside = i >= i0 && i <= i1 && j >= j0 && j <= j1 && k >= k0 && k <= k1 && s.mask[i - i0 + bx * (j - j0 + by * (k - k0))] === 1;
      scratch[n] = inside ? 1 : 0;
      any ||= inside;
    }
    if (!any) continue;
    const [r, g, b] = s.color;
    for (let y = 0, n = 0; y < height; y++) {
      for (let x = 0; x < width; x++, n++) {
        if (scratch[n] === 0) continue;
        const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1 || scratch[n - 1] === 0 || scratch[n + 1] === 0 || scratch[n - width] === 0 || scratch[n + width] === 0;
        const p = 4 * n;
        if (edge) {
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
}
