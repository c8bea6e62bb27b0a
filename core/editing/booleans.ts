import type { MaskGrid } from './mask-grid.js';
import { checkMask } from './mask-grid.js';

/**
 * Voxel-wise set operations into a new mask (inputs untouched). Both masks must be on the same
 * grid: structures from one structure set are rasterised onto one image, so a length mismatch
 * is a caller bug and throws rather than guessing an alignment.
 */
export type BooleanOp = 'union' | 'intersection' | 'subtraction' | 'xor';

export function combineMasks(op: BooleanOp, a: Uint8Array, b: Uint8Array, grid: MaskGrid): Uint8Array {
  checkMask(a, grid, 'first mask');
  checkMask(b, grid, 'second mask');
  const out = new Uint8Array(a.length);
  switch (op) {
    case 'union':
      for (let n = 0; n < a.length; n++) out[n] = a[n]! | b[n]!;
      break;
    case 'intersection':
      for (let n = 0; n < a.length; n++) out[n] = a[n]! & b[n]!;
      break;
    case 'subtraction':
      for (let n = 0; n < a.length; n++) out[n] = a[n]! & (b[n]! ^ 1);
      break;
    case 'xor':
      for (let n = 0; n < a.length; n++) out[n] = a[n]! ^ b[n]!;
      break;
  }
  return out;
}

export const union = (a: Uint8Array, b: Uint8Array, grid: MaskGrid): Uint8Array => combineMasks('union', a, b, grid);
export const intersection = (a: Uint8Array, b: Uint8Array, grid: MaskGrid): Uint8Array => combineMasks('intersection', a, b, grid);
/** a minus b: voxels of a not in b. */
export const subtraction = (a: Uint8Array, b: Uint8Array, grid: MaskGrid): Uint8Array => combineMasks('subtraction', a, b, grid);
export const xor = (a: Uint8Array, b: Uint8Array, grid: MaskGrid): Uint8Array => combineMasks('xor', a, b, grid);

/** The voxels of the grid not in the mask. */
export function complement(a: Uint8Array, grid: MaskGrid): Uint8Array {
  checkMask(a, grid);
  const out = new Uint8Array(a.length);
  for (let n = 0; n < a.length; n++) out[n] = a[n]! ^ 1;
  return out;
}
