import type { RasterizeOptions } from '../contours/rasterize.js';
import { rasterizeContours } from '../contours/rasterize.js';
import type { ImageVolume } from '../volume/image-volume.js';
import type { RtRoi, StructureSet } from './rt-types.js';
import { isAreaContour } from './rt-types.js';

export class FrameOfReferenceMismatchError extends Error {
  constructor(readonly structureSetFrameOfReferenceUid: string, readonly imageFrameOfReferenceUid: string, roiName?: string) {
    super(
      `the RT Structure Set${roiName ? ` (ROI '${roiName}')` : ''} is in Frame of Reference ${structureSetFrameOfReferenceUid}, ` +
        `but the image series is in Frame of Reference ${imageFrameOfReferenceUid}: its contours are in another ` +
        'coordinate system and cannot be drawn on these images',
    );
    this.name = 'FrameOfReferenceMismatchError';
  }
}

export interface RoiRaster {
  readonly roi: RtRoi;
  /** The filled mask on the volume grid (i fastest), or null when the ROI has no closed contours. */
  readonly mask: Uint8Array | null;
  readonly voxels: number;
  /** POINT / OPEN_PLANAR / OPEN_NONPLANAR contours, kept as markers (LPS mm triplets), never filled. */
  readonly markers: readonly { readonly geometricType: string; readonly points: Float64Array }[];
  readonly warnings: readonly string[];
}

/**
 * Rasterise every ROI of a structure set onto the image grid. All ROIs come back, empty ones with
 * a null mask, in the structure set's order. Throws FrameOfReferenceMismatchError when the
 * structure set (or any ROI with contours) is registered to another Frame of Reference.
 */
export function rasterizeStructureSet(set: StructureSet, volume: ImageVolume, options: RasterizeOptions = {}): RoiRaster[] {
  const imageFor = volume.frameOfReferenceUid;
  if (set.frameOfReferenceUid && imageFor && set.frameOfReferenceUid !== imageFor) {
    throw new FrameOfReferenceMismatchError(set.frameOfReferenceUid, imageFor);
  }
  const sliceOfImage = new Map<string, number>();
  volume.sliceSources.forEach((s, k) => sliceOfImage.set(`${s.sopInstanceUid}#${s.frameNumber ?? 1}`, k));
  return set.rois.map((roi) => {
    if (roi.contours.length > 0 && roi.frameOfReferenceUid && imageFor && roi.frameOfReferenceUid !== imageFor) {
      throw new FrameOfReferenceMismatchError(roi.frameOfReferenceUid, imageFor, roi.name);
    }
    const area = roi.contours.filter((c) => isAreaContour(c.geometricType));
    const markers = roi.contours.filter((c) => !isAreaContour(c.geometricType)).map((c) => ({ geometricType: c.geometricType, points: c.points }));
    if (area.length === 0) return { roi, mask: null, voxels: 0, markers, warnings: [] };
    const r = rasterizeContours(volume, area.map((c) => c.points), options);
    const warnings = r.warnings.map((w) => `ROI ${roi.number} '${roi.name}': ${w}`);
    let mismatched = 0;
    area.forEach((c, n) => {
      const k = r.sliceOfContour[n];
      const ref = c.images[0];
      // Contour Image Sequence is type 3 (PS3.3 C.8.8.6): geometry decides; a disagreeing reference is only reported.
      if (k === null || k === undefined || !ref) return;
      const refK = sliceOfImage.get(`${ref.sopInstanceUid}#${ref.frameNumber ?? 1}`);
      if (refK !== undefined && refK !== k) mismatched++;
    });
    if (mismatched > 0) {
      warnings.push(`ROI ${roi.number} '${roi.name}': ${mismatched} contour(s) reference a different image than the slice they lie on`);
    }
    return { roi, mask: r.mask, voxels: r.voxels, markers, warnings };
  });
}
