import { createHash, randomUUID } from 'node:crypto';
import type { Dataset } from '../dicom/dcmjs.js';
import { headModelRefusal } from './anatomy-check.js';
import { voxelVolumeCc } from '../editing/mask-grid.js';
import type { LoadedSeries } from '../import/load-series.js';
import type { ImageVolume } from '../volume/image-volume.js';
import type { RoiInput } from '../rt/roi-input.js';
import { writeRtStructFile } from '../rt/write-rtstruct.js';
import { structureSetProvenance } from '../review/provenance.js';
import { createAiDraft } from '../review/structure-state.js';
import { CT_CLASSICAL_VERSION, CT_THRESHOLDS, segmentCtClassical } from '../segmentation/classical/ct-structures.js';
import type { SegmentationRunRecord } from '../segmentation/run-record.js';
import type { SegmentationProgress, StageTiming } from '../segmentation/segmentation-types.js';
import { segmentInWorker } from '../workers/segment-in-worker.js';
import type { ExecutionProviderName } from '../segmentation/execution-providers.js';

/** The identity of the classical CT contours: no weights, so the hash covers the parameters that define them. */
export const CT_CLASSICAL_MODEL = {
  id: 'ct-classical',
  version: CT_CLASSICAL_VERSION,
  weightsSha256: createHash('sha256').update(JSON.stringify(CT_THRESHOLDS)).digest('hex'),
};

/** The classical CT contours as the model picker and `delineate models` list them, beside the trained models. */
export const CT_CLASSICAL_INFO = {
  ...CT_CLASSICAL_MODEL,
  title: 'CT body outline, bones, lungs and air cavities (Hounsfield thresholds, no trained weights)',
  modality: 'CT',
  structures: ['External', 'Bones', 'Lungs', 'Cavity_Air'],
  licence: 'Apache-2.0',
  citation: 'Delineate classical CT contours: the thresholds in core/segmentation/classical/ct-structures.ts (CT_THRESHOLDS), hashed as the weights',
} as const;

/**
 * The classical CT contours of a volume, with the run record the audit log keeps for every model
 * run (no onnxruntime involved: thresholds on the CPU).
 */
export function contourCtClassical(volume: ImageVolume, now: () => Date = () => new Date()): { structures: ContouredStructure[]; record: SegmentationRunRecord } {
  if (volume.modality !== 'CT') throw new Error(`${CT_CLASSICAL_MODEL.id} contours CT in Hounsfield units; this series is ${volume.modality}`);
  const startedAt = now().toISOString();
  const start = performance.now();
  const found = segmentCtClassical(volume.data, volume);
  const durationMs = performance.now() - start;
  const cc = voxelVolumeCc(volume);
  const structures = found.map((s, n) => ({
    number: n + 1,
    name: s.name,
    color: s.color,
    rtRoiInterpretedType: s.rtRoiInterpretedType,
    modelId: CT_CLASSICAL_MODEL.id,
    mask: s.mask,
    volumeCc: countOnes(s.mask) * cc,
  }));
  const timings: StageTiming[] = [{ stage: 'inference', modelId: CT_CLASSICAL_MODEL.id, durationMs }];
  const record: SegmentationRunRecord = {
    runId: randomUUID(),
    status: 'completed',
    startedAt,
    finishedAt: now().toISOString(),
    input: { kind: 'dicom-series', seriesInstanceUid: volume.seriesInstanceUid, frameOfReferenceUid: volume.frameOfReferenceUid },
    models: [{ ...CT_CLASSICAL_MODEL, provider: 'cpu', providerAttempts: [{ provider: 'cpu', ok: true, durationMs: 0 }] }],
    parameters: { modelIds: [CT_CLASSICAL_MODEL.id], crop: 'none', postprocess: false, threads: 1, maxTensorBytes: 0, providers: ['cpu'], extraModelRoots: [] },
    timings,
    structures: structures.map((s) => ({ name: s.name, modelId: s.modelId, voxelCount: Math.round(s.volumeCc / cc) })),
    environment: { onnxruntime: 'not used', node: process.versions.node, platform: process.platform, arch: process.arch },
  };
  return { structures, record };
}

