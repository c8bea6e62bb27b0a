import type { Space, Vec3 } from './spaces.js';
import { vec3 } from './spaces.js';

export function add<S extends Space>(a: Vec3<S>, b: Vec3<S>): Vec3<S> {
  return vec3<S>(a[0] + b[0], a[1] + b[1], a[2] + b[2]);
}

export function sub<S extends Space>(a: Vec3<S>, b: Vec3<S>): Vec3<S> {
  return vec3<S>(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

export function scale<S extends Space>(a: Vec3<S>, s: number): Vec3<S> {
  return vec3<S>(a[0] * s, a[1] * s, a[2] * s);
}

export function dot<S extends Space>(a: Vec3<S>, b: Vec3<S>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross<S extends Space>(a: Vec3<S>, b: Vec3<S>): Vec3<S> {
  return vec3<S>(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
}

export function norm<S extends Space>(a: Vec3<S>): number {
  return Math.hypot(a[0], a[1], a[2]);
}

export function normalize<S extends Space>(a: Vec3<S>): Vec3<S> {
  const n = norm(a);
  if (n === 0) throw new Error('cannot normalise a zero-length vector');
  return scale(a, 1 / n);
}
