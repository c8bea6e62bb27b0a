import { writeFileSync } from 'node:fs';
import { sliceSpacingAlongNormalMm } from '../contours/slice-grid.js';
import { applyToPoint, column } from '../geometry/mat4.js';
import { vec3 } from '../geometry/spaces.js';
import { normalize } from '../geometry/vec3.js';
import type { Dataset } from '../dicom/dcmjs.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { rgbToDicomLab } from './cielab.js';
import { defaultRoiColor, isValidColor } from './colors.js';
import { formatDs } from './decimal-string.js';
import type { TransferSyntaxChoice } from './encode-dicom.js';
import { encodeDicom } from './encode-dicom.js';
import { MANUFACTURER, MANUFACTURER_MODEL_NAME, SOFTWARE_VERSION } from './equipment.js';
import { patientAndStudy } from './patient-study.js';
import { imageItem } from './reference-tree.js';
import type { RoiInput } from './roi-input.js';
import { loValue } from './roi-input.js';
import { SEGMENTATION_SOP_CLASS_UID } from './rt-types.js';
import { packFrames } from './seg-pixels.js';
import { dicomDateTime, specificCharacterSetFor } from './text-values.js';
import { newUid } from './uid.js';

/** A coded concept (PS3.3 8.8 Code Sequence Macro). */
export interface Code {
  readonly value: string;
  readonly scheme: string;
  readonly meaning: string;
}

/** A structure for the SEG: the RT fields plus the segmented property codes (CID 7150/7151 and kin). */
export interface SegmentInput extends RoiInput {
  readonly category?: Code;
  readonly propertyType?: Code;
}

/** Defaults when the caller has no better code: SCT "Anatomical Structure" / "Tissue". */
const DEFAULT_CATEGORY: Code = { value: '91723000', scheme: 'SCT', meaning: 'Anatomical Structure' };
const DEFAULT_TYPE: Code = { value: '85756007', scheme: 'SCT', meaning: 'Tissue' };

export interface SegWriteOptions {
  readonly seriesDescription?: string;
  readonly seriesNumber?: number;
  readonly contentLabel?: string;
  readonly softwareVersions?: string;
  readonly now?: Date;
  readonly transferSyntax?: TransferSyntaxChoice;
  readonly uid?: () => string;
  readonly extraAttributes?: Dataset;
}

export interface BuiltSeg {
  readonly dataset: Dataset;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameCount: number;
  readonly warnings: string[];
}

const code = (c: Code): Dataset => ({ CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning });

/**
 * Build a binary DICOM Segmentation (PS3.3 A.51): one segment per structure (Segment Number 1..n in
 * input order, which C.8.20.2 requires to start at 1 and step by 1), one frame per segment and
 * non-empty slice, on the image grid, each frame pointing at the image slice it lies on.
 */
