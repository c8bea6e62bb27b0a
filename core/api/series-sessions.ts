import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RoiInput } from '../rt/roi-input.js';
import type { SeriesRecord } from '../store/study-store.js';
import type { StudyStore } from '../store/study-store.js';
import type { ImageVolume, VoxelArray } from '../volume/image-volume.js';
import { segmentInWorker } from '../workers/segment-in-worker.js';
import type { OnSegmentationRun } from '../segmentation/run-record.js';
import type { ExportResult, JobProgress, StructurePayload, StructureSetInfo, Triple, VolumeMeta, VolumePayload } from './contract.js';
import type { SessionStructure } from './structure-payload.js';
import { toPayload } from './structure-payload.js';
import type { LoadedVolumeResult, VolumeGrid } from './tasks/task-messages.js';
import { runTask } from './tasks/run-task.js';

type OnProgress = (p: JobProgress) => void;

const KNOWN_ALGORITHMS = new Set(['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL']);

interface OpenSeries {
  readonly record: SeriesRecord;
  readonly loaded: LoadedVolumeResult;
  readonly structures: Map<string, SessionStructure>;
}

export interface SegmentationRoots {
  readonly builtInModelRoot?: string | null;
  readonly extraModelRoots: readonly string[];
  /** Every run's provenance (completed, failed or cancelled), for the study database. */
  readonly onRun?: OnSegmentationRun;
}

function dataTypeOf(data: VoxelArray): VolumeMeta['dataType'] {
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  return 'uint8';
}

/** The first frame's bytes as a standalone ArrayBuffer (no copy when the volume is one frame). */
function firstFrameBuffer(volume: ImageVolume): ArrayBuffer {
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const { data } = volume;
  const buffer = data.buffer as ArrayBuffer;
  if (data.byteOffset === 0 && data.length === count && buffer.byteLength === data.byteLength) return buffer;
  return buffer.slice(data.byteOffset, data.byteOffset + count * data.BYTES_PER_ELEMENT);
}

/** Everything of a volume but its voxels: what a worker needs to rasterise or write contours. */
function gridOf(v: ImageVolume): VolumeGrid {
  return {
    dims: v.dims,
    frames: v.frames,
    ijkToLps: v.ijkToLps,
    spacingMm: v.spacingMm,
    modality: v.modality,
    seriesInstanceUid: v.seriesInstanceUid,
    frameOfReferenceUid: v.frameOfReferenceUid,
    sliceSources: v.sliceSources,
    ...(v.monochrome1 ? { monochrome1: true } : {}),
  };
}

/**
 * The series the user has open, with the structures made or loaded on them. Volumes are kept
 * (least recently used first out) because segmentation and export need the voxels and the
 * DICOM reference; the renderer holds its own copy for display.
 */
export class SeriesSessions {
  private readonly open = new Map<string, OpenSeries>();
  private readonly loading = new Map<string, Promise<OpenSeries>>();
  private nextStructure = 1;

  constructor(
    private readonly store: StudyStore,
    private readonly cacheSize: number,
    private readonly roots: SegmentationRoots,
  ) {}

  /**
   * The series and its study. The store has no lookup by series UID alone, so this walks the
   * hierarchy; a department archive has thousands of series, which this reads in milliseconds.
   */
  private findSeries(seriesUid: string): SeriesRecord {
    for (const p of this.store.listPatients()) {
      for (const st of this.store.listStudies(p.patientId)) {
        const found = this.store.listSeries(st.studyInstanceUid).find((s) => s.seriesInstanceUid === seriesUid);
        if (found) return found;
      }
    }
    throw new Error(`series ${seriesUid} is not in the study database`);
  }

