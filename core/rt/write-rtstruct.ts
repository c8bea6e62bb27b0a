import { writeFileSync } from 'node:fs';
import { traceMask } from '../contours/trace.js';
import type { SliceGrid } from '../contours/slice-grid.js';
import { applyToPoint } from '../geometry/mat4.js';
import { vec3 } from '../geometry/spaces.js';
import type { Dataset } from '../dicom/dcmjs.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { defaultRoiColor, isValidColor } from './colors.js';
import { CONTOUR_DECIMALS, dsValueBytes, formatContourData } from './decimal-string.js';
import type { TransferSyntaxChoice } from './encode-dicom.js';
import { encodeDicom } from './encode-dicom.js';
import { MANUFACTURER, MANUFACTURER_MODEL_NAME, SOFTWARE_VERSION } from './equipment.js';
import { patientAndStudy } from './patient-study.js';
import { imageItem, referencedFrameOfReference } from './reference-tree.js';
import type { RoiInput } from './roi-input.js';
import { loValue } from './roi-input.js';
import { RTSTRUCT_SOP_CLASS_UID } from './rt-types.js';
import { clip, dicomDateTime, specificCharacterSetFor } from './text-values.js';
import { newUid } from './uid.js';

export interface RtStructWriteOptions {
  /** Structure Set Label (3006,0002), SH: clipped to 16 characters. */
  readonly label?: string;
  readonly name?: string;
  readonly description?: string;
  readonly seriesDescription?: string;
  readonly seriesNumber?: number;
  readonly operatorsName?: string;
  readonly softwareVersions?: string;
  readonly now?: Date;
  /**
   * 'explicit' (default): explicit VR little endian; any contour whose Contour Data would pass the
   * 64 KiB limit of a DS length field is split into row bands (exact, see trace.ts) so that no
   * value is ever written as UN. 'implicit': implicit VR little endian, 32-bit lengths, no split.
   */
  readonly transferSyntax?: TransferSyntaxChoice;
  /** Point reduction tolerance in mm (lossy, see simplify.ts); default 0: exact staircase. */
  readonly simplifyToleranceMm?: number;
  /** UID generator; default 2.25.<random UUID>. */
  readonly uid?: () => string;
  /**
   * Extra top-level attributes, merged last: the hook for modules other code owns, e.g. the
   * Approval module (PS3.3 C.8.8.16: ApprovalStatus, ReviewDate, ReviewTime, ReviewerName).
   */
  readonly extraAttributes?: Dataset;
}

export interface BuiltRtStruct {
  readonly dataset: Dataset;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly contourCount: number;
  readonly transferSyntax: TransferSyntaxChoice;
  readonly warnings: string[];
}

/** Attributes extraAttributes may not replace: the geometry, the references and the identity. */
const OWNED = [
  'SOPClassUID', 'SOPInstanceUID', 'SeriesInstanceUID', 'StudyInstanceUID', 'FrameOfReferenceUID', 'Modality',
  'ReferencedFrameOfReferenceSequence', 'StructureSetROISequence', 'ROIContourSequence', 'RTROIObservationsSequence',
];

/** Largest Contour Data byte length with a 16-bit length field (PS3.5 7.1.2), kept even. */
const MAX_SHORT_VALUE_BYTES = 0xfffe;

