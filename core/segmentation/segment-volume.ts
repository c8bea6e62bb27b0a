import { availableParallelism } from 'node:os';
import { conformVolume, CONFORM_SIZE } from './conform.js';
import type { CropBox } from './crop-box.js';
import { boxDims, extractBox, FULL_GRID, growBox, insertBox, thresholdBox } from './crop-box.js';
import type { ExecutionProviderName, ProviderSelection } from './execution-providers.js';
import { createSessionWithFallback, providerOrder } from './execution-providers.js';
import type { ModelManifest } from './model-manifest.js';
import type { InstalledModel } from './model-registry.js';
import { readVerifiedWeights } from './model-registry.js';
import type { NetworkSession, OrtSessionOptions } from './network-session.js';
import { createOrtSession } from './network-session.js';
import { normaliseConformed } from './normalise.js';
import type { PlannedModel } from './plan-models.js';
import { planModels } from './plan-models.js';
import { postprocessMask } from './postprocess.js';
import { resampleToSource } from './resample-to-source.js';
import { planSlabs, bytesPerVoxel, runNetwork } from './run-network.js';
import type {
  ClassLabels,
  ModelRunInfo,
  SegmentationInput,
  SegmentationOptions,
  SegmentationOutput,
  SegmentationProgress,
  SegmentationStage,
  SegmentedStructure,
  StageTiming,
} from './segmentation-types.js';

export const DEFAULT_MAX_TENSOR_BYTES = 6 * 2 ** 30;

export interface SegmentationHooks {
  readonly onProgress?: (progress: SegmentationProgress) => void;
  /** A model's session is ready: which provider runs it and on which crop. */
  readonly onModel?: (info: ModelRunInfo) => void;
  readonly onTiming?: (timing: StageTiming) => void;
  /** Throws when the run has been cancelled. */
  readonly checkpoint?: () => void;
  /** The session seam; default onnxruntime-node. */
  readonly createSession?: (weights: Uint8Array, provider: ExecutionProviderName, options: OrtSessionOptions) => Promise<NetworkSession>;
  readonly platform?: NodeJS.Platform;
}

export function resolvedThreads(options: SegmentationOptions): number {
  return options.threads ?? availableParallelism();
}

/**
 * The whole auto-contouring pipeline on one image, in the calling thread (run it in a worker:
 * onnxruntime blocks). Conform → per model: normalise → crop → infer (argmax) → post-process →
 * nearest-neighbour back onto the source grid, one 0/1 mask per named structure.
 */