  private async ensure(seriesUid: string, signal: AbortSignal, onProgress: OnProgress): Promise<OpenSeries> {
    const cached = this.open.get(seriesUid);
    if (cached) {
      this.open.delete(seriesUid);
      this.open.set(seriesUid, cached);
      return cached;
    }
    const pending = this.loading.get(seriesUid);
    if (pending) return pending;
    const record = this.findSeries(seriesUid);
    const instances = this.store.seriesInstances(seriesUid).map((i) => ({
      path: i.path,
      sopInstanceUid: i.sopInstanceUid,
      sopClassUid: i.sopClassUid,
      transferSyntaxUid: i.transferSyntaxUid,
      sizeBytes: i.sizeBytes,
      numberOfFrames: i.numberOfFrames,
    }));
    const task = runTask(
      { kind: 'load', seriesUid, modality: record.modality, frameOfReferenceUid: record.frameOfReferenceUid ?? '', instances },
      { signal, onProgress },
    ).then((loaded) => {
      const entry: OpenSeries = { record, loaded, structures: new Map() };
      this.open.set(seriesUid, entry);
      while (this.open.size > this.cacheSize) this.open.delete(this.open.keys().next().value!);
      return entry;
    });
    this.loading.set(seriesUid, task);
    try {
      return await task;
    } finally {
      this.loading.delete(seriesUid);
    }
  }

  /** A series the user has loaded; segmentation and export never load one implicitly (it would surprise). */
  private loaded(seriesUid: string): OpenSeries {
    const entry = this.open.get(seriesUid);
    if (!entry) throw new Error(`series ${seriesUid} is not loaded; open it in the viewer first`);
    return entry;
  }

  private payloads(entry: OpenSeries, structures: readonly SessionStructure[]): StructurePayload[] {
    const v = entry.loaded.volume;
    return structures.map((s) => toPayload(s, v.seriesInstanceUid, v.dims, v.ijkToLps));
  }

  async loadVolume(seriesUid: string, signal: AbortSignal, onProgress: OnProgress): Promise<VolumePayload> {
    const entry = await this.ensure(seriesUid, signal, onProgress);
    const { volume, warnings, percentiles, range } = entry.loaded;
    const meta: VolumeMeta = {
      seriesInstanceUid: volume.seriesInstanceUid,
      frameOfReferenceUid: volume.frameOfReferenceUid,
      modality: volume.modality,
      seriesDescription: entry.record.seriesDescription,
      dims: [volume.dims[0], volume.dims[1], volume.dims[2]],
      ijkToLps: [...volume.ijkToLps],
      spacingMm: [volume.spacingMm[0], volume.spacingMm[1], volume.spacingMm[2]],
      dataType: dataTypeOf(volume.data),
      monochrome1: volume.monochrome1 === true,
      percentiles,
      range,
      framesInSeries: volume.frames,
      warnings: [...warnings, ...(volume.frames > 1 ? [`the series holds ${volume.frames} volumes; the first is shown`] : [])],
    };
    return { meta, voxels: firstFrameBuffer(volume) };
  }

  /** Structures that the same model made before are replaced, so a re-run never duplicates names. */
  private add(entry: OpenSeries, made: Omit<SessionStructure, 'id'>[]): SessionStructure[] {
    const added: SessionStructure[] = [];
    for (const m of made) {
      for (const [id, s] of entry.structures) if (s.source === m.source && s.origin === m.origin && s.name === m.name) entry.structures.delete(id);
      const s: SessionStructure = { ...m, id: `s${this.nextStructure++}` };
      entry.structures.set(s.id, s);
      added.push(s);
    }
    return added;
  }

  async segment(seriesUid: string, modelIds: readonly string[], signal: AbortSignal, onProgress: OnProgress): Promise<StructurePayload[]> {
    const entry = this.loaded(seriesUid);
    if (modelIds.length === 0) throw new Error('choose at least one model');
    const result = await segmentInWorker(entry.loaded.volume, {
      modelIds,
      ...(this.roots.builtInModelRoot !== undefined ? { builtInModelRoot: this.roots.builtInModelRoot } : {}),
      extraModelRoots: this.roots.extraModelRoots,
      ...(this.roots.onRun ? { onRun: this.roots.onRun } : {}),
      signal,
      onProgress: (p) => onProgress({ task: 'segment', stage: p.stage, modelId: p.modelId ?? null, fraction: p.fraction, message: p.message }),
    });
    const versions = new Map(result.models.map((m) => [m.id, m.version]));
    const made = result.structures.map((s) => {
      const origin = `${s.modelId} ${versions.get(s.modelId) ?? ''}`.trim();
      return {
        name: s.name,
        color: [s.color[0], s.color[1], s.color[2]] as Triple,
        interpretedType: s.rtRoiInterpretedType,
        source: 'model' as const,
        origin,
        mask: s.mask,
        voxelCount: s.voxelCount,
        warnings: [],
        generationAlgorithm: 'AUTOMATIC' as const,
        generationDescription: `Delineate auto-contouring, model ${origin}`,
      };
    });
    return this.payloads(entry, this.add(entry, made));
  }

