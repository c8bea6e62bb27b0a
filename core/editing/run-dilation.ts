import type { RowRuns } from './row-runs.js';
import type { ElementRows } from './structuring-element.js';

/** Receives each merged run of the result: box row (y, z), first and last i (inclusive, box coordinates). */
export type RunSink = (y: number, z: number, first: number, last: number) => void;

/**
 * Dilate runs by a sampled structuring element, exactly, within the runs' box (the caller leaves
 * room for the reach), handing each merged output run to `sink`. Output row (y, z) is the union over element
 * rows (dj, dk, [diMin, diMax]) of every source run [a, b] of row (y − dj, z − dk) widened to
 * [a + diMin, b + diMax]. The union is taken with a per-row "furthest end starting here" array
 * and one sweep over the row's span, then handed over as merged runs. Cost: for each output row,
 * the element rows whose source row lies within the rows that hold runs, plus the intervals
 * (those rows' runs) and the span of the output row — independent of how much of the box the
 * structure fills, which makes a body-sized mask cheap at clinical margins, and of the margin's
 * size beyond the structure's own extent, which makes a small target under a large margin cheap.
 */
export function dilateRuns(src: RowRuns, element: ElementRows, sink: RunSink): void {
  const [bx, by, bz] = src.dims;
  const furthest = new Int32Array(bx).fill(-1);
  const { rowStart, runs } = src;
  const rows = sourceRowBounds(src);
  if (!rows) return;
  // The element grouped by dk, each group sorted by dj (flat: dj, diMin, diMax per row), so that
  // an output row visits only the element rows whose source row can hold runs: a small structure
  // under a large margin costs its own rows, not the whole element, per output row.
  const sorted = [...element.rows].sort((a, b) => a.dk - b.dk || a.dj - b.dj);
  const dkMin = sorted.length > 0 ? sorted[0]!.dk : 0;
  const dkMax = sorted.length > 0 ? sorted[sorted.length - 1]!.dk : -1;
  const groupStart = new Int32Array(dkMax - dkMin + 2);
  for (const e of sorted) groupStart[e.dk - dkMin + 1]!++;
  for (let g = 1; g < groupStart.length; g++) groupStart[g]! += groupStart[g - 1]!;
  const el = Int32Array.from(sorted.flatMap((e) => [e.dj, e.diMin, e.diMax]));
  for (let z = 0; z < bz; z++) {
    // Source plane sz = z − dk must lie within the planes that hold runs.
    const kFrom = Math.max(dkMin, z - rows.zMax), kTo = Math.min(dkMax, z - rows.zMin);
    for (let y = 0; y < by; y++) {
      let lo = bx, hi = -1;
      const jFrom = y - rows.yMax, jTo = y - rows.yMin;
      for (let dk = kFrom; dk <= kTo; dk++) {
        const sz = z - dk;
        const end = groupStart[dk - dkMin + 1]!;
        let q = lowerBound(el, groupStart[dk - dkMin]!, end, jFrom);
        for (; q < end; q++) {
          const dj = el[3 * q]!;
          if (dj > jTo) break;
          const row = sz * by + (y - dj);
          const last = rowStart[row + 1]!;
          const diMin = el[3 * q + 1]!, diMax = el[3 * q + 2]!;
          for (let r = rowStart[row]!; r < last; r++) {
            const a = Math.max(0, runs[2 * r]! + diMin);
            const b = Math.min(bx - 1, runs[2 * r + 1]! + diMax);
            if (a > b) continue;
            if (b > furthest[a]!) furthest[a] = b;
            if (a < lo) lo = a;
            if (b > hi) hi = b;
          }
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

/** First index in [from, to) of the flat element whose dj ≥ value (rows sorted by dj). */
function lowerBound(el: Int32Array, from: number, to: number, value: number): number {
  let lo = from, hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (el[3 * mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows (y) and planes (z) of the box that hold runs, or null when none does. */
export function sourceRowBounds(src: RowRuns): { yMin: number; yMax: number; zMin: number; zMax: number; rows: number } | null {
  const [, by, bz] = src.dims;
  let yMin = by, yMax = -1, zMin = bz, zMax = -1;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = z * by + y;
      if (src.rowStart[row + 1]! === src.rowStart[row]!) continue;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
      if (z < zMin) zMin = z;
      if (z > zMax) zMax = z;
    }
  }
  return yMax < 0 ? null : { yMin, yMax, zMin, zMax, rows: (yMax - yMin + 1) * (zMax - zMin + 1) };
}