export async function segmentVolume(input: SegmentationInput, options: SegmentationOptions = {}, hooks: SegmentationHooks = {}): Promise<SegmentationOutput> {
  const checkpoint = hooks.checkpoint ?? ((): void => undefined);
  const timings: StageTiming[] = [];
  const timed = async <T>(stage: SegmentationStage, modelId: string | undefined, work: () => T | Promise<T>): Promise<T> => {
    checkpoint();
    const started = performance.now();
    const result = await work();
    const timing: StageTiming = modelId === undefined ? { stage, durationMs: performance.now() - started } : { stage, modelId, durationMs: performance.now() - started };
    timings.push(timing);
    hooks.onTiming?.(timing);
    return result;
  };
  const progress = (stage: SegmentationStage, fraction: number, message: string, modelId?: string): void =>
    hooks.onProgress?.(modelId === undefined ? { stage, fraction, message } : { stage, fraction, message, modelId });

  const useCropRules = (options.crop ?? 'manifest') === 'manifest';
  const roots = { extraRoots: options.extraModelRoots ?? [], ...(options.builtInModelRoot !== undefined ? { builtInRoot: options.builtInModelRoot } : {}) };
  progress('load-models', 0, 'checking model packages');
  const plan = await timed('load-models', undefined, () => planModels(input.modality, options.modelIds, roots, useCropRules));

  progress('conform', 0, 'conforming to 256³, 1 mm, LIA');
  const conformed = await timed('conform', undefined, () => conformVolume(input));

  const maskSources = new Set(
    plan.flatMap((p) => (useCropRules && p.model.manifest.input.crop.kind === 'brain-mask' ? [p.model.manifest.input.crop.maskModel] : [])),
  );
  const normalised = new Map<string, Float32Array>();
  const brainBoxes = new Map<string, CropBox>();
  const structures: Omit<SegmentedStructure, 'number'>[] = [];
  const duplicatesDropped: { name: string; modelId: string }[] = [];
  const models: ModelRunInfo[] = [];
  const classLabels: ClassLabels[] = [];

  for (const [index, planned] of plan.entries()) {
    const manifest = planned.model.manifest;
    const id = manifest.id;
    const rule = manifest.input.normalisation;
    const key = JSON.stringify(rule);
    const image = normalised.get(key) ?? (await timed('normalise', id, () => normaliseConformed(conformed.data, rule)));
    normalised.set(key, image);

    const box = await timed('crop', id, () => cropFor(manifest, image, brainBoxes, useCropRules));
    const dims = boxDims(box);
    progress('crop', 1, `${id}: crop ${dims.join('×')} voxels`, id);

    // Plan the slabs first: a crop too big for the memory budget fails before anything loads.
    const maxTensorBytes = options.maxTensorBytes ?? DEFAULT_MAX_TENSOR_BYTES;
    const slabs = planSlabs(dims[2], dims[0] * dims[1] * bytesPerVoxel(manifest.network), maxTensorBytes, manifest.network.receptiveFieldRadiusVoxels).length;
    const { session, provider, attempts } = await timed('load-models', id, () => openSession(planned.model, options, hooks));
    const info: ModelRunInfo = {
      id,
      version: manifest.version,
      // readVerifiedWeights refused anything else, so this is the digest of the bytes that ran.
      weightsSha256: manifest.weights.sha256,
      provider,
      providerAttempts: attempts,
      cropBox: box,
      slabs,
      structuresReturned: planned.structuresReturned,
    };
    models.push(info);
    hooks.onModel?.(info);

    let labels: Uint8Array;
    try {
      progress('inference', 0, `${id} on ${provider} (model ${index + 1}/${plan.length})`, id);
      labels = await timed('inference', id, () =>
        runNetwork(session, extractBox(image, box, (n) => new Float32Array(n)), dims, {
          network: manifest.network,
          maxTensorBytes,
          checkpoint,
          onSlab: (done, total) => progress('inference', done / total, `${id}: slab ${done}/${total}`, id),
        }),
      );
    } finally {
      await session.release();
    }
    if (options.keepClassLabels) {
      const full = new Uint8Array(CONFORM_SIZE ** 3);
      insertBox(full, box, labels);
      classLabels.push({ modelId: id, data: full });
    }
    await emitStructures(planned, labels, box, { input, options, conformed, structures, duplicatesDropped, brainBoxes, maskSources, timed, progress });
  }
  return {
    structures: structures.map((s, n) => ({ ...s, number: n + 1 })),
    models,
    timings,
    duplicatesDropped,
    conformResampled: conformed.resampled,
    modelToLps: conformed.modelToLps,
    classLabels,
  };
}

/** A session on the first provider that works, from weights verified against the manifest. */
async function openSession(model: InstalledModel, options: SegmentationOptions, hooks: SegmentationHooks): Promise<ProviderSelection<NetworkSession>> {
  const weights = readVerifiedWeights(model);
  const network = model.manifest.network;
  const sessionOptions = { inputName: network.inputName, outputName: network.outputName, threads: resolvedThreads(options) };
  const create = hooks.createSession ?? createOrtSession;
  const platform = hooks.platform ?? process.platform;
  return createSessionWithFallback(platform, (p) => create(weights, p, sessionOptions), options.providers ?? providerOrder(platform));
}

function cropFor(manifest: ModelManifest, image: Float32Array, brainBoxes: Map<string, CropBox>, useCropRules: boolean): CropBox {
  const crop = manifest.input.crop;
  const multiple = manifest.input.sizeMultiple;
  if (!useCropRules || crop.kind === 'none') return growBox(FULL_GRID, 0, multiple);
  if (crop.kind === 'threshold') {
    const head = thresholdBox(image, crop.fractionOfMax);
    if (!head) throw new Error(`${manifest.id}: nothing in the image is above ${crop.fractionOfMax} × its maximum`);
    return growBox(head, crop.marginVoxels, multiple);
  }
  const brain = brainBoxes.get(crop.maskModel);
  if (!brain) throw new Error(`${manifest.id}: ${crop.maskModel} found no brain to crop to`);
  return growBox(brain, crop.marginVoxels, multiple);
}

