import type { Dataset } from '../dicom/dcmjs.js';
import { getString } from '../dicom/attributes.js';
import { decodePixelData, pixelFormatOf } from '../dicom/pixel/decode-pixel-data.js';
import type { StoredFrame } from '../dicom/pixel/pixel-format.js';
import { DicomReadError, readDicomFile } from '../dicom/read-dicom-file.js';
import type { ImageVolume, SliceSource, VoxelArray } from '../volume/image-volume.js';
import type { SliceGrid } from './assemble-grid.js';
import { assembleGrid } from './assemble-grid.js';
import type { FrameRecord } from './frame-record.js';
import { frameRecordsOf } from './frame-records.js';
import type { ScannedSeries } from './scan-types.js';
import { scanFolder } from './scan-folder.js';

export interface StackSummary {
  readonly key: string;
  readonly label: string;
  readonly planes: number;
}

export interface LoadedSeries {
  readonly volume: ImageVolume;
  /** Header of the first image (PixelData removed): patient, study and equipment attributes for objects we write. */
  readonly referenceDataset: Dataset;
  readonly warnings: string[];
  /** Every stack the series holds; the volume is the one named by `stackKey`. */
  readonly stacks: StackSummary[];
  readonly stackKey: string;
}

export interface LoadOptions {
  /** Which stack to build when a series holds several (scouts, echoes); default the largest. */
  readonly stackKey?: string;
  /** The same by position (1-based) in LoadedSeries.stacks, largest first. */
  readonly stackIndex?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (planesDone: number, planesTotal: number) => void;
  /** Headers already read by the scan, by path (see ScanOptions.onHeader). */
  readonly headers?: ReadonlyMap<string, Dataset>;
}

export class SeriesLoadError extends Error {
  constructor(readonly seriesInstanceUid: string, reason: string) {
    super(reason);
    this.name = 'SeriesLoadError';
  }
}

/** Group planes into stacks that can form one volume (orientation, size, spacing, image type, echo). */
function groupStacks(planes: readonly FrameRecord[]): Map<string, FrameRecord[]> {
  const stacks = new Map<string, FrameRecord[]>();
  for (const p of planes) {
    const list = stacks.get(p.stackKey);
    if (list) list.push(p);
    else stacks.set(p.stackKey, [p]);
  }
  return stacks;
}

/**
 * Rescaled values are held as Int16 when every plane's rescale is integral (CT in HU, most MR);
 * a value outside the Int16 range or a fractional rescale promotes the volume to Float32, which
 * holds every integer up to 2^24 exactly.
 */
function integralRescale(planes: readonly FrameRecord[]): boolean {
  return planes.every((p) => Number.isInteger(p.slope) && Number.isInteger(p.intercept));
}

/** Integral rescale into Int16: integer arithmetic only; false when a value leaves the Int16 range. */
function copyRowsInt16(out: Int16Array, dst0: number, stored: StoredFrame, src0: number, rows: number, columns: number, stride: number, intercept: number): boolean {
  for (let j = 0; j < rows; j++) {
    const src = src0 + j * stride;
    const dst = dst0 + j * columns;
    for (let i = 0; i < columns; i++) {
      const v = (stored[src + i] as number) + intercept;
      if ((v + 32768) >>> 16 !== 0) return false;
      out[dst + i] = v;
    }
  }
  return true;
}

function copyRowsScaled(out: VoxelArray, dst0: number, stored: StoredFrame, src0: number, rows: number, columns: number, stride: number, slope: number, intercept: number): boolean {
  const isInt16 = out instanceof Int16Array;
  for (let j = 0; j < rows; j++) {
    const src = src0 + j * stride;
    const dst = dst0 + j * columns;
    for (let i = 0; i < columns; i++) {
      const v = (stored[src + i] as number) * slope + intercept;
      if (isInt16 && (v < -32768 || v > 32767)) return false;
      out[dst + i] = v;
    }
  }
  return true;
}

