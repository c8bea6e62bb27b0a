import type { Mat4, Space, Vec3 } from './spaces.js';
import { mat4, vec3 } from './spaces.js';

function at(m: readonly number[], r: number, c: number): number {
  return m[r * 4 + c] as number;
}

/** Apply an affine to a point. */
export function applyToPoint<From extends Space, To extends Space>(m: Mat4<From, To>, p: Vec3<From>): Vec3<To> {
  return vec3<To>(
    at(m, 0, 0) * p[0] + at(m, 0, 1) * p[1] + at(m, 0, 2) * p[2] + at(m, 0, 3),
    at(m, 1, 0) * p[0] + at(m, 1, 1) * p[1] + at(m, 1, 2) * p[2] + at(m, 1, 3),
    at(m, 2, 0) * p[0] + at(m, 2, 1) * p[1] + at(m, 2, 2) * p[2] + at(m, 2, 3),
  );
}

/** Apply only the linear part (a direction or a step). */
export function applyToVector<From extends Space, To extends Space>(m: Mat4<From, To>, v: Vec3<From>): Vec3<To> {
  return vec3<To>(
    at(m, 0, 0) * v[0] + at(m, 0, 1) * v[1] + at(m, 0, 2) * v[2],
    at(m, 1, 0) * v[0] + at(m, 1, 1) * v[1] + at(m, 1, 2) * v[2],
    at(m, 2, 0) * v[0] + at(m, 2, 1) * v[1] + at(m, 2, 2) * v[2],
  );
}

export function multiply<A extends Space, B extends Space, C extends Space>(bc: Mat4<B, C>, ab: Mat4<A, B>): Mat4<A, C> {
  const out: number[] = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += at(bc, r, k) * at(ab, k, c);
      out[r * 4 + c] = s;
    }
  }
  return mat4<A, C>(out);
}

/** Inverse of an affine (last row 0 0 0 1). Throws on a singular matrix. */
export function invert<From extends Space, To extends Space>(m: Mat4<From, To>): Mat4<To, From> {
  const a = at(m, 0, 0), b = at(m, 0, 1), c = at(m, 0, 2);
  const d = at(m, 1, 0), e = at(m, 1, 1), f = at(m, 1, 2);
  const g = at(m, 2, 0), h = at(m, 2, 1), i = at(m, 2, 2);
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new Error('affine is singular and cannot be inverted');
  const inv = [
    (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
    (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
    (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
  ] as const;
  const tx = at(m, 0, 3), ty = at(m, 1, 3), tz = at(m, 2, 3);
  const out = [
    inv[0], inv[1], inv[2], -(inv[0] * tx + inv[1] * ty + inv[2] * tz),
    inv[3], inv[4], inv[5], -(inv[3] * tx + inv[4] * ty + inv[5] * tz),
    inv[6], inv[7], inv[8], -(inv[6] * tx + inv[7] * ty + inv[8] * tz),
    0, 0, 0, 1,
  ];
  return mat4<To, From>(out);
}

/** LPS ↔ RAS: negate x and y (NIfTI world is RAS+, DICOM patient space is LPS+). */
export const LPS_TO_RAS = mat4<'LPS', 'RAS'>([-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
export const RAS_TO_LPS = mat4<'RAS', 'LPS'>([-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

/** Column `c` (0..3) of the affine as a vector: the step per unit of input axis c, or the origin for c = 3. */
export function column<From extends Space, To extends Space>(m: Mat4<From, To>, c: number): Vec3<To> {
  return vec3<To>(at(m, 0, c), at(m, 1, c), at(m, 2, c));
}

export function maxAbsDifference(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let k = 0; k < 16; k++) d = Math.max(d, Math.abs((a[k] ?? 0) - (b[k] ?? 0)));
  return d;
}