interface EmitContext {
  readonly input: SegmentationInput;
  readonly options: SegmentationOptions;
  readonly conformed: ReturnType<typeof conformVolume>;
  readonly structures: Omit<SegmentedStructure, 'number'>[];
  readonly duplicatesDropped: { name: string; modelId: string }[];
  readonly brainBoxes: Map<string, CropBox>;
  readonly maskSources: ReadonlySet<string>;
  readonly timed: <T>(stage: SegmentationStage, modelId: string | undefined, work: () => T | Promise<T>) => Promise<T>;
  readonly progress: (stage: SegmentationStage, fraction: number, message: string, modelId?: string) => void;
}

/** Masks per named structure: union of its classes, post-processed, then onto the source grid. */
async function emitStructures(planned: PlannedModel, labels: Uint8Array, box: CropBox, ctx: EmitContext): Promise<void> {
  const manifest = planned.model.manifest;
  const id = manifest.id;
  const dims = boxDims(box);
  const masks = await ctx.timed('postprocess', id, () =>
    manifest.structures.map((spec) => {
      const inClass = new Uint8Array(manifest.network.classes);
      for (const c of spec.classes) inClass[c] = 1;
      const mask = new Uint8Array(labels.length);
      for (let v = 0; v < labels.length; v++) mask[v] = inClass[labels[v]!]!;
      if (ctx.options.postprocess ?? true) postprocessMask(mask, dims, spec.postprocess);
      return { spec, mask };
    }),
  );
  if (ctx.maskSources.has(id)) {
    // The brain another model crops to: the bounding box of all this model's (cleaned) structures.
    const brain = maskUnionBox(masks.map((m) => m.mask), box);
    if (brain) ctx.brainBoxes.set(id, brain);
  }
  if (!planned.structuresReturned) return;
  ctx.progress('resample', 0, `${id}: back onto the source grid`, id);
  await ctx.timed('resample', id, () => {
    for (const { spec, mask } of masks) {
      if (ctx.structures.some((s) => s.name === spec.name)) {
        ctx.duplicatesDropped.push({ name: spec.name, modelId: id });
        continue;
      }
      const onSource = resampleToSource(mask, box, ctx.conformed.modelToLps, ctx.input);
      let voxelCount = 0;
      for (let v = 0; v < onSource.length; v++) voxelCount += onSource[v]!;
      ctx.structures.push({
        name: spec.name,
        color: spec.color,
        rtRoiInterpretedType: spec.rtRoiInterpretedType,
        modelId: id,
        mask: onSource,
        voxelCount,
      });
    }
  });
}

/** Bounding box (model grid) of the union of box-shaped masks; null when all are empty. */
function maskUnionBox(masks: readonly Uint8Array[], box: CropBox): CropBox | null {
  const [bx, by, bz] = boxDims(box);
  const union = new Uint8Array(bx * by * bz);
  for (const m of masks) for (let v = 0; v < union.length; v++) union[v]! |= m[v]!;
  const lo = [bx, by, bz];
  const hi = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      for (let i = 0; i < bx; i++, n++) {
        if (union[n] === 0) continue;
        if (i < lo[0]!) lo[0] = i;
        if (i > hi[0]!) hi[0] = i;
        if (j < lo[1]!) lo[1] = j;
        if (j > hi[1]!) hi[1] = j;
        if (k < lo[2]!) lo[2] = k;
        if (k > hi[2]!) hi[2] = k;
      }
    }
  }
  if (hi[0]! < 0) return null;
  return {
    lo: [box.lo[0] + lo[0]!, box.lo[1] + lo[1]!, box.lo[2] + lo[2]!],
    hi: [box.lo[0] + hi[0]!, box.lo[1] + hi[1]!, box.lo[2] + hi[2]!],
  };
}
