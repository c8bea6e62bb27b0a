import type { EditCommand, Triple } from '../../../core/api/contract.js';
import { applyToPoint, column } from '../../../core/geometry/mat4.js';
import type { Mat4, Vec3 } from '../../../core/geometry/spaces.js';
import { dot, norm, sub } from '../../../core/geometry/vec3.js';
import type { PixelRect, StructureOverride } from '../viewer/structure-overlay.js';
import type { PlaneSpec } from '../viewer/view-geometry.js';
import { pointOnShownSlice } from './shown-slice.js';

export interface StrokeSettings {
  readonly structureId: string;
  readonly mode: 'paint' | 'erase';
  readonly shape: 'circle' | 'sphere';
  readonly radiusMm: number;
  /** The view's plane normal (LPS). */
  readonly normal: Vec3<'LPS'>;
}

export interface StrokeGrid {
  readonly dims: readonly [number, number, number];
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  readonly lpsToIjk: Mat4<'LPS', 'IJK'>;
}

/** The grid axis most nearly along `normal`: the 2D tools act on the slices across it. */
export function sliceAxis(ijkToLps: Mat4<'IJK', 'LPS'>, normal: Vec3<'LPS'>): 0 | 1 | 2 {
  let best = -1;
  let axis: 0 | 1 | 2 = 2;
  for (const a of [0, 1, 2] as const) {
    const c = column(ijkToLps, a);
    const along = Math.abs(dot(c, normal)) / norm(c);
    if (along > best) {
      best = along;
      axis = a;
    }
  }
  return axis;
}

/**
 * One brush or eraser stroke as it is drawn: the local preview of what the backend will paint,
 * and the points it will be sent. The preview is kept per canvas pixel (1 where the voxel under
 * the pixel is covered), and each pointer move tests only the pixels near its new segment, so a
 * move costs the size of the brush, never the size of the slice.
 *
 * A voxel is covered when its centre lies within the radius of one of the discs (or balls) the
 * backend stamps along the stroke, a quarter radius apart at most (core/workspace/apply-edit.ts;
 * core/editing/brush.ts: a voxel is covered iff its centre is), so the preview shows exactly the
 * voxels the answer will hold. For a circle, the distance is measured within the slice across
 * the grid axis nearest the view normal, and only that slice is touched; for a sphere, in 3D.
 * The points sent are the pointer samples moved onto the centre of the slice shown (shown-slice.ts).
 */
