import type { Dataset } from '../dicom/dcmjs.js';
import type { SliceSource } from '../volume/image-volume.js';

/**
 * Referenced SOP Class UID of the RT Referenced Study item: the (retired) Detached Study
 * Management SOP Class, which PS3.3 C.8.8.5 examples and most planning systems use for it.
 */
const DETACHED_STUDY_MANAGEMENT = '1.2.840.10008.3.1.2.3.1';

/** A Contour Image Sequence / Referenced Image item for one slice (PS3.3 10.3 Image SOP Instance Reference Macro). */
export function imageItem(source: SliceSource): Dataset {
  const item: Dataset = { ReferencedSOPClassUID: source.sopClassUid, ReferencedSOPInstanceUID: source.sopInstanceUid };
  // Referenced Frame Number is required when the image is multi-frame (PS3.3 10.3).
  if (source.frameNumber !== undefined) item['ReferencedFrameNumber'] = source.frameNumber;
  return item;
}

/**
 * Referenced Frame of Reference Sequence → RT Referenced Study → RT Referenced Series → Contour
 * Image Sequence listing every image of the series (PS3.3 C.8.8.5). Several planning systems
 * refuse a structure set whose contour images are not all listed here.
 */
export function referencedFrameOfReference(
  frameOfReferenceUid: string, studyInstanceUid: string, seriesInstanceUid: string, slices: readonly SliceSource[],
): Dataset[] {
  return [
    {
      FrameOfReferenceUID: frameOfReferenceUid,
      RTReferencedStudySequence: [
        {
          ReferencedSOPClassUID: DETACHED_STUDY_MANAGEMENT,
          ReferencedSOPInstanceUID: studyInstanceUid,
          RTReferencedSeriesSequence: [{ SeriesInstanceUID: seriesInstanceUid, ContourImageSequence: slices.map(imageItem) }],
        },
      ],
    },
  ];
}
