/**
 * Boundary tracing of one mask slice along voxel EDGES, in continuous slice index coordinates
 * (voxel centres at integers, edges at half-integers).
 *
 * Why edges: a contour through voxel centres (marching squares) loses half a voxel all round
 * when re-rasterised with the centre-inside rule that planning systems and our importer use.
 * Edges lie half a voxel from every centre, so even-odd re-rasterisation of the traced loops
 * returns exactly the same voxels.
 *
 * Connectivity: the foreground is traced 8-connected, so voxels that touch only at a corner (a
 * saddle vertex) stay in one contour, as a reader sees one structure: a 1-voxel diagonal line is
 * one ribbon, not a dotted row of squares (and not hundreds of contours per slice). At a saddle
 * the tracer turns right, hugging the background, and cuts that corner by CHAMFER voxel into the
 * background: the two passes through a saddle then neither cross nor touch, so each contour is a
 * simple polygon (Eclipse and others reject self-intersecting contours), and the cut triangle
 * holds no voxel centre, so even-odd rasterisation is still exact. Background, and so holes, is
 * then 4-connected.
 */

/**
 * How far (in voxels, along each edge) a saddle corner is cut. Below 1 no centre changes side;
 * below 0.5 the two cuts at one saddle stay apart (the contour does not touch itself).
 */
const CHAMFER = 0.25;

/** Step per direction code: 0 = +i, 1 = +j, 2 = -i, 3 = -j. Left turn = +1 mod 4, right turn = +3. */
const dx = (d: number): number => (d === 0 ? 1 : d === 2 ? -1 : 0);
const dy = (d: number): number => (d === 1 ? 1 : d === 3 ? -1 : 0);

export interface TracedLoop {
  /** Corner vertices, i and j interleaved; consecutive duplicates and collinear points removed. */
  readonly points: Float64Array;
  /** True for a hole (foreground on the outside); outer loops run counter-clockwise in (i, j). */
  readonly hole: boolean;
}

export interface SliceBox {
  readonly i0: number;
  readonly i1: number;
  readonly j0: number;
  readonly j1: number;
}

/**
 * Bounding box of the foreground (value 1) of slice rows [jFrom, jTo), or null when empty.
 * Uses the native indexOf/lastIndexOf to skip empty stretches: most of a large grid is empty.
 */
export function sliceBox(mask: Uint8Array, nx: number, offset: number, jFrom: number, jTo: number): SliceBox | null {
  // A view bounded to these rows, so a search in an empty slice stops at its end.
  const rows = mask.subarray(offset + jFrom * nx, offset + jTo * nx);
  let i0 = nx, i1 = -1, j0 = -1, j1 = -1;
  let at = 0;
  for (;;) {
    const hit = rows.indexOf(1, at);
    if (hit < 0) break;
    const r = Math.floor(hit / nx);
    const last = rows.lastIndexOf(1, r * nx + nx - 1);
    if (j0 < 0) j0 = jFrom + r;
    j1 = jFrom + r + 1;
    i0 = Math.min(i0, hit - r * nx);
    i1 = Math.max(i1, last - r * nx + 1);
    at = (r + 1) * nx;
  }
  return j0 < 0 ? null : { i0, i1, j0, j1 };
}

/** Trace every boundary loop of the foreground within rows [box.j0, box.j1). */
export function traceSlice(mask: Uint8Array, nx: number, offset: number, box: SliceBox): TracedLoop[] {
  const { i0, i1, j0, j1 } = box;
  const w = i1 - i0 + 1; // lattice vertices per row
  const h = j1 - j0 + 1;
  const inside = (i: number, j: number): boolean =>
    i >= i0 && i < i1 && j >= j0 && j < j1 && mask[offset + j * nx + i] === 1;
  const orig = new Uint8Array(w * h);
  const vid = (i: number, j: number): number => i - i0 + (j - j0) * w;
  for (let j = j0; j < j1; j++) {
    for (let i = i0; i < i1; i++) {
      if (!inside(i, j)) continue;
      if (!inside(i, j - 1)) orig[vid(i, j)]! |= 1 << 0;
      if (!inside(i + 1, j)) orig[vid(i + 1, j)]! |= 1 << 1;
      if (!inside(i, j + 1)) orig[vid(i + 1, j + 1)]! |= 1 << 2;
      if (!inside(i - 1, j)) orig[vid(i, j + 1)]! |= 1 << 3;
    }
  }
  const unused = orig.slice();
  const loops: TracedLoop[] = [];
  for (let v = 0; v < unused.length; v++) {
    while (unused[v]) {
      const bits = unused[v] as number;
      const d0 = bits & 1 ? 0 : bits & 2 ? 1 : bits & 4 ? 2 : 3;
      loops.push(followLoop(v, d0, w, orig, unused, i0 - 0.5, j0 - 0.5));
    }
  }
  return loops;
}

/** The edge to follow out of a vertex: the only one, or at a saddle the right turn (8-connected foreground). */
function nextDirection(bits: number, d: number): number {
  for (const turn of [3, 0, 1]) {
    const c = (d + turn) & 3;
    if (bits & (1 << c)) return c;
  }
  throw new Error('mask boundary is not closed (internal error in the tracer)');
}

function followLoop(
  start: number, d0: number, w: number, orig: Uint8Array, unused: Uint8Array, ox: number, oy: number,
): TracedLoop {
  const out: number[] = [];
  let v = start;
  let d = d0;
  for (;;) {
    unused[v]! &= ~(1 << d);
    const a = (v % w) + dx(d);
    const b = Math.floor(v / w) + dy(d);
    const next = a + b * w;
    const bits = orig[next] as number;
    const dn = nextDirection(bits, d);
    if (dn !== d) {
      const x = ox + a, y = oy + b;
      if (popcount(bits) === 2) {
        // Saddle: cut the corner through the background voxel we hug (see CHAMFER).
        out.push(x - CHAMFER * dx(d), y - CHAMFER * dy(d), x + CHAMFER * dx(dn), y + CHAMFER * dy(dn));
      } else {
        out.push(x, y);
      }
    }
    v = next;
    d = dn;
    if (v === start && d === d0) break;
  }
  const points = Float64Array.from(out);
  return { points, hole: signedArea(points) < 0 };
}

function popcount(bits: number): number {
  return (bits & 1) + ((bits >> 1) & 1) + ((bits >> 2) & 1) + ((bits >> 3) & 1);
}

/** Shoelace area in (i, j); positive counter-clockwise. */
export function signedArea(points: Float64Array): number {
  const n = points.length >> 1;
  let s = 0;
  for (let a = 0, b = n - 1; a < n; b = a++) {
    s += (points[2 * b] as number) * (points[2 * a + 1] as number) - (points[2 * a] as number) * (points[2 * b + 1] as number);
  }
  return s / 2;
}
