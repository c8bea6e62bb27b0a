import type { Dataset } from '../dicom/dcmjs.js';
import { getBytes, getItem, getItems, getNumber, getNumbers, getString, getStrings, getUint16Raw } from '../dicom/attributes.js';
import { csaNumbers, readCsaStrings } from '../dicom/siemens-csa.js';
import type { Vec3 } from '../geometry/spaces.js';
import { vec3 } from '../geometry/spaces.js';
import { add, cross, scale } from '../geometry/vec3.js';
import type { FrameRecord } from './frame-record.js';

export class SeriesGeometryError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'SeriesGeometryError';
  }
}

const round = (x: number, digits = 4): string => (Math.abs(x) < 10 ** -digits ? 0 : x).toFixed(digits);

function orientationOf(path: string, iop: number[] | undefined): { row: Vec3<'LPS'>; col: Vec3<'LPS'> } {
  if (!iop || iop.length !== 6) throw new SeriesGeometryError(path, 'missing or malformed Image Orientation (Patient) (0020,0037)');
  const row = vec3<'LPS'>(iop[0] as number, iop[1] as number, iop[2] as number);
  const col = vec3<'LPS'>(iop[3] as number, iop[4] as number, iop[5] as number);
  return { row, col };
}

function spacingOf(path: string, ps: number[] | undefined): readonly [number, number] {
  if (!ps || ps.length < 2 || !(ps[0]! > 0) || !(ps[1]! > 0)) throw new SeriesGeometryError(path, 'missing or invalid Pixel Spacing (0028,0030)');
  return [ps[0] as number, ps[1] as number];
}

/**
 * Philips stores a private floating-point scale (2005,100E "MRScaleSlope"). dcm2niix, with
 * UsePhilipsFloatNotDisplayScaling, reports FP = (SV × RS + RI) / (RS × SS); we do the same so
 * values match the reference converter.
 */
function philipsFloatScale(ds: Dataset, slope: number, intercept: number, scaleSource: Dataset = ds): { slope: number; intercept: number } {
  const manufacturer = (getString(ds, 'Manufacturer') ?? '').toLowerCase();
  if (!manufacturer.includes('philips')) return { slope, intercept };
  const ss = getNumber(scaleSource, '2005100E');
  if (ss === undefined || ss === 0 || slope === 0) return { slope, intercept };
  return { slope: slope / (slope * ss), intercept: intercept / (slope * ss) };
}

function stackKeyOf(row: Vec3<'LPS'>, col: Vec3<'LPS'>, rows: number, columns: number, spacing: readonly [number, number], type: string, echo: string): string {
  return [[...row, ...col].map((x) => round(x)).join(','), `${columns}x${rows}`, spacing.map((x) => round(x, 4)).join('x'), type, echo].join('|');
}

function stackLabelOf(columns: number, rows: number, type: string, echo: string): string {
  return `${columns}×${rows}${type ? ` ${type}` : ''}${echo ? ` echo ${echo}` : ''}`;
}