export interface ContouredStructure {
  readonly number: number;
  readonly name: string;
  readonly color: readonly [number, number, number];
  readonly rtRoiInterpretedType: string;
  readonly modelId: string;
  readonly mask: Uint8Array;
  readonly volumeCc: number;
}

export interface ContourRun {
  readonly structures: ContouredStructure[];
  readonly models: { id: string; version: string; weightsSha256: string; provider: string }[];
  readonly timings: StageTiming[];
  readonly record?: SegmentationRunRecord;
}

export interface ContourOptions {
  readonly modelIds?: readonly string[];
  readonly extraModelRoots?: readonly string[];
  readonly providers?: readonly ExecutionProviderName[];
  readonly threads?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: SegmentationProgress) => void;
}

function countOnes(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/**
 * The default auto-contours for a series: CT gets the classical contours (External, Bones, and
 * Lungs / air cavities when present); MR gets the installed brain models. `--model ct-classical`
 * or model ids choose explicitly.
 */
export async function contourSeries(loaded: LoadedSeries, options: ContourOptions = {}): Promise<ContourRun> {
  const volume = loaded.volume;
  const wantsClassical = options.modelIds ? options.modelIds.includes(CT_CLASSICAL_MODEL.id) : volume.modality === 'CT';
  if (wantsClassical) {
    const { structures, record } = contourCtClassical(volume);
    return { structures, models: [{ ...CT_CLASSICAL_MODEL, provider: 'cpu' }], timings: [...record.timings], record };
  }
  const refusal = headModelRefusal(loaded.referenceDataset, volume.modality);
  if (refusal) throw new Error(refusal);
  let record: SegmentationRunRecord | undefined;
  const result = await segmentInWorker(
    { ...volume, seriesInstanceUid: volume.seriesInstanceUid, frameOfReferenceUid: volume.frameOfReferenceUid },
    {
      source: { kind: 'dicom-series', seriesInstanceUid: volume.seriesInstanceUid, frameOfReferenceUid: volume.frameOfReferenceUid },
      ...(options.modelIds ? { modelIds: options.modelIds } : {}),
      ...(options.extraModelRoots ? { extraModelRoots: options.extraModelRoots } : {}),
      ...(options.providers ? { providers: options.providers } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onRun: (r) => {
        record = r;
      },
    },
  );
  const cc = voxelVolumeCc(volume);
  return {
    structures: result.structures.map((s) => ({ ...s, volumeCc: s.voxelCount * cc })),
    models: result.models.map((m) => ({ id: m.id, version: m.version, weightsSha256: m.weightsSha256, provider: m.provider })),
    timings: [...result.timings],
    ...(record ? { record } : {}),
  };
}

/**
 * Write the run as an RT Structure Set on its series: every structure an unreviewed AI draft
 * (ROI Generation Algorithm AUTOMATIC, the model named with its weights hash) and the set
 * UNAPPROVED — a file the planning system will never show as approved.
 */
export function writeAutoContours(path: string, loaded: LoadedSeries & { referenceDataset: Dataset }, run: ContourRun, now = new Date()): { warnings: string[] } {
  const models = new Map(run.models.map((m) => [m.id, m]));
  const at = now.toISOString();
  const drafts = run.structures.map((s) => {
    const m = models.get(s.modelId);
    if (!m) throw new Error(`structure ${s.name} names model ${s.modelId}, which did not run`);
    return createAiDraft({ id: String(s.number), name: s.name, seriesUid: loaded.volume.seriesInstanceUid, model: { id: m.id, version: m.version, weightsSha256: m.weightsSha256 }, at });
  });
  const provenance = structureSetProvenance(drafts);
  const rois: RoiInput[] = run.structures.map((s) => ({
    number: s.number,
    name: s.name,
    mask: s.mask,
    color: [s.color[0], s.color[1], s.color[2]],
    interpretedType: s.rtRoiInterpretedType,
    ...provenance.rois.get(String(s.number))!.roiInput,
  }));
  const built = writeRtStructFile(path, loaded.volume, loaded.referenceDataset, rois, {
    label: 'AI draft',
    name: 'Delineate auto-contours (not approved)',
    seriesDescription: 'Delineate AI draft, not approved',
    now,
    extraAttributes: provenance.extraAttributes,
  });
  return { warnings: [...built.warnings] };
}
