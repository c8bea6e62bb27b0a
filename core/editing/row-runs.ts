import type { Box } from './mask-grid.js';
import { boxDims } from './mask-grid.js';

/**
 * A mask inside a box as runs of set voxels per row (j, k): runs[2r], runs[2r + 1] are the first
 * and last i (box coordinates, inclusive) of run r; the runs of box row y + by·z are
 * rowStart[row] … rowStart[row + 1] − 1, in increasing i.
 */
export interface RowRuns {
  readonly dims: [number, number, number];
  readonly rowStart: Int32Array;
  readonly runs: Int32Array;
}

class RunList {
  private data = new Int32Array(4096);
  length = 0;
  rowFirst = 0;
  /** Append [a, b]; a run starting right after the row's previous one extends it. */
  push(a: number, b: number): void {
    if (this.length > this.rowFirst && this.data[this.length - 1] === a - 1) {
      this.data[this.length - 1] = b;
      return;
    }
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  finish(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Runs of a full-grid mask (values 0/1) inside box `b`, which may reach past the grid: voxels
 * outside the grid read as `outside`; `invert` takes the complement. Set voxels are found with
 * TypedArray.indexOf on a view of each row, a native scan several times faster than a loop.
 */
export function rowRuns(mask: Uint8Array, gridDims: readonly [number, number, number], b: Box, outside: 0 | 1, invert: boolean): RowRuns {
  const [nx, ny, nz] = gridDims;
  const dims = boxDims(b);
  const [bx, by, bz] = dims;
  const rowStart = new Int32Array(by * bz + 1);
  const list = new RunList();
  const i0 = Math.max(0, b.lo[0]), i1 = Math.min(nx, b.hi[0]);
  const on = invert ? 0 : 1;
  const off = invert ? 1 : 0;
  for (let z = 0; z < bz; z++) {
    const k = b.lo[2] + z;
    for (let y = 0; y < by; y++) {
      const row = z * by + y;
      rowStart[row] = list.length >> 1;
      list.rowFirst = list.length;
      const j = b.lo[1] + y;
      if (k < 0 || k >= nz || j < 0 || j >= ny || i0 >= i1) {
        if (outside) list.push(0, bx - 1);
        continue;
      }
      if (outside && i0 > b.lo[0]) list.push(0, i0 - 1 - b.lo[0]);
      // A view of just this row: indexOf must not run on into the rest of the volume.
      const row0 = (k * ny + j) * nx + i0;
      const view = mask.subarray(row0, row0 + (i1 - i0));
      const shift = i0 - b.lo[0];
      let p = 0;
      while (p < view.length) {
        const a = view.indexOf(on, p);
        if (a < 0) break;
        let e = view.indexOf(off, a);
        if (e < 0) e = view.length;
        list.push(a + shift, e - 1 + shift);
        p = e;
      }
      if (outside && i1 < b.hi[0]) list.push(i1 - b.lo[0], bx - 1);
    }
  }
  rowStart[by * bz] = list.length >> 1;
  return { dims, rowStart, runs: list.finish() };
}