/** Planes of a classic single-frame image, or of a Siemens mosaic. */
function classicFrames(path: string, ds: Dataset): FrameRecord[] {
  const rows = getNumber(ds, 'Rows') ?? 0;
  const columns = getNumber(ds, 'Columns') ?? 0;
  const { row, col } = orientationOf(path, getNumbers(ds, 'ImageOrientationPatient'));
  const ipp = getNumbers(ds, 'ImagePositionPatient');
  if (!ipp || ipp.length !== 3) throw new SeriesGeometryError(path, 'missing or malformed Image Position (Patient) (0020,0032)');
  const spacing = spacingOf(path, getNumbers(ds, 'PixelSpacing'));
  const baseSlope = getNumber(ds, 'RescaleSlope') ?? 1;
  const baseIntercept = getNumber(ds, 'RescaleIntercept') ?? 0;
  const { slope, intercept } = philipsFloatScale(ds, baseSlope === 0 ? 1 : baseSlope, baseIntercept);
  const imageType = getStrings(ds, 'ImageType');
  const type = imageType.filter((t) => t !== 'MOSAIC').join('\\');
  const echo = getString(ds, 'EchoNumbers') ?? '';
  const temporalOrder = [getNumber(ds, 'AcquisitionNumber') ?? 0, getNumber(ds, 'TemporalPositionIdentifier') ?? 0, getNumber(ds, 'InstanceNumber') ?? 0];
  const common = {
    path,
    frameIndex: 0,
    rowCosine: row,
    columnCosine: col,
    pixelSpacing: spacing,
    slope,
    intercept,
    temporalOrder,
    sopInstanceUid: getString(ds, 'SOPInstanceUID') ?? '',
    sopClassUid: getString(ds, 'SOPClassUID') ?? '',
    monochrome1: getString(ds, 'PhotometricInterpretation') === 'MONOCHROME1',
  };
  const origin = vec3<'LPS'>(ipp[0] as number, ipp[1] as number, ipp[2] as number);
  if (!imageType.includes('MOSAIC')) {
    return [{ ...common, rows, columns, position: origin, stackKey: stackKeyOf(row, col, rows, columns, spacing, type, echo), stackLabel: stackLabelOf(columns, rows, type, echo) }];
  }
  return mosaicFrames(path, ds, { ...common, position: origin }, rows, columns, type, echo);
}

/**
 * Siemens mosaic: N slices tiled in a square grid. ImagePositionPatient names the corner of the
 * whole mosaic; each slice's true corner is shifted by half the unused mosaic width, and the
 * slices step along the CSA SliceNormalVector (its sign fixes the tile order).
 */
function mosaicFrames(
  path: string,
  ds: Dataset,
  common: Omit<FrameRecord, 'rows' | 'columns' | 'stackKey' | 'stackLabel'>,
  rows: number,
  columns: number,
  type: string,
  echo: string,
): FrameRecord[] {
  const csaBytes = getBytes(ds, '00291010');
  const csa = csaBytes ? readCsaStrings(csaBytes) : new Map<string, string[]>();
  const count = getUint16Raw(ds, '0019100A') ?? csaNumbers(csa, 'NumberOfImagesInMosaic')?.[0];
  if (!count || count < 1) throw new SeriesGeometryError(path, 'mosaic image without the number of images in the mosaic (0019,100A)');
  const across = Math.ceil(Math.sqrt(count));
  if (rows % across !== 0 || columns % across !== 0) throw new SeriesGeometryError(path, `mosaic of ${rows}×${columns} cannot hold ${across}×${across} tiles`);
  const tileRows = rows / across;
  const tileCols = columns / across;
  const [rowSpacing, colSpacing] = common.pixelSpacing;
  const corner = add(
    common.position,
    add(scale(common.rowCosine, (colSpacing * (columns - tileCols)) / 2), scale(common.columnCosine, (rowSpacing * (rows - tileRows)) / 2)),
  );
  let normal = cross(common.rowCosine, common.columnCosine);
  const csaNormal = csaNumbers(csa, 'SliceNormalVector');
  if (csaNormal && csaNormal.length === 3 && csaNormal[0]! * normal[0] + csaNormal[1]! * normal[1] + csaNormal[2]! * normal[2] < 0) {
    normal = scale(normal, -1);
  }
  const step = getNumber(ds, 'SpacingBetweenSlices') ?? getNumber(ds, 'SliceThickness');
  if (!step || step <= 0) throw new SeriesGeometryError(path, 'mosaic without Spacing Between Slices (0018,0088) or Slice Thickness');
  const key = stackKeyOf(common.rowCosine, common.columnCosine, tileRows, tileCols, common.pixelSpacing, type, echo);
  const label = stackLabelOf(tileCols, tileRows, `${type} mosaic`, echo);
  return Array.from({ length: count }, (_, k) => ({
    ...common,
    rows: tileRows,
    columns: tileCols,
    tile: { index: k, across },
    position: add(corner, scale(normal, k * step)),
    stackKey: key,
    stackLabel: label,
  }));
}

