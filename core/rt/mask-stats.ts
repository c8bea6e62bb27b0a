import type { SliceGrid } from '../contours/slice-grid.js';

/** What the checker needs to know about one mask, from a single pass over it. */
export interface MaskStats {
  readonly voxels: number;
  /** Slices with at least one voxel, ascending. */
  readonly slices: number[];
  /** Voxels on the first/last row or column of a slice (the field-of-view edge). */
  readonly touchesInPlaneEdge: boolean;
  /** Voxels on the first or last slice (the scan's ends). */
  readonly touchesEndSlice: boolean;
}

export function maskStats(mask: Uint8Array, grid: SliceGrid): MaskStats {
  const [nx, ny, nz] = grid.dims;
  let voxels = 0;
  let inPlane = false;
  const slices: number[] = [];
  for (let k = 0; k < nz; k++) {
    let inSlice = 0;
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++) {
        if (mask[row + i] !== 1) continue;
        inSlice++;
        if (i === 0 || j === 0 || i === nx - 1 || j === ny - 1) inPlane = true;
      }
    }
    if (inSlice > 0) slices.push(k);
    voxels += inSlice;
  }
  const touchesEndSlice = slices.length > 0 && (slices[0] === 0 || slices[slices.length - 1] === nz - 1);
  return { voxels, slices, touchesInPlaneEdge: inPlane, touchesEndSlice };
}

/** Runs of missing slices between a structure's first and last slice, as [from, to] inclusive. */
export function sliceGaps(slices: readonly number[]): [number, number][] {
  const gaps: [number, number][] = [];
  for (let n = 1; n < slices.length; n++) {
    const a = slices[n - 1] as number, b = slices[n] as number;
    if (b > a + 1) gaps.push([a + 1, b - 1]);
  }
  return gaps;
}
