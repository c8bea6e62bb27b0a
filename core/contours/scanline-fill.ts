/**
 * Even-odd scanline fill of polygons given in continuous slice index coordinates
 * (i, j pairs; voxel centres at integers).
 *
 * A voxel is inside iff its centre is inside under the even-odd rule taken over every polygon
 * of the plane together, so holes, islands in holes, keyholes (a cut traversed both ways) and
 * either winding all come out right: each polygon edge contributes a crossing, and only the
 * parity counts. This is the rule the mirp-sts reference masks were made with.
 *
 * Crossing convention (as in PNPOLY): an edge crosses row j when exactly one end has y > j, so a
 * vertex exactly on the row is counted once; centre i is inside when an odd number of crossings
 * lie strictly to its right, i.e. for c[2r] <= i < c[2r+1] over the sorted crossings.
 */
export function fillEvenOdd(
  polygons: readonly Float64Array[],
  nx: number,
  ny: number,
  out: Uint8Array,
  offset: number,
): number {
  const rows = new Map<number, number[]>();
  for (const poly of polygons) addCrossings(poly, ny, rows);
  let filled = 0;
  for (const [j, xs] of rows) {
    xs.sort((a, b) => a - b);
    const rowStart = offset + j * nx;
    for (let r = 0; r + 1 < xs.length; r += 2) {
      const from = Math.max(0, Math.ceil(xs[r] as number));
      const to = Math.min(nx, Math.ceil(xs[r + 1] as number));
      for (let i = from; i < to; i++) {
        out[rowStart + i] = 1;
        filled++;
      }
    }
  }
  return filled;
}

function addCrossings(poly: Float64Array, ny: number, rows: Map<number, number[]>): void {
  const n = poly.length >> 1;
  if (n < 2) return;
  let x0 = poly[2 * (n - 1)] as number;
  let y0 = poly[2 * (n - 1) + 1] as number;
  for (let v = 0; v < n; v++) {
    const x1 = poly[2 * v] as number;
    const y1 = poly[2 * v + 1] as number;
    if (y0 !== y1) {
      // Rows j with (y0 > j) !== (y1 > j): j in [ceil(lo), ceil(hi) - 1] where lo < hi.
      const lo = Math.min(y0, y1);
      const hi = Math.max(y0, y1);
      const jFrom = Math.max(0, Math.ceil(lo));
      const jTo = Math.min(ny - 1, Math.ceil(hi) - 1);
      const slope = (x1 - x0) / (y1 - y0);
      for (let j = jFrom; j <= jTo; j++) {
        let list = rows.get(j);
        if (!list) rows.set(j, (list = []));
        list.push(x0 + (j - y0) * slope);
      }
    }
    x0 = x1;
    y0 = y1;
  }
}
