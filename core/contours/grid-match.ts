import { applyToPoint, invert, multiply } from '../geometry/mat4.js';
import type { Mat4 } from '../geometry/spaces.js';
import { vec3 } from '../geometry/spaces.js';

export interface GridLike {
  readonly dims: readonly [number, number, number];
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
}

/**
 * How voxel (i, j, k) of grid A lands on grid B when both sample the same voxel centres, possibly
 * stored in another axis order or direction (a NIfTI written with flipped rows, say):
 * index in B = base + i·strideI + j·strideJ + k·strideK.
 */
export interface GridMapping {
  readonly base: number;
  readonly strideI: number;
  readonly strideJ: number;
  readonly strideK: number;
  /** Largest distance in mm between a corner centre of A and the matching centre of B. */
  readonly maxErrorMm: number;
}

export type GridMatch = { readonly ok: true; readonly mapping: GridMapping } | { readonly ok: false; readonly reason: string };

/**
 * Match grid A onto grid B: the same centres within `toleranceMm` at every corner of A and an axis
 * permutation with flips between the indices. Anything else (other spacing, a shift, a rotation)
 * means the two are different grids and voxel values cannot be carried across without resampling.
 */
export function matchGrids(a: GridLike, b: GridLike, toleranceMm = 1e-3): GridMatch {
  const m = multiply(invert(b.ijkToLps), a.ijkToLps); // IJK_A → IJK_B
  const axisOf: number[] = [];
  const signOf: number[] = [];
  for (let c = 0; c < 3; c++) {
    let best = 0;
    for (let r = 1; r < 3; r++) if (Math.abs(m[r * 4 + c] as number) > Math.abs(m[best * 4 + c] as number)) best = r;
    axisOf.push(best);
    signOf.push(Math.sign(m[best * 4 + c] as number));
  }
  if (new Set(axisOf).size !== 3) return { ok: false, reason: 'the grids are rotated relative to each other' };
  for (let c = 0; c < 3; c++) {
    if (a.dims[c] !== b.dims[axisOf[c] as number]) {
      return { ok: false, reason: `grid sizes differ (${a.dims.join('×')} vs ${b.dims.join('×')})` };
    }
  }
  const origin = applyToPoint(m, vec3<'IJK'>(0, 0, 0));
  const start = origin.map(Math.round);
  let maxErrorMm = 0;
  let outside = false;
  const [nx, ny, nz] = a.dims;
  for (const i of [0, nx - 1]) for (const j of [0, ny - 1]) for (const k of [0, nz - 1]) {
    const idx = [i, j, k];
    const expected = [0, 0, 0];
    for (let c = 0; c < 3; c++) expected[axisOf[c] as number] = (start[axisOf[c] as number] as number) + (signOf[c] as number) * (idx[c] as number);
    const pa = applyToPoint(a.ijkToLps, vec3<'IJK'>(i, j, k));
    const pb = applyToPoint(b.ijkToLps, vec3<'IJK'>(expected[0]!, expected[1]!, expected[2]!));
    maxErrorMm = Math.max(maxErrorMm, Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]));
    if (expected.some((e, axis) => e < 0 || e >= (b.dims[axis] as number))) outside = true;
  }
  if (!(maxErrorMm <= toleranceMm)) {
    return { ok: false, reason: `voxel centres differ by up to ${maxErrorMm.toFixed(4)} mm (tolerance ${toleranceMm} mm)` };
  }
  if (outside) return { ok: false, reason: 'the grids cover different regions' };
  const strideOfAxis = [1, b.dims[0], b.dims[0] * b.dims[1]];
  const stride = (c: number): number => (signOf[c] as number) * (strideOfAxis[axisOf[c] as number] as number);
  const base = (start[0] as number) + (start[1] as number) * b.dims[0] + (start[2] as number) * b.dims[0] * b.dims[1];
  return { ok: true, mapping: { base, strideI: stride(0), strideJ: stride(1), strideK: stride(2), maxErrorMm } };
}

/** A writable array of numbers (any typed array). */
export interface NumberArray {
  readonly length: number;
  [n: number]: number;
}

/** Values of B (on B's grid) copied into `out` in A's voxel order, through a mapping from matchGrids. */
export function reorderOnto<T extends NumberArray>(mapping: GridMapping, dimsA: readonly [number, number, number], valuesB: ArrayLike<number>, out: T): T {
  const [nx, ny, nz] = dimsA;
  let n = 0;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) {
      let src = mapping.base + j * mapping.strideJ + k * mapping.strideK;
      for (let i = 0; i < nx; i++, src += mapping.strideI) out[n++] = valuesB[src] as number;
    }
  return out;
}
