import { column } from '../geometry/mat4.js';
import type { MaskGrid } from '../editing/mask-grid.js';
import type { SurfaceVertices } from './surface-vertices.js';
import { surfaceVertices, vertexPositions } from './surface-vertices.js';

/**
 * Longest diameters of a mask in patient space (mm), through the grid's affine, so anisotropic
 * voxels and any orientation are measured as they lie in the patient.
 *
 * - `diameter3dMm`: the largest distance between two vertices of the mask's surface mesh — the
 *   definition of pyradiomics' Maximum3DDiameter (surface vertices at the midpoints of the edges
 *   between inside and outside voxel centres; see surface-vertices.ts), which it reproduces.
 * - `axialDiameterMm`: RANO-BM's measurement, the longest diameter within one axial image: the
 *   largest distance between vertices of the slice's own contour (the 2D marching-squares
 *   outline, edges within the slice only), on the slice where that is longest. The slices are
 *   the grid planes across the index axis closest to the patient's head–foot axis. pyradiomics'
 *   Maximum2DDiameterSlice differs: it also takes vertices on the planes between slices (of edges
 *   across slices), which on thick slices is not a diameter anyone can measure on an image.
 */
export interface MaskDiameters {
  readonly diameter3dMm: number;
  readonly axialDiameterMm: number;
  /** Index axis across the axial planes (0 = i, 1 = j, 2 = k), and the slice of the longest axial diameter (null when empty). */
  readonly axialAxis: 0 | 1 | 2;
  readonly axialSlice: number | null;
}

export function maskDiameters(mask: Uint8Array, grid: MaskGrid): MaskDiameters {
  const vertices = surfaceVertices(mask, grid);
  const axis = axialAxis(grid);
  const all = candidates(vertices, 0b111);
  let axialDiameterMm = 0;
  let axialSlice: number | null = null;
  const slices = new Map<number, number[]>();
  const inPlane = 0b111 & ~(1 << axis);
  for (let v = 0; v < vertices.count; v++) {
    const s = vertices.doubled[3 * v + axis]!;
    if (s % 2 !== 0 || (vertices.extreme[v]! & inPlane) !== inPlane) continue;
    const list = slices.get(s) ?? [];
    list.push(v);
    slices.set(s, list);
  }
  for (const [s, list] of [...slices.entries()].sort((a, b) => a[0] - b[0])) {
    const d = longestChord(vertices, list, grid);
    if (d > axialDiameterMm) {
      axialDiameterMm = d;
      axialSlice = s / 2;
    }
  }
  return { diameter3dMm: longestChord(vertices, all, grid), axialDiameterMm, axialAxis: axis, axialSlice };
}

/** The index axis whose direction is closest to the patient's head–foot (LPS z) axis. */
export function axialAxis(grid: MaskGrid): 0 | 1 | 2 {
  const cosZ = [0, 1, 2].map((a) => {
    const c = column(grid.ijkToLps, a);
    return Math.abs(c[2]) / Math.hypot(c[0], c[1], c[2]);
  });
  return cosZ.indexOf(Math.max(...cosZ)) as 0 | 1 | 2;
}

function candidates(vertices: SurfaceVertices, flags: number): number[] {
  const out: number[] = [];
  for (let v = 0; v < vertices.count; v++) if ((vertices.extreme[v]! & flags) === flags) out.push(v);
  return out;
}

/** Largest pairwise distance (mm) among the listed vertices: O(n²) over the few hull candidates. */
function longestChord(vertices: SurfaceVertices, list: readonly number[], grid: MaskGrid): number {
  const p = vertexPositions(vertices, grid, list);
  let best = 0;
  for (let a = 0; a < p.length; a += 3) {
    const x = p[a]!, y = p[a + 1]!, z = p[a + 2]!;
    for (let b = a + 3; b < p.length; b += 3) {
      const d = (p[b]! - x) ** 2 + (p[b + 1]! - y) ** 2 + (p[b + 2]! - z) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}
