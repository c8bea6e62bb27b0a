import type { Vec3 } from '../geometry/spaces.js';

/**
 * One 2D image plane of a series, wherever it is stored: a single-frame instance, one frame of
 * an enhanced multi-frame instance, or one tile of a Siemens mosaic.
 */
export interface FrameRecord {
  readonly path: string;
  /** 0-based frame within the file's pixel data. */
  readonly frameIndex: number;
  /** For a mosaic: which tile of the frame holds this plane. */
  readonly tile?: { readonly index: number; readonly across: number };
  readonly rows: number;
  readonly columns: number;
  /** Direction of increasing column index i (first triplet of ImageOrientationPatient). */
  readonly rowCosine: Vec3<'LPS'>;
  /** Direction of increasing row index j (second triplet). */
  readonly columnCosine: Vec3<'LPS'>;
  /** Centre of the first transmitted pixel, mm. */
  readonly position: Vec3<'LPS'>;
  /** PixelSpacing: [distance between rows, distance between columns] in mm (PS3.3 10.7.1.3). */
  readonly pixelSpacing: readonly [number, number];
  /** Modality rescale (and, for Philips, the private floating-point scale) as value = stored × slope + intercept. */
  readonly slope: number;
  readonly intercept: number;
  /** Frames that can share one volume share this key (orientation, size, image type, echo). */
  readonly stackKey: string;
  /** Human-readable description of the stack, for reports. */
  readonly stackLabel: string;
  /** Orders planes at the same position into volumes (time points). */
  readonly temporalOrder: readonly number[];
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  /** 1-based frame number for multi-frame instances (for references from RT objects). */
  readonly frameNumber?: number;
  readonly monochrome1: boolean;
}
