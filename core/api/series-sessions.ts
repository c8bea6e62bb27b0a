import type { RoiInput } from '../rt/roi-input.js';
import type { SeriesRecord } from '../store/study-store.js';
import type { StudyStore } from '../store/study-store.js';
import type { ImageVolume, VoxelArray } from '../volume/image-volume.js';
import { segmentInWorker } from '../workers/segment-in-worker.js';
import { contourCtClassical, CT_CLASSICAL_MODEL } from '../autocontour/contour-series.js';
import type { OnSegmentationRun } from '../segmentation/run-record.js';
import type { AuditInput } from '../audit/index.js';
import { structureSetProvenance } from '../review/provenance.js';
import { auditActor } from '../review/review-audit.js';
import { createAiDraft, createImportedStructure } from '../review/structure-state.js';
import { EditRefused } from '../workspace/edit-refused.js';
import { editWithImage } from '../workspace/lesion-edit.js';
import { mirrorConfidence, mirroredName } from '../workspace/mirror-confidence.js';
import { nearestAxis } from '../workspace/slice-axis.js';
import { mirrorAxis } from '../volume/mirror-axis.js';
import type { IncomingStructure } from '../workspace/series-workspace.js';
import { SeriesWorkspace } from '../workspace/series-workspace.js';
import type { WorkspaceDb } from '../workspace/workspace-db.js';
import type { EditCommand, ExportResult, JobProgress, ReviewActionName, StructureSetInfo, Triple, VolumeMeta, VolumePayload, WorkspaceChange, WorkspaceState } from './contract.js';
import type { LoadedVolumeResult, VolumeGrid } from './tasks/task-messages.js';
import { runTask } from './tasks/run-task.js';

type OnProgress = (p: JobProgress) => void;

interface OpenSeries {
  readonly record: SeriesRecord;
  readonly loaded: LoadedVolumeResult;
  readonly workspace: SeriesWorkspace;
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

