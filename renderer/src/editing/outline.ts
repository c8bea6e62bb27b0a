import type { EditCommand, Triple } from '../../../core/api/contract.js';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { dot } from '../../../core/geometry/vec3.js';
import type { PlaneSpec } from '../viewer/view-geometry.js';
import { lpsToPixel } from '../viewer/view-geometry.js';

/** A click this close (canvas pixels) to the first vertex closes the polygon. */
export const CLOSE_PX = 8;
/** Freehand samples closer than this (canvas pixels) to the previous one add nothing. */
const FREEHAND_STEP_PX = 2;

/**
 * A polygon or freehand outline being drawn on one view, kept in patient space so that a pan or
 * zoom while drawing leaves the vertices where they were put on the anatomy. It is filled on the
 * backend (core/editing/brush.ts polygonVoxels: voxel centres inside, even-odd).
 */
export class Outline {
  private readonly vertices: Vec3<'LPS'>[] = [];
  pending = false;

  constructor(readonly kind: 'polygon' | 'freehand', readonly mode: 'paint' | 'erase', readonly normal: Vec3<'LPS'>, private readonly positionMm: number) {}

  get count(): number {
    return this.vertices.length;
  }

  /** Still on the slice it was started on (a scroll away abandons it). */
  onPlane(plane: PlaneSpec): boolean {
    return Math.abs(dot(plane.origin, this.normal) - this.positionMm) < 1e-6;
  }

  /**
   * Add the vertex `lps`, drawn at canvas pixel (x, y) (the caller puts it on the slice shown,
   * shown-slice.ts); repeats (a double-click's second press, a freehand jitter) add nothing.
   */
  add(plane: PlaneSpec, x: number, y: number, lps: Vec3<'LPS'>): boolean {
    const last = this.vertices.at(-1);
    if (last) {
      const [lx, ly] = lpsToPixel(plane, last);
      if (Math.hypot(x - lx, y - ly) < (this.kind === 'freehand' ? FREEHAND_STEP_PX : 2)) return false;
    }
    this.vertices.push(lps);
    return true;
  }

  nearFirst(plane: PlaneSpec, x: number, y: number): boolean {
    const first = this.vertices[0];
    if (!first || this.vertices.length < 3) return false;
    const [fx, fy] = lpsToPixel(plane, first);
    return Math.hypot(x - fx, y - fy) <= CLOSE_PX;
  }

  pixels(plane: PlaneSpec): [number, number][] {
    return this.vertices.map((v) => lpsToPixel(plane, v));
  }

  /** The polygon edit, or null with fewer than three vertices. */
  command(structureId: string): EditCommand | null {
    if (this.vertices.length < 3) return null;
    return {
      kind: 'polygon', structureId, mode: this.mode,
      normal: [this.normal[0], this.normal[1], this.normal[2]] as Triple,
      points: this.vertices.flatMap((v) => [v[0], v[1], v[2]]),
    };
  }
}