/** Planes of an enhanced multi-frame image: geometry from the shared and per-frame functional groups (PS3.3 C.7.6.16). */
function enhancedFrames(path: string, ds: Dataset): FrameRecord[] {
  const rows = getNumber(ds, 'Rows') ?? 0;
  const columns = getNumber(ds, 'Columns') ?? 0;
  const shared = getItem(ds, 'SharedFunctionalGroupsSequence') ?? {};
  const perFrame = getItems(ds, 'PerFrameFunctionalGroupsSequence');
  const count = getNumber(ds, 'NumberOfFrames') ?? perFrame.length;
  const group = (f: Dataset, name: string): Dataset | undefined => getItem(f, name) ?? getItem(shared, name);
  const sopInstanceUid = getString(ds, 'SOPInstanceUID') ?? '';
  const sopClassUid = getString(ds, 'SOPClassUID') ?? '';
  const monochrome1 = getString(ds, 'PhotometricInterpretation') === 'MONOCHROME1';
  const frames: FrameRecord[] = [];
  for (let n = 0; n < count; n++) {
    const f = perFrame[n] ?? {};
    const where = `${path} frame ${n + 1}`;
    const { row, col } = orientationOf(where, getNumbers(group(f, 'PlaneOrientationSequence') ?? {}, 'ImageOrientationPatient'));
    const ipp = getNumbers(group(f, 'PlanePositionSequence') ?? {}, 'ImagePositionPatient');
    if (!ipp || ipp.length !== 3) throw new SeriesGeometryError(where, 'missing Plane Position Sequence Image Position (Patient)');
    const spacing = spacingOf(where, getNumbers(group(f, 'PixelMeasuresSequence') ?? {}, 'PixelSpacing'));
    const transform = group(f, 'PixelValueTransformationSequence') ?? {};
    const rs = getNumber(transform, 'RescaleSlope') ?? 1;
    // Philips enhanced files keep the private scale slope in a per-frame private item (2005,140F).
    const philipsPrivate = getItem(f, '2005140F') ?? getItem(shared, '2005140F') ?? {};
    const { slope, intercept } = philipsFloatScale(ds, rs === 0 ? 1 : rs, getNumber(transform, 'RescaleIntercept') ?? 0, philipsPrivate);
    const frameType = group(f, 'MRImageFrameTypeSequence') ?? group(f, 'CTImageFrameTypeSequence') ?? {};
    const type = getStrings(frameType, 'FrameType').join('\\');
    const echoTime = getNumber(group(f, 'MREchoSequence') ?? {}, 'EffectiveEchoTime');
    const echo = echoTime === undefined ? '' : `TE ${echoTime}`;
    const content = group(f, 'FrameContentSequence') ?? {};
    const temporalOrder = [getNumber(content, 'TemporalPositionIndex') ?? 0, ...(getNumbers(content, 'DimensionIndexValues') ?? []), n];
    frames.push({
      path,
      frameIndex: n,
      rows,
      columns,
      rowCosine: row,
      columnCosine: col,
      position: vec3<'LPS'>(ipp[0] as number, ipp[1] as number, ipp[2] as number),
      pixelSpacing: spacing,
      slope,
      intercept,
      stackKey: stackKeyOf(row, col, rows, columns, spacing, type, echo),
      stackLabel: stackLabelOf(columns, rows, type, echo),
      temporalOrder,
      sopInstanceUid,
      sopClassUid,
      frameNumber: n + 1,
      monochrome1,
    });
  }
  return frames;
}

/** All image planes in one instance's header. */
export function frameRecordsOf(path: string, ds: Dataset): FrameRecord[] {
  if (ds['PerFrameFunctionalGroupsSequence'] !== undefined || ds['SharedFunctionalGroupsSequence'] !== undefined) return enhancedFrames(path, ds);
  const frames = getNumber(ds, 'NumberOfFrames') ?? 1;
  if (frames > 1) {
    // Classic multi-frame (e.g. NM, US, some secondary captures) with one geometry for every frame
    // cannot be placed in patient space exactly; refuse rather than guess.
    throw new SeriesGeometryError(path, `multi-frame image (${frames} frames) without per-frame functional groups: frame positions are unknown`);
  }
  return classicFrames(path, ds);
}