/** Build the RT Structure Set dataset (PS3.3 A.19) for masks on `volume`'s grid. */
export function buildRtStruct(volume: ImageVolume, reference: Dataset, rois: readonly RoiInput[], options: RtStructWriteOptions = {}): BuiltRtStruct {
  validateRois(volume, rois);
  const uid = options.uid ?? newUid;
  const syntax = options.transferSyntax ?? 'explicit';
  const warnings: string[] = [];
  const { date, time } = dicomDateTime(options.now ?? new Date());
  const frameOfReferenceUid = volume.frameOfReferenceUid;
  if (!frameOfReferenceUid) throw new Error('the image series has no Frame of Reference UID; a structure set cannot be placed without one');
  const { attributes: study, warnings: studyWarnings } = patientAndStudy(reference);
  warnings.push(...studyWarnings);
  const maxPoints = syntax === 'explicit' ? maxPointsPerContour(volume) : undefined;
  const roiItems: Dataset[] = [];
  const contourItems: Dataset[] = [];
  const observationItems: Dataset[] = [];
  let contourCount = 0;
  for (const roi of rois) {
    const name = loValue(roi.name);
    if (name.changed) warnings.push(`ROI ${roi.number}: name '${roi.name}' written as '${name.value}' (LO: 64 characters, no backslash)`);
    roiItems.push({
      ROINumber: roi.number,
      ReferencedFrameOfReferenceUID: frameOfReferenceUid,
      ROIName: name.value,
      ...(roi.description ? { ROIDescription: roi.description } : {}),
      // Type 2 (PS3.3 C.8.8.5): empty when the origin is unknown, never a guessed AUTOMATIC.
      ROIGenerationAlgorithm: roi.generationAlgorithm ?? '',
      ...(roi.generationDescription ? { ROIGenerationDescription: loValue(roi.generationDescription).value } : {}),
    });
    const traced = traceMask(roi.mask, volume, {
      ...(maxPoints !== undefined ? { maxPointsPerContour: maxPoints } : {}),
      ...(options.simplifyToleranceMm ? { simplifyToleranceMm: options.simplifyToleranceMm } : {}),
    });
    if (traced.length === 0) warnings.push(`ROI ${roi.number} '${name.value}' is empty: written without contours`);
    const contours = traced.map((c, n) => {
      const data = formatContourData(c.points);
      if (syntax === 'explicit' && dsValueBytes(data) > MAX_SHORT_VALUE_BYTES) {
        throw new Error(`internal error: ROI ${roi.number} contour ${n + 1} needs ${dsValueBytes(data)} bytes of Contour Data`);
      }
      const source = volume.sliceSources[c.k];
      if (!source) throw new Error(`the volume has no image reference for slice ${c.k}`);
      return {
        ContourNumber: n + 1,
        ContourImageSequence: [imageItem(source)],
        ContourGeometricType: 'CLOSED_PLANAR',
        NumberOfContourPoints: data.length / 3,
        ContourData: data,
      };
    });
    contourCount += contours.length;
    const color = roi.color && isValidColor([...roi.color]) ? roi.color : defaultRoiColor(roi.number);
    contourItems.push({
      ROIDisplayColor: [...color],
      ReferencedROINumber: roi.number,
      ...(contours.length > 0 ? { ContourSequence: contours } : {}),
    });
    observationItems.push({
      ObservationNumber: roi.number,
      ReferencedROINumber: roi.number,
      ROIObservationLabel: clip(name.value, 16),
      RTROIInterpretedType: roi.interpretedType ?? '',
      ROIInterpreter: roi.interpreter ?? '',
    });
  }
  const sopInstanceUid = uid();
  const seriesInstanceUid = uid();
  const dataset: Dataset = {
    SOPClassUID: RTSTRUCT_SOP_CLASS_UID,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    ...study,
    Modality: 'RTSTRUCT',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: options.seriesNumber ?? 1,
    SeriesDate: date,
    SeriesTime: time,
    SeriesDescription: loValue(options.seriesDescription ?? 'Delineate structures').value,
    OperatorsName: options.operatorsName ?? '',
    Manufacturer: MANUFACTURER,
    ManufacturerModelName: MANUFACTURER_MODEL_NAME,
    SoftwareVersions: options.softwareVersions ?? SOFTWARE_VERSION,
    FrameOfReferenceUID: frameOfReferenceUid,
    PositionReferenceIndicator: '',
    InstanceNumber: 1,
    StructureSetLabel: clip(options.label ?? 'Delineate', 16),
    ...(options.name ? { StructureSetName: loValue(options.name).value } : {}),
    ...(options.description ? { StructureSetDescription: options.description } : {}),
    StructureSetDate: date,
    StructureSetTime: time,
    ReferencedFrameOfReferenceSequence: referencedFrameOfReference(
      frameOfReferenceUid, study['StudyInstanceUID'] as string, volume.seriesInstanceUid, volume.sliceSources,
    ),
    StructureSetROISequence: roiItems,
    ROIContourSequence: contourItems,
    RTROIObservationsSequence: observationItems,
  };
  for (const [key, value] of Object.entries(options.extraAttributes ?? {})) {
    if (OWNED.includes(key)) throw new Error(`extraAttributes may not replace ${key}`);
    dataset[key] = value;
  }
  const charset = specificCharacterSetFor(dataset);
  if (charset) dataset['SpecificCharacterSet'] = charset;
  return { dataset, sopInstanceUid, seriesInstanceUid, contourCount, transferSyntax: syntax, warnings };
}

/** Build and encode as a Part 10 file. */
export function encodeRtStruct(volume: ImageVolume, reference: Dataset, rois: readonly RoiInput[], options: RtStructWriteOptions = {}): BuiltRtStruct & { bytes: Buffer } {
  const built = buildRtStruct(volume, reference, rois, options);
  return { ...built, bytes: encodeDicom(built.dataset, built.transferSyntax) };
}

export function writeRtStructFile(path: string, volume: ImageVolume, reference: Dataset, rois: readonly RoiInput[], options: RtStructWriteOptions = {}): BuiltRtStruct {
  const { bytes, ...built } = encodeRtStruct(volume, reference, rois, options);
  writeFileSync(path, bytes);
  return built;
}

function validateRois(volume: ImageVolume, rois: readonly RoiInput[]): void {
  const [nx, ny, nz] = volume.dims;
  const numbers = new Set<number>();
  for (const roi of rois) {
    // ROI Number is IS (PS3.5 6.2: a 32-bit signed integer); planning systems expect positive values.
    if (!Number.isInteger(roi.number) || roi.number < 1 || roi.number > 2 ** 31 - 1) throw new Error(`ROI number ${roi.number} is not a positive integer`);
    if (numbers.has(roi.number)) throw new Error(`ROI number ${roi.number} is used twice`);
    numbers.add(roi.number);
    if (roi.mask.length !== nx * ny * nz) throw new Error(`ROI ${roi.number} mask has ${roi.mask.length} voxels, the image ${nx * ny * nz}`);
  }
  if (volume.sliceSources.length !== nz) throw new Error(`the volume lists ${volume.sliceSources.length} source images for ${nz} slices`);
}

/**
 * How many points fit one Contour Data value under the 16-bit length limit, from the widest
 * coordinate the grid can produce (sign, integer digits, point, CONTOUR_DECIMALS decimals).
 */
function maxPointsPerContour(grid: SliceGrid): number {
  const [nx, ny, nz] = grid.dims;
  let widest = 0;
  for (const i of [-1, nx]) for (const j of [-1, ny]) for (const k of [-1, nz]) {
    const p = applyToPoint(grid.ijkToLps, vec3<'IJK'>(i, j, k));
    widest = Math.max(widest, ...p.map((v) => Math.abs(v)));
  }
  const chars = 1 + String(Math.floor(widest)).length + 1 + CONTOUR_DECIMALS;
  return Math.floor(MAX_SHORT_VALUE_BYTES / (3 * (chars + 1)));
}