export class BrushStroke {
  readonly covered: Uint8Array;
  /** LPS x y z triplets as the command sends them. */
  private readonly points: number[] = [];
  private last: { readonly ijk: Vec3<'IJK'>; readonly x: number; readonly y: number } | null = null;
  private lastLps: Vec3<'LPS'> | null = null;
  /** The grid axis nearest the view normal; a circle is drawn on its slices. */
  private readonly sliceAxis: 0 | 1 | 2;
  private readonly axis: 0 | 1 | 2 | null;
  /** LᵀL of the affine's linear part, row-major: squared mm length of an index displacement. */
  private readonly gram: Float64Array;
  /** Pixel reach of the brush: the radius plus half a voxel diagonal (a pixel samples the nearest voxel centre). */
  private readonly reachPx: number;
  constructor(readonly settings: StrokeSettings, readonly plane: PlaneSpec, private readonly grid: StrokeGrid) {
    this.covered = new Uint8Array(plane.width * plane.height);
    const L = grid.ijkToLps;
    this.gram = new Float64Array(9);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) this.gram[3 * r + c] = L[r]! * L[c]! + L[4 + r]! * L[4 + c]! + L[8 + r]! * L[8 + c]!;
    this.sliceAxis = sliceAxis(L, settings.normal);
    this.axis = settings.shape === 'circle' ? this.sliceAxis : null;
    const halfDiagonal = 0.5 * Math.hypot(norm(column(L, 0)), norm(column(L, 1)), norm(column(L, 2)));
    this.reachPx = (settings.radiusMm + halfDiagonal) / plane.mmPerPixel + 1;
  }

  get override(): StructureOverride {
    return { structureId: this.settings.structureId, mode: this.settings.mode, covered: this.covered };
  }

  /**
   * Continue the stroke to canvas pixel (x, y); `ijk` is the continuous voxel index under each
   * canvas pixel (reslice.ts). Returns the canvas rect whose drawing may have changed (one pixel
   * wider than the covered pixels, for the outline), or null when none did.
   */
  extend(x: number, y: number, ijk: Float32Array): PixelRect | null {
    const lps = pointOnShownSlice(this.plane, x, y, this.grid, this.sliceAxis, ijk);
    const to = applyToPoint(this.grid.lpsToIjk, lps);
    const { ijk: from, x: fx, y: fy } = this.last ?? { ijk: to, x, y };
    this.addPoints(lps);
    this.last = { ijk: to, x, y };
    const rect: PixelRect = {
      x0: Math.max(0, Math.floor(Math.min(fx, x) - this.reachPx)),
      y0: Math.max(0, Math.floor(Math.min(fy, y) - this.reachPx)),
      x1: Math.min(this.plane.width, Math.ceil(Math.max(fx, x) + this.reachPx) + 1),
      y1: Math.min(this.plane.height, Math.ceil(Math.max(fy, y) + this.reachPx) + 1),
    };
    if (rect.x0 >= rect.x1 || rect.y0 >= rect.y1) return null;
    return this.cover(from, to, rect, ijk) ? { x0: rect.x0 - 1, y0: rect.y0 - 1, x1: rect.x1 + 1, y1: rect.y1 + 1 } : null;
  }

  /** The edit that applies this stroke on the backend. */
  command(): EditCommand {
    const { structureId, mode, shape, radiusMm, normal } = this.settings;
    return { kind: 'brush', structureId, mode, shape, radiusMm, normal: [normal[0], normal[1], normal[2]] as Triple, points: this.points.slice() };
  }

  private addPoints(lps: Vec3<'LPS'>): void {
    const prev = this.lastLps;
    if (prev && norm(sub(lps, prev)) < 1e-6) return;
    this.lastLps = lps;
    this.points.push(lps[0], lps[1], lps[2]);
  }

  /** Mark the pixels of `rect` whose voxel centre is within the radius of segment a→b; true when any was new. */
  private cover(a: Vec3<'IJK'>, b: Vec3<'IJK'>, rect: PixelRect, ijk: Float32Array): boolean {
    const G = this.gram;
    const [nx, ny, nz] = this.grid.dims;
    const axis = this.axis;
    // A circle is drawn on the slice nearest the segment's start (the view plane), its centre projected there.
    const slice = axis === null ? -1 : Math.round(a[axis]);
    if (axis !== null && (slice < 0 || slice >= this.grid.dims[axis])) return false;
    // The backend stamps a disc (ball) at the points sent and at points filled in between, evenly,
    // at most STROKE_STEP·r apart: `parts` pieces from a to b, as it computes them.
    const f0 = b[0] - a[0], f1 = b[1] - a[1], f2 = b[2] - a[2];
    const r = this.settings.radiusMm;
    const parts = Math.max(1, Math.ceil(Math.sqrt(quad(G, f0, f1, f2, f0, f1, f2)) / Math.max(r * STROKE_STEP, 1e-3)));
    let e0 = f0, e1 = f1, e2 = f2;
    if (axis === 0) e0 = 0;
    else if (axis === 1) e1 = 0;
    else if (axis === 2) e2 = 0;
    const ee = quad(G, e0, e1, e2, e0, e1, e2);
    const r2 = r * r;
    // Within this distance of the segment a stamp is always within r (the nearest is at most half a step, r/8, along it).
    const sure2 = r2 * (1 - (STROKE_STEP / 2) ** 2) - 1e-9;
    const { width } = this.plane;
    const covered = this.covered;
    let changed = false;
    for (let y = rect.y0; y < rect.y1; y++) {
      for (let x = rect.x0, n = y * width + rect.x0; x < rect.x1; x++, n++) {
        if (covered[n] === 1) continue;
        const i = Math.round(ijk[3 * n]!), j = Math.round(ijk[3 * n + 1]!), k = Math.round(ijk[3 * n + 2]!);
        if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
        let d0 = i - a[0], d1 = j - a[1], d2 = k - a[2];
        if (axis === 0) {
          if (i !== slice) continue;
          d0 = 0;
        } else if (axis === 1) {
          if (j !== slice) continue;
          d1 = 0;
        } else if (axis === 2) {
          if (k !== slice) continue;
          d2 = 0;
        }
        const along = ee > 0 ? quad(G, d0, d1, d2, e0, e1, e2) / ee : 0;
        const t = Math.min(1, Math.max(0, along));
        const r0 = d0 - t * e0, r1 = d1 - t * e1, rz = d2 - t * e2;
        const dist2 = quad(G, r0, r1, rz, r0, r1, rz);
        if (dist2 > r2) continue;
        if (dist2 > sure2) {
          // In the thin band between the stamps' union and the segment's capsule: test the nearest stamp.
          const m = Math.min(parts, Math.max(0, Math.round(along * parts))) / parts;
          const s0 = d0 - m * e0, s1 = d1 - m * e1, s2 = d2 - m * e2;
          if (quad(G, s0, s1, s2, s0, s1, s2) > r2) continue;
        }
        covered[n] = 1;
        changed = true;
      }
    }
    return changed;
  }
}

/**
 * Longest step between the discs the backend stamps along a stroke, as a fraction of the radius
 * (STROKE_STEP in core/workspace/apply-edit.ts; the preview must stamp where the backend does).
 */
const STROKE_STEP = 0.25;

/** uᵀ G v for 3-vectors. */
function quad(G: Float64Array, u0: number, u1: number, u2: number, v0: number, v1: number, v2: number): number {
  return u0 * (G[0]! * v0 + G[1]! * v1 + G[2]! * v2) + u1 * (G[3]! * v0 + G[4]! * v1 + G[5]! * v2) + u2 * (G[6]! * v0 + G[7]! * v1 + G[8]! * v2);
}