/** Rescale one plane (or one mosaic tile) into the volume; false when Int16 cannot hold it. */
function copyPlane(out: VoxelArray, offset: number, stored: StoredFrame, plane: FrameRecord, frameColumns: number): boolean {
  const { rows, columns, slope, intercept } = plane;
  const tileRow = plane.tile ? Math.floor(plane.tile.index / plane.tile.across) : 0;
  const tileCol = plane.tile ? plane.tile.index % plane.tile.across : 0;
  const src0 = tileRow * rows * frameColumns + tileCol * columns;
  if (out instanceof Int16Array && slope === 1 && Number.isInteger(intercept)) {
    return copyRowsInt16(out, offset, stored, src0, rows, columns, frameColumns, intercept);
  }
  return copyRowsScaled(out, offset, stored, src0, rows, columns, frameColumns, slope, intercept);
}

/** Read the pixel data of every file once and place each plane in the volume. */
async function fillVolume(grid: SliceGrid, planeCount: number, options: LoadOptions): Promise<VoxelArray> {
  const [nx, ny, nz] = grid.dims;
  const sliceSize = nx * ny;
  const total = sliceSize * nz * grid.volumes;
  const allPlanes = grid.frames.flat();
  let out: VoxelArray = integralRescale(allPlanes) ? new Int16Array(total) : new Float32Array(total);
  const byFile = new Map<string, { plane: FrameRecord; offset: number }[]>();
  grid.frames.forEach((volume, t) =>
    volume.forEach((plane, k) => {
      const list = byFile.get(plane.path) ?? [];
      list.push({ plane, offset: (t * nz + k) * sliceSize });
      byFile.set(plane.path, list);
    }),
  );
  let done = 0;
  for (const [path, targets] of byFile) {
    options.signal?.throwIfAborted();
    const file = readDicomFile(path);
    const format = pixelFormatOf(file.dataset);
    let frames: StoredFrame[];
    try {
      frames = await decodePixelData(file.transferSyntaxUid, file.dataset['PixelData'], format);
    } catch (error) {
      throw new DicomReadError(path, error instanceof Error ? error.message : String(error));
    }
    for (const { plane, offset } of targets) {
      const stored = frames[plane.frameIndex];
      if (!stored) throw new DicomReadError(path, `frame ${plane.frameIndex + 1} is missing from the pixel data`);
      if (!copyPlane(out, offset, stored, plane, format.columns)) {
        out = Float32Array.from(out);
        copyPlane(out, offset, stored, plane, format.columns);
      }
      done++;
    }
    options.onProgress?.(done, planeCount);
  }
  return out;
}

