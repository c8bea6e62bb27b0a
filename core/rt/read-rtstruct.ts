import type { Dataset } from '../dicom/dcmjs.js';
import type { DicomFile } from '../dicom/read-dicom-file.js';
import { readDicomFile } from '../dicom/read-dicom-file.js';
import { defaultRoiColor, isValidColor } from './colors.js';
import { repairNestedText } from './nested-text.js';
import { integer, items, numbers, text } from './dataset-values.js';
import type { ImageReference, Rgb, RtContour, RtRoi, StructureSet } from './rt-types.js';
import { RTSTRUCT_SOP_CLASS_UID } from './rt-types.js';

export class RtStructReadError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'RtStructReadError';
  }
}

/** Read an RT Structure Set file (any transfer syntax dcmjs reads: implicit or explicit VR). */
export function readRtStruct(path: string): StructureSet {
  return parseRtStruct(readDicomFile(path));
}

export function parseRtStruct(file: DicomFile): StructureSet {
  const ds = file.dataset;
  const sopClass = text(ds, 'SOPClassUID') || text(file.meta, 'MediaStorageSOPClassUID');
  if (sopClass !== RTSTRUCT_SOP_CLASS_UID) {
    throw new RtStructReadError(file.path, `not an RT Structure Set (SOP Class UID ${sopClass || 'missing'}, expected ${RTSTRUCT_SOP_CLASS_UID})`);
  }
  const warnings: string[] = repairNestedText(file);
  const contoursByRoi = new Map<number, { color: unknown[]; contours: RtContour[] }>();
  for (const item of items(ds, 'ROIContourSequence')) {
    const roi = integer(item, 'ReferencedROINumber');
    if (roi === undefined) {
      warnings.push('an ROI Contour Sequence item has no Referenced ROI Number and was ignored');
      continue;
    }
    const color = Array.isArray(item['ROIDisplayColor']) ? (item['ROIDisplayColor'] as unknown[]) : [];
    contoursByRoi.set(roi, { color, contours: items(item, 'ContourSequence').map(readContour) });
  }
  const observations = new Map<number, Dataset>();
  for (const item of items(ds, 'RTROIObservationsSequence')) {
    const roi = integer(item, 'ReferencedROINumber');
    if (roi !== undefined && !observations.has(roi)) observations.set(roi, item);
  }
  const rois: RtRoi[] = [];
  const seen = new Set<number>();
  for (const item of items(ds, 'StructureSetROISequence')) {
    const number = integer(item, 'ROINumber');
    if (number === undefined) {
      warnings.push(`ROI '${text(item, 'ROIName')}' has no valid ROI Number and was ignored`);
      continue;
    }
    if (seen.has(number)) warnings.push(`ROI Number ${number} is used by more than one ROI`);
    seen.add(number);
    rois.push(buildRoi(number, item, contoursByRoi.get(number), observations.get(number) ?? {}));
  }
  for (const [number, c] of contoursByRoi) {
    if (seen.has(number)) continue;
    warnings.push(`contours reference ROI Number ${number}, which the Structure Set ROI Sequence does not define`);
    rois.push(buildRoi(number, {}, c, observations.get(number) ?? {}));
  }
  const referencedFor = items(ds, 'ReferencedFrameOfReferenceSequence');
  const referencedSeriesUids = referencedFor
    .flatMap((f) => items(f, 'RTReferencedStudySequence'))
    .flatMap((s) => items(s, 'RTReferencedSeriesSequence'))
    .map((s) => text(s, 'SeriesInstanceUID'))
    .filter((uid) => uid !== '');
  const frameOfReferenceUid =
    (referencedFor[0] ? text(referencedFor[0], 'FrameOfReferenceUID') : '') || rois.find((r) => r.frameOfReferenceUid)?.frameOfReferenceUid || '';
  return {
    sopInstanceUid: text(ds, 'SOPInstanceUID'),
    seriesInstanceUid: text(ds, 'SeriesInstanceUID'),
    studyInstanceUid: text(ds, 'StudyInstanceUID'),
    frameOfReferenceUid,
    referencedSeriesUids,
    label: text(ds, 'StructureSetLabel'),
    name: text(ds, 'StructureSetName'),
    date: text(ds, 'StructureSetDate'),
    time: text(ds, 'StructureSetTime'),
    manufacturer: text(ds, 'Manufacturer'),
    softwareVersions: text(ds, 'SoftwareVersions'),
    rois,
    warnings,
  };
}

function buildRoi(
  number: number, roi: Dataset, c: { color: unknown[]; contours: RtContour[] } | undefined, observation: Dataset,
): RtRoi {
  const color = c?.color ?? [];
  const valid = isValidColor(color);
  return {
    number,
    name: text(roi, 'ROIName'),
    description: text(roi, 'ROIDescription'),
    color: valid ? ([...color] as unknown as Rgb) : defaultRoiColor(number),
    colorDefaulted: !valid,
    interpretedType: text(observation, 'RTROIInterpretedType'),
    interpreter: text(observation, 'ROIInterpreter'),
    generationAlgorithm: text(roi, 'ROIGenerationAlgorithm'),
    generationDescription: text(roi, 'ROIGenerationDescription'),
    frameOfReferenceUid: text(roi, 'ReferencedFrameOfReferenceUID'),
    contours: c?.contours ?? [],
  };
}

function readContour(item: Dataset): RtContour {
  const images: ImageReference[] = items(item, 'ContourImageSequence').map((ref) => {
    const frame = integer(ref, 'ReferencedFrameNumber');
    return {
      sopClassUid: text(ref, 'ReferencedSOPClassUID'),
      sopInstanceUid: text(ref, 'ReferencedSOPInstanceUID'),
      ...(frame !== undefined ? { frameNumber: frame } : {}),
    };
  });
  return { geometricType: text(item, 'ContourGeometricType').toUpperCase(), points: contourData(item['ContourData']), images };
}

/**
 * Contour Data as numbers. dcmjs gives a number array; a value that arrived as UN (an explicit-VR
 * writer must use UN when a DS value exceeds 64 KiB, PS3.5 6.2.2) comes as raw bytes, which hold
 * the same backslash-separated decimal strings.
 */
function contourData(value: unknown): Float64Array {
  const raw = Array.isArray(value) && value[0] instanceof ArrayBuffer ? value[0] : value instanceof ArrayBuffer ? value : null;
  if (raw) {
    const s = Buffer.from(raw).toString('latin1').trim();
    return Float64Array.from(s === '' ? [] : s.split('\\').map(Number));
  }
  return Float64Array.from(numbers({ v: value }, 'v'));
}