  /** RT Structure Sets of the same study in the same Frame of Reference (or none recorded). */
  structureSetsFor(seriesUid: string): StructureSetInfo[] {
    const series = this.findSeries(seriesUid);
    return this.store
      .listSeries(series.studyInstanceUid)
      .filter((s) => s.modality === 'RTSTRUCT' && (s.frameOfReferenceUid === undefined || s.frameOfReferenceUid === series.frameOfReferenceUid))
      .flatMap((s) => this.store.seriesInstances(s.seriesInstanceUid).map((i) => ({ path: i.path, sopInstanceUid: i.sopInstanceUid, seriesDescription: s.seriesDescription })));
  }

  async loadStructureSet(seriesUid: string, path: string, signal: AbortSignal, onProgress: OnProgress): Promise<StructurePayload[]> {
    const entry = this.loaded(seriesUid);
    const read = await runTask({ kind: 'read-structures', path, grid: gridOf(entry.loaded.volume) }, { signal, onProgress });
    const origin = `${read.label || 'RTSTRUCT'} (${path})`;
    const dims = entry.loaded.volume.dims;
    const made = read.rois.map((r) => ({
      name: r.name,
      color: r.color,
      interpretedType: r.interpretedType,
      source: 'rtstruct' as const,
      origin,
      mask: r.mask ?? new Uint8Array(dims[0] * dims[1] * dims[2]),
      voxelCount: r.voxels,
      warnings: [...read.warnings, ...r.warnings],
      // Kept as the file says: a structure set's MANUAL contour must never leave as AUTOMATIC.
      generationAlgorithm: KNOWN_ALGORITHMS.has(r.generationAlgorithm) ? (r.generationAlgorithm as 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL') : undefined,
      generationDescription: r.generationDescription || undefined,
    }));
    return this.payloads(entry, this.add(entry, made));
  }

  removeStructure(seriesUid: string, structureId: string): boolean {
    return this.open.get(seriesUid)?.structures.delete(structureId) ?? false;
  }

  async exportStructureSet(seriesUid: string, ids: readonly string[], path: string, label: string, signal: AbortSignal, onProgress: OnProgress): Promise<ExportResult> {
    const entry = this.loaded(seriesUid);
    if (ids.length === 0) throw new Error('choose at least one structure to export');
    const chosen = ids.map((id) => {
      const s = entry.structures.get(id);
      if (!s) throw new Error(`structure ${id} is not on series ${seriesUid}`);
      return s;
    });
    // ROI Numbers follow the order the user listed; they are unique within this file, which is all PS3.3 C.8.8.5 asks.
    const rois: RoiInput[] = chosen.map((s, n) => ({
      number: n + 1,
      name: s.name,
      mask: s.mask,
      color: s.color,
      interpretedType: s.interpretedType,
      ...(s.generationAlgorithm ? { generationAlgorithm: s.generationAlgorithm } : {}),
      ...(s.generationDescription ? { generationDescription: s.generationDescription } : {}),
    }));
    mkdirSync(dirname(path), { recursive: true });
    const written = await runTask(
      { kind: 'write-structures', path, grid: gridOf(entry.loaded.volume), referencePath: entry.loaded.referencePath, rois, label },
      { signal, onProgress },
    );
    const nameOf = new Map(rois.map((r) => [r.number, r.name]));
    return {
      path,
      sopInstanceUid: written.sopInstanceUid,
      contourCount: written.contourCount,
      warnings: written.warnings,
      issues: written.issues.map((i) => ({ severity: i.severity, structure: i.roi === null ? null : (nameOf.get(i.roi) ?? null), message: i.message })),
    };
  }
}
