import { mat4 } from '../../../core/geometry/spaces.js';
import type { Mat4 } from '../../../core/geometry/spaces.js';
import type { ImageVolume } from '../../../core/volume/image-volume.js';

/** Build ijkToLps from unit row/column/slice directions, spacing and origin (first voxel centre). */
export function affine(
  row: readonly number[], col: readonly number[], slice: readonly number[],
  spacing: readonly [number, number, number], origin: readonly number[],
): Mat4<'IJK', 'LPS'> {
  const [si, sj, sk] = spacing;
  const m: number[] = [];
  for (let r = 0; r < 3; r++) m.push(row[r]! * si, col[r]! * sj, slice[r]! * sk, origin[r]!);
  return mat4<'IJK', 'LPS'>([...m, 0, 0, 0, 1]);
}

function rotation(axis: readonly number[], degrees: number): number[][] {
  const n = Math.hypot(axis[0]!, axis[1]!, axis[2]!);
  const [x, y, z] = [axis[0]! / n, axis[1]! / n, axis[2]! / n];
  const t = (degrees * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t), C = 1 - c;
  return [
    [c + x * x * C, x * y * C - z * s, x * z * C + y * s],
    [y * x * C + z * s, c + y * y * C, y * z * C - x * s],
    [z * x * C - y * s, z * y * C + x * s, c + z * z * C],
  ];
}

function rotate(r: number[][], v: readonly number[]): number[] {
  return r.map((row) => row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!);
}

export interface TestGrid {
  readonly name: string;
  readonly volume: ImageVolume;
}

/** A synthetic volume (no voxels worth reading) with a full slice-source list for the writers. */
export function makeVolume(name: string, dims: [number, number, number], ijkToLps: Mat4<'IJK', 'LPS'>, spacing: [number, number, number]): TestGrid {
  const sliceSources = Array.from({ length: dims[2] }, (_, k) => ({
    sopInstanceUid: `2.25.1234567890123456789.${name.length}.${k + 1}`,
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
  }));
  return {
    name,
    volume: {
      dims,
      frames: 1,
      data: new Int16Array(dims[0] * dims[1] * dims[2]),
      ijkToLps,
      spacingMm: spacing,
      modality: 'CT',
      seriesInstanceUid: `2.25.98765432109876543210.${name.length}`,
      frameOfReferenceUid: '2.25.111122223333444455556666777788889999',
      sliceSources,
    },
  };
}

export function axialGrid(): TestGrid {
  const s: [number, number, number] = [0.9765625, 0.9765625, 2.5];
  return makeVolume('axial', [48, 44, 30], affine([1, 0, 0], [0, 1, 0], [0, 0, 1], s, [-23.437616, -86.914146, -881.32]), s);
}

/** Double-oblique: rows and columns rotated 20° about z, then 15° about an in-plane axis. */
export function obliqueGrid(): TestGrid {
  const r1 = rotation([0, 0, 1], 20);
  const r2 = rotation([1, 1, 0], 15);
  const dir = (v: number[]) => rotate(r2, rotate(r1, v));
  const s: [number, number, number] = [0.8, 1.1, 3.0];
  return makeVolume('oblique', [44, 40, 24], affine(dir([1, 0, 0]), dir([0, 1, 0]), dir([0, 0, 1]), s, [12.3, -45.6, 78.9]), s);
}

/** Coronal (IOP 1\0\0\0\0\-1), strongly anisotropic: 0.5 × 2 mm pixels, 5 mm slices. */
export function anisotropicGrid(): TestGrid {
  const s: [number, number, number] = [0.5, 2.0, 5.0];
  return makeVolume('anisotropic', [60, 20, 14], affine([1, 0, 0], [0, 0, -1], [0, 1, 0], s, [-14.75, -30, 25]), s);
}

/** Gantry tilt: slices stacked along a k step that is not normal to the slice plane. */
export function tiltedGrid(): TestGrid {
  const s: [number, number, number] = [1.0, 1.0, 2.0];
  const t = (12 * Math.PI) / 180;
  const kStep = [0, Math.sin(t), Math.cos(t)];
  return makeVolume('tilted', [40, 40, 20], affine([1, 0, 0], [0, 1, 0], kStep, s, [-20, -20, 0]), s);
}

export function allGrids(): TestGrid[] {
  return [axialGrid(), obliqueGrid(), anisotropicGrid(), tiltedGrid()];
}