export function buildSeg(volume: ImageVolume, reference: Dataset, segments: readonly SegmentInput[], options: SegWriteOptions = {}): BuiltSeg {
  const [nx, ny, nz] = volume.dims;
  const sliceSize = nx * ny;
  const uid = options.uid ?? newUid;
  const { attributes: study, warnings } = patientAndStudy(reference);
  const { date, time } = dicomDateTime(options.now ?? new Date());
  const m = volume.ijkToLps;
  const rowDir = normalize(column(m, 0)), colDir = normalize(column(m, 1));
  const si = Math.hypot(...column(m, 0)), sj = Math.hypot(...column(m, 1));
  const spacing = sliceSpacingAlongNormalMm(volume);
  const perFrame: Dataset[] = [];
  const framesBySegment: number[][] = [];
  const segmentItems = segments.map((s, n) => {
    if (s.mask.length !== sliceSize * nz) throw new Error(`structure ${s.number} mask has ${s.mask.length} voxels, the image ${sliceSize * nz}`);
    const slices: number[] = [];
    for (let k = 0; k < nz; ) {
      const hit = s.mask.indexOf(1, k * sliceSize);
      if (hit < 0) break;
      const found = Math.floor(hit / sliceSize);
      slices.push(found);
      k = found + 1;
    }
    if (slices.length === 0) warnings.push(`structure ${s.number} '${s.name}' is empty: its segment has no frames`);
    framesBySegment.push(slices);
    for (const k of slices) {
      const source = volume.sliceSources[k];
      if (!source) throw new Error(`the volume has no image reference for slice ${k}`);
      const p = applyToPoint(m, vec3<'IJK'>(0, 0, k));
      perFrame.push({
        FrameContentSequence: [{ DimensionIndexValues: [n + 1, k + 1] }],
        PlanePositionSequence: [{ ImagePositionPatient: p.map((v) => formatDs(v)) }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: n + 1 }],
        DerivationImageSequence: [{
          SourceImageSequence: [{
            ...imageItem(source),
            PurposeOfReferenceCodeSequence: [code({ value: '121322', scheme: 'DCM', meaning: 'Source image for image processing operation' })],
          }],
          DerivationCodeSequence: [code({ value: '113076', scheme: 'DCM', meaning: 'Segmentation' })],
        }],
      });
    }
    const algorithm = s.generationAlgorithm ?? 'AUTOMATIC';
    const color = s.color && isValidColor([...s.color]) ? s.color : defaultRoiColor(s.number);
    return {
      SegmentNumber: n + 1,
      SegmentLabel: loValue(s.name).value,
      SegmentDescription: `ROI ${s.number}`,
      SegmentAlgorithmType: algorithm,
      // Segment Algorithm Name is required unless the algorithm type is MANUAL (C.8.20.2).
      ...(algorithm !== 'MANUAL' ? { SegmentAlgorithmName: loValue(s.generationDescription || MANUFACTURER).value } : {}),
      SegmentedPropertyCategoryCodeSequence: [code(s.category ?? DEFAULT_CATEGORY)],
      SegmentedPropertyTypeCodeSequence: [code(s.propertyType ?? DEFAULT_TYPE)],
      RecommendedDisplayCIELabValue: rgbToDicomLab(color),
    };
  });
  if (perFrame.length === 0) throw new Error('every structure is empty: a Segmentation needs at least one frame');
  const pixelData = packFrames(framesBySegment.flatMap((slices, n) => slices.map((k) => ({ mask: segments[n]!.mask, k }))), sliceSize);
  const sopInstanceUid = uid();
  const seriesInstanceUid = uid();
  const dimensionOrganizationUid = uid();
  const uniqueSources = [...new Map(volume.sliceSources.map((s) => [s.sopInstanceUid, s])).values()];
  const dataset: Dataset = {
    _vrMap: { PixelData: 'OB' },
    SOPClassUID: SEGMENTATION_SOP_CLASS_UID,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    ...study,
    Modality: 'SEG',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: options.seriesNumber ?? 1,
    SeriesDescription: loValue(options.seriesDescription ?? 'Delineate segmentation').value,
    FrameOfReferenceUID: volume.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    Manufacturer: MANUFACTURER,
    ManufacturerModelName: MANUFACTURER_MODEL_NAME,
    DeviceSerialNumber: '0',
    SoftwareVersions: options.softwareVersions ?? SOFTWARE_VERSION,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: (options.contentLabel ?? 'DELINEATE').toUpperCase().replace(/[^A-Z0-9_ ]/g, '_').slice(0, 16),
    ContentDescription: 'Structures exported from Delineate',
    ContentCreatorName: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: segmentItems,
    NumberOfFrames: perFrame.length,
    DimensionOrganizationType: '3D',
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'ReferencedSegmentNumber' },
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'ImagePositionPatient' },
    ],
    SharedFunctionalGroupsSequence: [{
      PlaneOrientationSequence: [{ ImageOrientationPatient: [...rowDir, ...colDir].map((v) => formatDs(v, 10)) }],
      PixelMeasuresSequence: [{ PixelSpacing: [formatDs(sj), formatDs(si)], SliceThickness: formatDs(spacing), SpacingBetweenSlices: formatDs(spacing) }],
    }],
    PerFrameFunctionalGroupsSequence: perFrame,
    ReferencedSeriesSequence: [{
      SeriesInstanceUID: volume.seriesInstanceUid,
      ReferencedInstanceSequence: uniqueSources.map((s) => ({ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid })),
    }],
    PixelData: [pixelData],
  };
  for (const [key, value] of Object.entries(options.extraAttributes ?? {})) dataset[key] = value;
  const charset = specificCharacterSetFor(dataset);
  if (charset) dataset['SpecificCharacterSet'] = charset;
  return { dataset, sopInstanceUid, seriesInstanceUid, frameCount: perFrame.length, warnings };
}

export function writeSegFile(path: string, volume: ImageVolume, reference: Dataset, segments: readonly SegmentInput[], options: SegWriteOptions = {}): BuiltSeg {
  const built = buildSeg(volume, reference, segments, options);
  writeFileSync(path, encodeDicom(built.dataset, options.transferSyntax ?? 'explicit'));
  return built;
}
