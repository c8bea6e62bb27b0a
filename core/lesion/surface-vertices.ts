import type { MaskGrid } from '../editing/mask-grid.js';
import { checkMask, maskBounds } from '../editing/mask-grid.js';

/**
 * The vertices of a mask's marching-cubes surface, as pyradiomics builds it for its shape
 * features: the mask's iso-surface at 0.5, whose vertices lie at the midpoint of every edge
 * between a voxel centre inside and a face-neighbour centre outside (off the grid counts as
 * outside). Coordinates are doubled voxel indices, so every vertex is an integer triple: a vertex
 * on the edge from (i, j, k) to (i + 1, j, k) is (2i + 1, 2j, 2k).
 *
 * Only vertices that can be an end of a longest chord are kept: a vertex strictly between two
 * others on a grid line is inside their segment, so it is never a corner of the convex hull, and
 * a longest distance between points always joins two hull corners. `extreme[a]` says the vertex is
 * the first or last on its line along axis a; a 3D diameter needs all three, a diameter within a
 * slice only the two in-plane axes.
 */
export interface SurfaceVertices {
  /** Doubled (i, j, k) per vertex, three entries each. */
  readonly doubled: Int32Array;
  /** Bit a set when the vertex is extreme on its grid line along axis a. */
  readonly extreme: Uint8Array;
  readonly count: number;
}

export function surfaceVertices(mask: Uint8Array, grid: MaskGrid): SurfaceVertices {
  checkMask(mask, grid);
  const bounds = maskBounds(mask, grid.dims);
  if (!bounds) return { doubled: new Int32Array(0), extreme: new Uint8Array(0), count: 0 };
  const [nx, ny, nz] = grid.dims;
  const inside = (i: number, j: number, k: number): boolean => i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && mask[i + nx * (j + ny * k)] === 1;
  const coords: number[] = [];
  const { lo, hi } = bounds;
  // Every edge with one end in the bounding box (extended by one below along its own axis).
  for (let axis = 0; axis < 3; axis++) {
    const e = [0, 0, 0];
    e[axis] = 1;
    for (let k = lo[2] - e[2]!; k < hi[2]; k++) {
      for (let j = lo[1] - e[1]!; j < hi[1]; j++) {
        for (let i = lo[0] - e[0]!; i < hi[0]; i++) {
          if (inside(i, j, k) !== inside(i + e[0]!, j + e[1]!, k + e[2]!)) coords.push(2 * i + e[0]!, 2 * j + e[1]!, 2 * k + e[2]!);
        }
      }
    }
  }
  const doubled = Int32Array.from(coords);
  const count = doubled.length / 3;
  return { doubled, extreme: lineExtremes(doubled, count), count };
}

function lineExtremes(doubled: Int32Array, count: number): Uint8Array {
  const extreme = new Uint8Array(count);
  for (let axis = 0; axis < 3; axis++) {
    const b = (axis + 1) % 3, c = (axis + 2) % 3;
    // Doubled coordinates are ≥ −1 and far below 2^20: one number keys a line.
    const key = (v: number): number => (doubled[3 * v + b]! + 1) * 2 ** 21 + doubled[3 * v + c]! + 1;
    const low = new Map<number, number>();
    const high = new Map<number, number>();
    for (let v = 0; v < count; v++) {
      const k = key(v), x = doubled[3 * v + axis]!;
      if (!(x >= (low.get(k) ?? Infinity))) low.set(k, x);
      if (!(x <= (high.get(k) ?? -Infinity))) high.set(k, x);
    }
    for (let v = 0; v < count; v++) {
      const k = key(v), x = doubled[3 * v + axis]!;
      if (x === low.get(k) || x === high.get(k)) extreme[v]! |= 1 << axis;
    }
  }
  return extreme;
}

/** Patient-space positions (LPS mm, x y z triples) of the listed vertices, or of all of them. */
export function vertexPositions(vertices: SurfaceVertices, grid: MaskGrid, list?: readonly number[]): Float64Array {
  const m = grid.ijkToLps;
  const n = list ? list.length : vertices.count;
  const out = new Float64Array(3 * n);
  for (let q = 0; q < n; q++) {
    const v = list ? list[q]! : q;
    const i = vertices.doubled[3 * v]! / 2, j = vertices.doubled[3 * v + 1]! / 2, k = vertices.doubled[3 * v + 2]! / 2;
    for (let r = 0; r < 3; r++) out[3 * q + r] = m[4 * r]! * i + m[4 * r + 1]! * j + m[4 * r + 2]! * k + m[4 * r + 3]!;
  }
  return out;
}