/** Build the volume of one series (by default its largest stack) in DICOM patient space. */
export async function loadSeries(series: ScannedSeries, options: LoadOptions = {}): Promise<LoadedSeries> {
  const images = series.instances.filter((i) => (i.rows ?? 0) > 0);
  if (images.length === 0) throw new SeriesLoadError(series.seriesInstanceUid, `series ${series.seriesInstanceUid} (${series.modality}) holds no images`);
  const planes: FrameRecord[] = [];
  let referenceDataset: Dataset | undefined;
  const warnings: string[] = [];
  for (const instance of images) {
    options.signal?.throwIfAborted();
    const header = options.headers?.get(instance.path) ?? readDicomFile(instance.path, { headerOnly: true }).dataset;
    referenceDataset ??= header;
    planes.push(...frameRecordsOf(instance.path, header));
  }
  const stacks = groupStacks(planes);
  const summaries: StackSummary[] = [...stacks.entries()]
    .map(([key, list]) => ({ key, label: list[0]!.stackLabel, planes: list.length }))
    .sort((a, b) => b.planes - a.planes);
  const index = options.stackIndex ?? 1;
  if (!Number.isInteger(index) || index < 1 || index > summaries.length) {
    throw new SeriesLoadError(series.seriesInstanceUid, `series ${series.seriesInstanceUid} has ${summaries.length} stack(s); stack ${index} does not exist`);
  }
  const chosenKey = options.stackKey ?? summaries[index - 1]!.key;
  const chosen = stacks.get(chosenKey);
  if (!chosen) throw new SeriesLoadError(series.seriesInstanceUid, `series ${series.seriesInstanceUid} has no stack '${chosenKey}'`);
  summaries.forEach((s, n) => {
    if (s.key !== chosenKey) warnings.push(`left out ${s.planes} image(s) of another stack in this series (stack ${n + 1} of ${summaries.length}): ${s.label}`);
  });
  const grid = assembleGrid(chosen, `series ${series.seriesInstanceUid}`);
  warnings.push(...grid.warnings);
  const data = await fillVolume(grid, chosen.length, options);
  const ref: Dataset = { ...(referenceDataset ?? {}) };
  const sliceSources: SliceSource[] = (grid.frames[0] ?? []).map((p) =>
    p.frameNumber === undefined
      ? { sopInstanceUid: p.sopInstanceUid, sopClassUid: p.sopClassUid }
      : { sopInstanceUid: p.sopInstanceUid, sopClassUid: p.sopClassUid, frameNumber: p.frameNumber },
  );
  const volume: ImageVolume = {
    dims: grid.dims,
    frames: grid.volumes,
    data,
    ijkToLps: grid.ijkToLps,
    spacingMm: grid.spacingMm,
    modality: getString(ref, 'Modality') ?? series.modality,
    seriesInstanceUid: series.seriesInstanceUid,
    frameOfReferenceUid: getString(ref, 'FrameOfReferenceUID') ?? series.frameOfReferenceUid ?? '',
    sliceSources,
    ...(chosen.some((p) => p.monochrome1) ? { monochrome1: true } : {}),
  };
  delete ref['PixelData'];
  return { volume, referenceDataset: ref, warnings, stacks: summaries, stackKey: chosenKey };
}

/** Image series in a scan, largest first (by voxel count). */
export function imageSeriesOf(report: Awaited<ReturnType<typeof scanFolder>>): ScannedSeries[] {
  const all = report.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  const size = (s: ScannedSeries): number =>
    s.instances.reduce((n, i) => n + (i.rows ?? 0) * (i.columns ?? 0) * Math.max(1, i.numberOfFrames), 0);
  return all.filter((s) => size(s) > 0).sort((a, b) => size(b) - size(a));
}

/** Scan a folder and load one series: the one named, or the largest image series. */
export async function loadSeriesFromFolder(
  dir: string,
  seriesUid?: string,
  options: LoadOptions = {},
): Promise<LoadedSeries & { skipped: { path: string; reason: string }[] }> {
  const headers = new Map<string, Dataset>();
  const report = await scanFolder(dir, { hash: false, onHeader: (path, ds) => headers.set(path, ds), ...(options.signal ? { signal: options.signal } : {}) });
  const candidates = imageSeriesOf(report);
  const series = seriesUid === undefined ? candidates[0] : candidates.find((s) => s.seriesInstanceUid === seriesUid);
  if (!series) {
    const all = report.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
    const named = seriesUid === undefined ? undefined : all.find((s) => s.seriesInstanceUid === seriesUid);
    const reason =
      seriesUid === undefined
        ? `no image series found in ${dir} (${report.filesSeen} file(s) read, ${report.skipped.length} skipped)`
        : named
          ? `series ${seriesUid} in ${dir} is a ${named.modality || 'non-image'} series, not an image series`
          : `series ${seriesUid} not found in ${dir}; image series there: ${candidates.map((s) => s.seriesInstanceUid).join(', ') || 'none'}`;
    throw new SeriesLoadError(seriesUid ?? '', reason);
  }
  const loaded = await loadSeries(series, { ...options, headers });
  if (seriesUid === undefined && candidates.length > 1) {
    const patients = report.patients.filter((p) => p.studies.some((st) => st.series.some((se) => candidates.includes(se)))).length;
    loaded.warnings.unshift(
      `${candidates.length} image series of ${patients} patient(s) found; took the largest, ${series.modality} "${series.seriesDescription}" ` +
        `[${series.seriesInstanceUid}] (name another with --series)`,
    );
  }
  return { ...loaded, skipped: report.skipped };
}
