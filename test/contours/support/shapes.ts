import { applyToPoint } from '../../../core/geometry/mat4.js';
import { vec3 } from '../../../core/geometry/spaces.js';
import type { ImageVolume } from '../../../core/volume/image-volume.js';

/** A shape as a predicate on a voxel-centre position in LPS mm, relative to the grid's centre. */
export type Shape = (x: number, y: number, z: number) => boolean;

export interface NamedShape {
  readonly name: string;
  readonly mask: Uint8Array;
}

function gridCentre(v: ImageVolume): readonly [number, number, number] {
  const [nx, ny, nz] = v.dims;
  return applyToPoint(v.ijkToLps, vec3<'IJK'>((nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2));
}

export function maskOf(v: ImageVolume, shape: Shape): Uint8Array {
  const [nx, ny, nz] = v.dims;
  const c = gridCentre(v);
  const mask = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const p = applyToPoint(v.ijkToLps, vec3<'IJK'>(i, j, k));
        if (shape(p[0] - c[0], p[1] - c[1], p[2] - c[2])) mask[i + nx * (j + ny * k)] = 1;
      }
  return mask;
}

function voxelMask(v: ImageVolume, voxels: readonly (readonly [number, number, number])[]): Uint8Array {
  const [nx, ny, nz] = v.dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (const [i, j, k] of voxels) mask[i + nx * (j + ny * k)] = 1;
  return mask;
}

/** A seeded pseudo-random generator (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The analytic shapes the round-trip tests run on every grid. */
export function analyticShapes(v: ImageVolume): NamedShape[] {
  const [nx, ny, nz] = v.dims;
  const ci = Math.floor(nx / 2), cj = Math.floor(ny / 2), ck = Math.floor(nz / 2);
  const rand = random(42);
  const noise = new Uint8Array(nx * ny * nz);
  for (let k = ck - 2; k <= ck + 2; k++)
    for (let j = 2; j < ny - 2; j++) for (let i = 2; i < nx - 2; i++) noise[i + nx * (j + ny * k)] = rand() < 0.5 ? 1 : 0;
  const line = (x: number, y: number, z: number, ux: number, uy: number, uz: number) => {
    const t = x * ux + y * uy + z * uz;
    return Math.hypot(x - t * ux, y - t * uy, z - t * uz);
  };
  const n3 = Math.sqrt(3);
  return [
    { name: 'sphere', mask: maskOf(v, (x, y, z) => x * x + y * y + z * z <= 11 ** 2) },
    { name: 'cube', mask: maskOf(v, (x, y, z) => Math.max(Math.abs(x), Math.abs(y), Math.abs(z)) <= 8) },
    { name: 'torus', mask: maskOf(v, (x, y, z) => (Math.hypot(x, y) - 10) ** 2 + z * z <= 4 ** 2) },
    { name: 'tilted torus', mask: maskOf(v, (x, y, z) => (Math.hypot(x, z) - 9) ** 2 + y * y <= 4 ** 2) },
    { name: 'hollow sphere', mask: maskOf(v, (x, y, z) => { const r = Math.hypot(x, y, z); return r <= 14 && r >= 8; }) },
    { name: 'island in hole', mask: maskOf(v, (x, y, z) => { const r = Math.hypot(x, y, z); return r <= 4 || (r <= 14 && r >= 8); }) },
    { name: 'thin diagonal tube', mask: maskOf(v, (x, y, z) => line(x, y, z, 1 / n3, 1 / n3, 1 / n3) <= 0.45) },
    { name: '1 voxel', mask: voxelMask(v, [[ci, cj, ck]]) },
    { name: '2 voxels side by side', mask: voxelMask(v, [[ci, cj, ck], [ci + 1, cj, ck]]) },
    { name: '2 voxels touching at a corner', mask: voxelMask(v, [[ci, cj, ck], [ci + 1, cj + 1, ck]]) },
    { name: 'ring of corner-touching voxels', mask: voxelMask(v, [[ci, cj - 1, ck], [ci + 1, cj, ck], [ci, cj + 1, ck], [ci - 1, cj, ck]]) },
    { name: 'touching every image edge', mask: maskOf(v, (x, y, z) => Math.abs(z) <= 6 || x * x + y * y > 14 ** 2) },
    { name: 'random noise', mask: noise },
  ];
}
