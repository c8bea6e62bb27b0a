import { squaredDistance2d } from './distance-2d.js';

/** A rectangle of a slice in pixel indices; it may reach past the slice (read as background). */
export interface PlaneBox {
  readonly i0: number;
  readonly j0: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Signed distance in mm of each pixel of `box` to the outline of the slice's set pixels, negative
 * inside, or null when none is set in the box. The outline is put halfway between the last pixel
 * centre inside and the first outside: φ = d(p, set) − h/2 outside, −(d(p, background) − h/2)
 * inside, h = the smaller pixel spacing. Along a row that makes φ = … −1.5h, −0.5h | 0.5h, 1.5h …,
 * a straight line through the outline, so that blending two slices' φ moves the outline linearly
 * (a plain d_out − d_in would jump by 2h across it and bias the blend by up to h/2).
 */
export function signedDistancePlane(plane: Uint8Array, nx: number, ny: number, box: PlaneBox, spacingX: number, spacingY: number): Float64Array | null {
  const { i0, j0, w, h } = box;
  const inside = new Uint8Array(w * h);
  const outside = new Uint8Array(w * h);
  let any = false;
  for (let y = 0; y < h; y++) {
    const j = j0 + y;
    for (let x = 0; x < w; x++) {
      const i = i0 + x;
      const set = i >= 0 && i < nx && j >= 0 && j < ny && plane[i + nx * j] === 1;
      inside[x + w * y] = set ? 1 : 0;
      outside[x + w * y] = set ? 0 : 1;
      any ||= set;
    }
  }
  if (!any) return null;
  const dOut = squaredDistance2d(inside, w, h, spacingX, spacingY);
  const dIn = squaredDistance2d(outside, w, h, spacingX, spacingY);
  const half = Math.min(spacingX, spacingY) / 2;
  const phi = new Float64Array(w * h);
  for (let n = 0; n < phi.length; n++) phi[n] = inside[n] ? half - Math.sqrt(dIn[n]!) : Math.sqrt(dOut[n]!) - half;
  return phi;
}