  constructor(
    private readonly store: StudyStore,
    private readonly cacheSize: number,
    private readonly roots: SegmentationRoots,
    private readonly workspaces: WorkspaceDb,
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
      const v = loaded.volume;
      const settings = () => this.workspaces.settings();
      const entry: OpenSeries = { record, loaded, workspace: new SeriesWorkspace(this.workspaces, seriesUid, { dims: v.dims, spacingMm: v.spacingMm, ijkToLps: v.ijkToLps }, settings) };
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

  async loadVolume(seriesUid: string, signal: AbortSignal, onProgress: OnProgress): Promise<VolumePayload> {
    const entry = await this.ensure(seriesUid, signal, onProgress);
    // A cancelled load is cancelled even when the series was already in memory or finished first
    // (the volume stays cached); the caller was told so and is no longer waiting for it.
    signal.throwIfAborted();
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

  async segment(seriesUid: string, modelIds: readonly string[], mirrored: boolean, signal: AbortSignal, onProgress: OnProgress): Promise<WorkspaceChange> {
    const entry = this.loaded(seriesUid);
    if (modelIds.length === 0) throw new Error('choose at least one model');
    entry.workspace.requireReviewer();
    const volume = entry.loaded.volume;
    // The classical CT contours run here (thresholds, a second or two); trained models in a worker.
    const classical = modelIds.includes(CT_CLASSICAL_MODEL.id);
    const trained = modelIds.filter((id) => id !== CT_CLASSICAL_MODEL.id);
    const incoming: IncomingStructure[] = [];
    if (classical) {
      onProgress({ task: 'segment', stage: 'inference', modelId: CT_CLASSICAL_MODEL.id, fraction: 0, message: 'CT contours from Hounsfield thresholds' });
      const { structures, record } = contourCtClassical(volume);
      this.roots.onRun?.(record);
      const origin = `${CT_CLASSICAL_MODEL.id} ${CT_CLASSICAL_MODEL.version}`;
      incoming.push(
        ...structures.map((s): IncomingStructure => ({
          content: { name: s.name, color: [s.color[0], s.color[1], s.color[2]], interpretedType: s.rtRoiInterpretedType, source: 'model', origin, rule: '', warnings: [] },
          mask: s.mask,
          review: (id, at) => createAiDraft({ id, name: s.name, seriesUid, model: CT_CLASSICAL_MODEL, at }),
          keepAsDraft: true,
        })),
      );
    }
    signal.throwIfAborted();
    if (trained.length > 0) incoming.push(...(await this.segmentTrained(seriesUid, volume, trained, mirrored, signal, onProgress)));
    const described = `auto-contour (${modelIds.join(', ')})${mirrored && trained.length > 0 ? ' with mirrored pass' : ''}`;
    return entry.workspace.add(described, incoming, true);
  }

  /** Structures from trained models (ONNX, in a worker), with the mirrored pass's confidence when asked. */
  private async segmentTrained(
    seriesUid: string, volume: LoadedVolumeResult['volume'], modelIds: readonly string[], mirrored: boolean, signal: AbortSignal, onProgress: OnProgress,
  ): Promise<IncomingStructure[]> {
    const run = (input: typeof volume, pass: string) =>
      segmentInWorker(input, {
        modelIds,
        ...(this.roots.builtInModelRoot !== undefined ? { builtInModelRoot: this.roots.builtInModelRoot } : {}),
        extraModelRoots: this.roots.extraModelRoots,
        ...(this.roots.onRun ? { onRun: this.roots.onRun } : {}),
        signal,
        onProgress: (p) => onProgress({ task: 'segment', stage: p.stage, modelId: p.modelId ?? null, fraction: p.fraction, message: `${pass}${p.message}` }),
      });
    const result = await run(volume, '');
    // Test-time augmentation: the same models on the anatomy mirrored left-right, masks mapped back.
    const axis = nearestAxis(volume, [1, 0, 0]);
    const second = mirrored ? await run({ ...volume, frames: 1, data: mirrorAxis(volume.data.subarray(0, volume.dims[0] * volume.dims[1] * volume.dims[2]), volume.dims, axis) }, 'mirrored pass: ') : null;
    const models = new Map(result.models.map((m) => [m.id, m]));
    return result.structures.map((s) => {
      const model = models.get(s.modelId)!;
      const origin = `${s.modelId} ${model.version}`;
      const partner = second?.structures.find((x) => x.modelId === s.modelId && x.name === mirroredName(s.name));
      return {
        content: { name: s.name, color: [s.color[0], s.color[1], s.color[2]] as Triple, interpretedType: s.rtRoiInterpretedType, source: 'model', origin, rule: '', warnings: [] },
        mask: s.mask,
        review: (id, at) => createAiDraft({ id, name: s.name, seriesUid, model: { id: model.id, version: model.version, weightsSha256: model.weightsSha256 }, at }),
        keepAsDraft: true,
        ...(second ? { confidence: mirrorConfidence(s.mask, partner?.mask, volume.dims, axis) } : {}),
      };
    });
  }

  /** RT Structure Sets of the same study in the same Frame of Reference (or none recorded). */
  structureSetsFor(seriesUid: string): StructureSetInfo[] {
    const series = this.findSeries(seriesUid);
    return this.store
      .listSeries(series.studyInstanceUid)
      .filter((s) => s.modality === 'RTSTRUCT' && (s.frameOfReferenceUid === undefined || s.frameOfReferenceUid === series.frameOfReferenceUid))
      .flatMap((s) => this.store.seriesInstances(s.seriesInstanceUid).map((i) => ({ path: i.path, sopInstanceUid: i.sopInstanceUid, seriesDescription: s.seriesDescription })));
  }

  async loadStructureSet(seriesUid: string, path: string, signal: AbortSignal, onProgress: OnProgress): Promise<WorkspaceChange> {
    const entry = this.loaded(seriesUid);
    entry.workspace.requireReviewer();
    const read = await runTask({ kind: 'read-structures', path, grid: gridOf(entry.loaded.volume) }, { signal, onProgress });
    const origin = `${read.label || 'RTSTRUCT'} (${path})`;
    const dims = entry.loaded.volume.dims;
    const incoming: IncomingStructure[] = read.rois.map((r) => ({
      content: { name: r.name, color: r.color, interpretedType: r.interpretedType, source: 'rtstruct', origin, rule: '', warnings: [...read.warnings, ...r.warnings] },
      mask: r.mask ?? new Uint8Array(dims[0] * dims[1] * dims[2]),
      // Kept as the file says: a structure set's MANUAL contour must never leave as AUTOMATIC.
      review: (id, at) => createImportedStructure({ id, name: r.name, seriesUid, file: path, algorithm: r.generationAlgorithm, at }),
      keepAsDraft: false,
    }));
    return entry.workspace.add(`load ${read.label || 'RTSTRUCT'}`, incoming, false);
  }

  workspaceState(seriesUid: string): WorkspaceState {
    return this.loaded(seriesUid).workspace.state();
  }

  edit(seriesUid: string, command: EditCommand): WorkspaceChange {
    const entry = this.loaded(seriesUid);
    return entry.workspace.edit(command, editWithImage(entry.loaded.volume));
  }

  undo(seriesUid: string): WorkspaceChange {
    return this.loaded(seriesUid).workspace.undo();
  }

  redo(seriesUid: string): WorkspaceChange {
    return this.loaded(seriesUid).workspace.redo();
  }

  review(seriesUid: string, structureId: string, action: ReviewActionName, comment: string | undefined): WorkspaceChange {
    return this.loaded(seriesUid).workspace.reviewAct(structureId, action, comment);
  }

  recordImageLook(seriesUid: string): WorkspaceChange {
    return this.loaded(seriesUid).workspace.recordImageLook();
  }

  /** The loaded series' workspace, for tools that need the image too (lesion growing, the lesion table). */
  openWorkspace(seriesUid: string): { workspace: SeriesWorkspace; volume: LoadedVolumeResult['volume']; referencePath: string } {
    const entry = this.loaded(seriesUid);
    return { workspace: entry.workspace, volume: entry.loaded.volume, referencePath: entry.loaded.referencePath };
  }

  async exportStructureSet(seriesUid: string, ids: readonly string[], path: string, label: string, signal: AbortSignal, onProgress: OnProgress): Promise<ExportResult> {
    const entry = this.loaded(seriesUid);
    const by = entry.workspace.requireReviewer();
    if (ids.length === 0) throw new Error('choose at least one structure to export');
    const live = new Map(entry.workspace.structures().map((s) => [s.content.id, s]));
    const chosen = ids.map((id) => {
      const s = live.get(id);
      const review = entry.workspace.review(id);
      if (!s || !review) throw new EditRefused(`structure ${id} is not on series ${seriesUid}`);
      const stale = entry.workspace.outdated(id);
      if (stale) throw new EditRefused(`${stale} before exporting it`);
      return { s, review };
    });
    // Approval module, ROI Generation Algorithm and the review record come from the review records alone (core/review/provenance.ts).
    const provenance = structureSetProvenance(chosen.map((c) => c.review));
    // ROI Numbers follow the order the user listed; they are unique within this file, which is all PS3.3 C.8.8.5 asks.
    const rois: RoiInput[] = chosen.map(({ s }, n) => ({
      number: n + 1,
      name: s.content.name,
      mask: s.mask,
      color: s.content.color,
      interpretedType: s.content.interpretedType,
      ...provenance.rois.get(s.content.id)!.roiInput,
    }));
    const written = await runTask(
      { kind: 'write-structures', path, grid: gridOf(entry.loaded.volume), referencePath: entry.loaded.referencePath, rois, label, extraAttributes: provenance.extraAttributes },
      { signal, onProgress },
    );
    const audit: AuditInput = {
      actor: auditActor(by),
      action: 'export',
      subject: path,
      details: {
        seriesUid, sopInstanceUid: written.sopInstanceUid, approvalStatus: provenance.approvalStatus,
        structures: chosen.map(({ s, review }) => ({ id: s.content.id, name: s.content.name, state: review.state, revision: review.revision })),
      },
    };
    this.workspaces.audit(audit);
    const nameOf = new Map(rois.map((r) => [r.number, r.name]));
    return {
      path,
      sopInstanceUid: written.sopInstanceUid,
      contourCount: written.contourCount,
      approvalStatus: provenance.approvalStatus,
      warnings: written.warnings,
      issues: written.issues.map((i) => ({ severity: i.severity, structure: i.roi === null ? null : (nameOf.get(i.roi) ?? null), message: i.message })),
    };
  }
}
