/** RT Structure Set model shared by the reader, the writers and the checker (PS3.3 C.8.8.5–C.8.8.8). */

export type Rgb = readonly [number, number, number];

/** RT ROI Interpreted Type (3006,00A4) defined terms, PS3.3 C.8.8.8.1. Empty is allowed (type 2). */
export const RT_ROI_INTERPRETED_TYPES = [
  'EXTERNAL', 'PTV', 'CTV', 'GTV', 'TREATED_VOLUME', 'IRRAD_VOLUME', 'OAR', 'BOLUS', 'AVOIDANCE', 'ORGAN', 'MARKER',
  'REGISTRATION', 'ISOCENTER', 'CONTRAST_AGENT', 'CAVITY', 'BRACHY_CHANNEL', 'BRACHY_ACCESSORY', 'BRACHY_SRC_APP',
  'BRACHY_CHNL_SHLD', 'SUPPORT', 'FIXATION', 'DOSE_REGION', 'CONTROL', 'DOSE_MEASUREMENT',
] as const;

/** ROI Generation Algorithm (3006,0036) defined terms, PS3.3 C.8.8.5. */
export type RoiGenerationAlgorithm = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';

export const RTSTRUCT_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.481.3';
export const SEGMENTATION_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.66.4';

/** One image a contour or the structure set refers to (Contour Image Sequence item). */
export interface ImageReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly frameNumber?: number;
}

export interface RtContour {
  /** Contour Geometric Type (3006,0042): CLOSED_PLANAR, CLOSEDPLANAR_XOR, POINT, OPEN_PLANAR, OPEN_NONPLANAR. */
  readonly geometricType: string;
  /** Contour Data (3006,0050): LPS mm, x y z triplets. */
  readonly points: Float64Array;
  readonly images: readonly ImageReference[];
}

export interface RtRoi {
  readonly number: number;
  readonly name: string;
  readonly description: string;
  readonly color: Rgb;
  /** True when ROI Display Color was absent or malformed and `color` is our default. */
  readonly colorDefaulted: boolean;
  readonly interpretedType: string;
  readonly interpreter: string;
  readonly generationAlgorithm: string;
  readonly generationDescription: string;
  readonly frameOfReferenceUid: string;
  readonly contours: readonly RtContour[];
}

export interface StructureSet {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  /** From the Referenced Frame of Reference Sequence, else the first ROI's; '' when absent. */
  readonly frameOfReferenceUid: string;
  readonly referencedSeriesUids: readonly string[];
  readonly label: string;
  readonly name: string;
  readonly date: string;
  readonly time: string;
  readonly manufacturer: string;
  readonly softwareVersions: string;
  /** In Structure Set ROI Sequence order (which need not be ROI Number order). */
  readonly rois: readonly RtRoi[];
  readonly warnings: readonly string[];
}

/** Closed contour types whose area is filled (even-odd over the plane). */
export function isAreaContour(geometricType: string): boolean {
  return geometricType === 'CLOSED_PLANAR' || geometricType === 'CLOSEDPLANAR_XOR';
}
