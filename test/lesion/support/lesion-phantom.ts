/**
 * Enhancing lesions of known size in a real T1 head (test/fixtures/brainchop-t1): spheres with
 * the exact fraction of every voxel they cover (supersampled), optionally ring-enhancing with a
 * dark core, thick-slice resampling, and Gaussian noise from a seeded generator, so every run
 * sees the same image.
 */
import { applyToPoint, column, multiply } from '../../../core/geometry/mat4.js';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { mat4, vec3 } from '../../../core/geometry/spaces.js';
import type { LesionImage } from '../../../core/lesion/index.js';
import { readNiftiFile } from '../../../core/nifti/read-nifti.js';
import { segmentationInputFromNifti } from '../../../core/segmentation/nifti-input.js';
import { fixture } from '../../support/paths.js';

export interface PhantomImage extends LesionImage {
  readonly data: Float32Array;
}

export interface LesionSpec {
  readonly centre: Vec3<'LPS'>;
  readonly diameterMm: number;
  /** Enhancing tissue. */
  readonly level: number;
  /** A necrotic core: a concentric sphere at its own (dark) level. */
  readonly core?: { readonly diameterMm: number; readonly level: number };
  /**
   * The enhancing wall is missing above this height (mm along LPS z, from the centre): the core
   * reaches the surface there, a ring lesion open at its upper pole.
   */
  readonly openAboveMm?: number;
}

export interface PlacedLesion {
  readonly image: PhantomImage;
  /** Fraction of each voxel the lesion covers (core included). */
  readonly fraction: Float32Array;
  /** Voxels at least half covered by the lesion. */
  readonly truth: Uint8Array;
  /** The sphere's exact volume, 4/3·π·r³, in cc. */
  readonly exactVolumeCc: number;
}

/** The fixture head as float32 on its own grid (LIA, 1 mm), in patient space. */
export function headT1(): PhantomImage {
  const input = segmentationInputFromNifti(readNiftiFile(fixture('brainchop-t1', 't1-head-crop.nii.gz')));
  return { dims: input.dims, data: Float32Array.from(input.data), ijkToLps: input.ijkToLps };
}

/** Fraction of each voxel inside a sphere, by `samples`³ sub-voxel points (exact where a voxel is wholly in or out). */
export function sphereFractions(grid: Pick<LesionImage, 'dims' | 'ijkToLps'>, centre: Vec3<'LPS'>, radiusMm: number, samples = 8): Float32Array {
  const [nx, ny, nz] = grid.dims;
  const out = new Float32Array(nx * ny * nz);
  const m = grid.ijkToLps;
  const half = 0.5 * Math.hypot(...[0, 1, 2].map((a) => Math.hypot(...column(m, a))));
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const p = applyToPoint(m, vec3<'IJK'>(i, j, k));
        const d = Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
        if (d - half >= radiusMm) continue;
        const n = i + nx * (j + ny * k);
        if (d + half <= radiusMm) {
          out[n] = 1;
          continue;
        }
        let inside = 0;
        for (let c = 0; c < samples; c++) {
          for (let b = 0; b < samples; b++) {
            for (let a = 0; a < samples; a++) {
              const q = applyToPoint(m, vec3<'IJK'>(i + (a + 0.5) / samples - 0.5, j + (b + 0.5) / samples - 0.5, k + (c + 0.5) / samples - 0.5));
              if ((q[0] - centre[0]) ** 2 + (q[1] - centre[1]) ** 2 + (q[2] - centre[2]) ** 2 <= radiusMm ** 2) inside++;
            }
          }
        }
        out[n] = inside / samples ** 3;
      }
    }
  }
  return out;
}

/** Mix the lesion into the image voxel by voxel, in proportion to the fraction it covers. */
export function insertLesion(image: PhantomImage, spec: LesionSpec): PlacedLesion {
  const outer = sphereFractions(image, spec.centre, spec.diameterMm / 2);
  const core = spec.core ? sphereFractions(image, spec.centre, spec.core.diameterMm / 2) : undefined;
  const data = image.data.slice();
  const [nx, ny] = image.dims;
  for (let n = 0; n < data.length; n++) {
    const f = outer[n]!;
    if (f === 0) continue;
    const fc = core ? core[n]! : 0;
    const z = applyToPoint(image.ijkToLps, vec3<'IJK'>(n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))))[2];
    const wall = spec.openAboveMm !== undefined && z > spec.centre[2] + spec.openAboveMm ? (spec.core?.level ?? spec.level) : spec.level;
    data[n] = data[n]! * (1 - f) + wall * (f - fc) + (spec.core?.level ?? 0) * fc;
  }
  const exactVolumeCc = ((4 / 3) * Math.PI * (spec.diameterMm / 2) ** 3) / 1000;
  return { image: { ...image, data }, fraction: outer, truth: halfCovered(outer), exactVolumeCc };
}

/**
 * A thick-slice acquisition of the same head: `factor` consecutive planes along `axis` averaged
 * into one voxel, whose centre is the mean of theirs. Masks take the majority of the thin voxels.
 */
export function thickSlices(image: PhantomImage, axis: 0 | 1 | 2, factor: number): PhantomImage {
  const dims = [...image.dims] as [number, number, number];
  dims[axis] = Math.floor(dims[axis] / factor);
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  const [nx, ny] = image.dims;
  for (let k = 0, n = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++, n++) {
        let sum = 0;
        for (let s = 0; s < factor; s++) {
          const ijk = [i, j, k];
          ijk[axis] = ijk[axis]! * factor + s;
          sum += image.data[ijk[0]! + nx * (ijk[1]! + ny * ijk[2]!)]!;
        }
        data[n] = sum / factor;
      }
    }
  }
  // thin index = factor·thick + (factor − 1)/2 along the axis.
  const scale = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  scale[axis * 5] = factor;
  scale[axis * 4 + 3] = (factor - 1) / 2;
  return { dims, data, ijkToLps: multiply(image.ijkToLps, mat4<'IJK', 'IJK'>(scale)) };
}

/** Voxels at least half covered. */
export function halfCovered(fraction: Float32Array): Uint8Array {
  return Uint8Array.from(fraction, (f) => (f >= 0.5 ? 1 : 0));
}

/** The lesion as a thick-slice series sees it: image and cover fractions averaged the same way. */
export function thickLesion(placed: PlacedLesion, axis: 0 | 1 | 2, factor: number): PlacedLesion {
  const fraction = thickFraction(placed.fraction, placed.image, axis, factor);
  return { image: thickSlices(placed.image, axis, factor), fraction, truth: halfCovered(fraction), exactVolumeCc: placed.exactVolumeCc };
}

/** Cover fractions on the thin grid of `image`, as the thick-slice grid sees them. */
export function thickFraction(fraction: Float32Array, image: PhantomImage, axis: 0 | 1 | 2, factor: number): Float32Array {
  return thickSlices({ ...image, data: fraction }, axis, factor).data;
}

/** Add Gaussian noise (Box–Muller over a seeded mulberry32), the same on every run. */
export function withNoise(image: PhantomImage, sd: number, seed = 1): PhantomImage {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const data = image.data.map((v) => v + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
  return { ...image, data };
}
