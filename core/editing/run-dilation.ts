import type { RowRuns } from './row-runs.js';
import type { ElementRows } from './structuring-element.js';

/** Receives each merged run of the result: box row (y, z), first and last i (inclusive, box coordinates). */
export type RunSink = (y: number, z: number, first: number, last: number) => void;

/**
 * Dilate runs by a sampled structuring element, exactly, within the runs' box (the caller leaves
 * room for the reach), handing each merged output run to `sink`. Output row (y, z) is the union over element
 * rows (dj, dk, [diMin, diMax]) of every source run [a, b] of row (y − dj, z − dk) widened to
 * [a + diMin, b + diMax]. The union is taken with a per-row "furthest end starting here" array
 * and one sweep over the row's span, then handed over as merged runs. Cost: intervals
 * (rows × element rows × runs per row) plus the span of each output row — independent of how much
 * of the box the structure fills, which makes a body-sized mask cheap at clinical margins.
 */
export function dilateRuns(src: RowRuns, element: ElementRows, sink: RunSink): void {
  const [bx, by, bz] = src.dims;
  const furthest = new Int32Array(bx).fill(-1);
  // Flat copy of the element (dj, dk, diMin, diMax per row): the inner loop then reads no objects.
  const el = Int32Array.from(element.rows.flatMap((e) => [e.dj, e.dk, e.diMin, e.diMax]));
  const { rowStart, runs } = src;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      let lo = bx, hi = -1;
      for (let q = 0; q < el.length; q += 4) {
        const sy = y - el[q]!, sz = z - el[q + 1]!;
        if (sy < 0 || sy >= by || sz < 0 || sz >= bz) continue;
        const row = sz * by + sy;
        const last = rowStart[row + 1]!;
        const diMin = el[q + 2]!, diMax = el[q + 3]!;
        for (let r = rowStart[row]!; r < last; r++) {
          const a = Math.max(0, runs[2 * r]! + diMin);
          const b = Math.min(bx - 1, runs[2 * r + 1]! + diMax);
          if (a > b) continue;
          if (b > furthest[a]!) furthest[a] = b;
          if (a < lo) lo = a;
          if (b > hi) hi = b;
        }
      }
      if (hi < 0) continue;
      let start = -1, cover = -1;
      for (let i = lo; i <= hi; i++) {
        const f = furthest[i]!;
        furthest[i] = -1;
        if (i > cover) {
          if (start >= 0) sink(y, z, start, cover);
          start = f >= 0 ? i : -1;
        }
        if (f > cover) cover = f;
      }
      if (start >= 0) sink(y, z, start, cover);
    }
  }
}
