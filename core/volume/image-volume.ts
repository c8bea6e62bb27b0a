import type { Mat4 } from '../geometry/spaces.js';

/** The voxel types a volume may hold after modality rescale. */
export type VoxelArray = Int16Array | Uint16Array | Int32Array | Float32Array | Uint8Array;

/**
 * A 3D (or 4D: several volumes on one grid) image on a regular grid in DICOM patient space.
 *
 * Layout: i (column) varies fastest, then j (row), then k (slice), then t (volume):
 * index = i + nx * (j + ny * (k + nz * t)).
 * `ijkToLps` maps a voxel centre (i, j, k) to patient coordinates in mm; it is exact
 * (built from ImagePositionPatient and ImageOrientationPatient, never from SliceLocation).
 */
export interface ImageVolume {
  readonly dims: readonly [nx: number, ny: number, nz: number];
  /** Number of volumes on the grid (1 for a 3D image). */
  readonly frames: number;
  readonly data: VoxelArray;
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  /** Voxel size in mm along i, j, k. */
  readonly spacingMm: readonly [number, number, number];
  readonly modality: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  /** Where each slice k came from, for the reference tree of objects we write (RTSTRUCT, SEG). */
  readonly sliceSources: readonly SliceSource[];
  /**
   * MONOCHROME1 source (minimum value displayed white, PS3.3 C.7.6.3.1.2). Values stay the
   * modality values; viewers invert the grey scale.
   */
  readonly monochrome1?: true;
}

export interface SliceSource {
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  /** 1-based frame number within a multi-frame instance; absent for single-frame images. */
  readonly frameNumber?: number;
}

export function voxelCount(v: Pick<ImageVolume, 'dims'>): number {
  return v.dims[0] * v.dims[1] * v.dims[2];
}
