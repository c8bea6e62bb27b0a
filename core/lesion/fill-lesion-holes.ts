import { fillHoles3d, fillHolesPerSlice } from '../editing/fill-holes.js';
import type { MaskGrid } from '../editing/mask-grid.js';
import { mat4 } from '../geometry/spaces.js';

/**
 * Holes of a lesion contour: those closed in 3D, and those closed within a plane along any of the
 * three grid axes. A ring-enhancing lesion whose necrotic core is open at one pole (a cup) has no
 * 3D hole, but the planes across the axis through the opening each hold a closed ring; the
 * opening may point in any direction, so all three plane families are filled. A C-shaped or
 * kidney-shaped lesion keeps its notch: no plane encloses it.
 */
export function fillLesionHoles(mask: Uint8Array, grid: MaskGrid): Uint8Array {
  const out = fillHoles3d(mask, grid);
  for (const axis of [0, 1, 2] as const) {
    const { data, dims } = permute(out, grid.dims, axis, false);
    // fillHolesPerSlice fills across k: put `axis` last. Only dims matter to it (the affine is unused).
    const filled = fillHolesPerSlice(data, { dims, ijkToLps: IDENTITY });
    const back = permute(filled, dims, axis, true).data;
    for (let n = 0; n < out.length; n++) out[n] = out[n]! | back[n]!;
  }
  return out;
}

const IDENTITY = mat4<'IJK', 'LPS'>([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

/** Cycle the axes so `axis` becomes the slowest (k) one, or undo that cycle. */
function permute(src: Uint8Array, dims: readonly [number, number, number], axis: 0 | 1 | 2, undo: boolean): { data: Uint8Array; dims: [number, number, number] } {
  // New axis x is old axis order[x]. Forward: (axis+1, axis+2, axis); undo: the inverse cycle.
  const start = undo ? (5 - axis) % 3 : (axis + 1) % 3;
  const order = [start, (start + 1) % 3, (start + 2) % 3] as const;
  const out = new Uint8Array(src.length);
  const nd: [number, number, number] = [dims[order[0]]!, dims[order[1]]!, dims[order[2]]!];
  const stride = [1, dims[0], dims[0] * dims[1]];
  const s0 = stride[order[0]]!, s1 = stride[order[1]]!, s2 = stride[order[2]]!;
  for (let c = 0, n = 0; c < nd[2]; c++) for (let b = 0; b < nd[1]; b++) for (let a = 0; a < nd[0]; a++, n++) out[n] = src[a * s0 + b * s1 + c * s2]!;
  return { data: out, dims: nd };
}
