import { randomUUID } from 'node:crypto';
import { onnxruntimeVersion } from '../segmentation/network-session.js';
import type { OnSegmentationRun, SegmentationInputRef, SegmentationRunRecord } from '../segmentation/run-record.js';
import { DEFAULT_MAX_TENSOR_BYTES, resolvedThreads } from '../segmentation/segment-volume.js';
import { providerOrder } from '../segmentation/execution-providers.js';
import type {
  ModelRunInfo,
  SegmentationInput,
  SegmentationOptions,
  SegmentationOutput,
  SegmentationProgress,
  StageTiming,
} from '../segmentation/segmentation-types.js';
import type { SegmentationRequest, SegmentationWorkerMessage } from './segmentation-messages.js';
import { startModuleWorker } from './start-worker.js';

export interface SegmentInWorkerOptions extends SegmentationOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SegmentationProgress) => void;
  /** Receives the provenance record of the run: completed, failed or cancelled. */
  readonly onRun?: OnSegmentationRun;
  /** The image's origin for the record; default its DICOM series when the input carries one. */
  readonly source?: SegmentationInputRef;
  /** Called when the worker thread has exited (diagnostics; tests check cancellation with it). */
  readonly onWorkerExit?: (exitCode: number) => void;
}

export interface SegmentationResult extends SegmentationOutput {
  readonly record: SegmentationRunRecord;
}

/** An ImageVolume (or any grid image) with, optionally, its DICOM identity. */
export type WorkerInput = SegmentationInput & { readonly seriesInstanceUid?: string; readonly frameOfReferenceUid?: string };

function sourceOf(input: WorkerInput, options: SegmentInWorkerOptions): SegmentationInputRef {
  if (options.source) return options.source;
  if (input.seriesInstanceUid) {
    return { kind: 'dicom-series', seriesInstanceUid: input.seriesInstanceUid, frameOfReferenceUid: input.frameOfReferenceUid ?? '' };
  }
  throw new Error('segmentInWorker: the input has no SeriesInstanceUID; pass options.source for the run record');
}

/** Only the pipeline's own settings cross to the worker (callbacks and signals cannot be cloned). */
function pipelineOptionsOf(options: SegmentInWorkerOptions): SegmentationOptions {
  const keys = ['modelIds', 'extraModelRoots', 'builtInModelRoot', 'providers', 'threads', 'maxTensorBytes', 'crop', 'postprocess', 'keepClassLabels'] as const;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/**
 * Run the auto-contouring pipeline in a worker thread. Progress arrives per stage; aborting the
 * signal rejects at once with an AbortError and stops the work at its next checkpoint, after which
 * the worker exits by itself (a network run already inside onnxruntime finishes its current slab
 * first: onnxruntime cannot be interrupted, and terminating the thread there aborts the process).
 */
export function segmentInWorker(input: WorkerInput, options: SegmentInWorkerOptions = {}): Promise<SegmentationResult> {
  const { signal, onProgress, onRun, onWorkerExit } = options;
  const pipelineOptions = pipelineOptionsOf(options);
  const source = sourceOf(input, options);
  const startedAt = new Date().toISOString();
  const runId = randomUUID();
  const models: ModelRunInfo[] = [];
  const timings: StageTiming[] = [];

  const record = (status: SegmentationRunRecord['status'], output?: SegmentationOutput, error?: string): SegmentationRunRecord => ({
    runId,
    status,
    startedAt,
    finishedAt: new Date().toISOString(),
    input: source,
    models: models.map((m) => ({ id: m.id, version: m.version, weightsSha256: m.weightsSha256, provider: m.provider, providerAttempts: m.providerAttempts })),
    parameters: {
      modelIds: pipelineOptions.modelIds ?? [],
      crop: pipelineOptions.crop ?? 'manifest',
      postprocess: pipelineOptions.postprocess ?? true,
      threads: resolvedThreads(pipelineOptions),
      maxTensorBytes: pipelineOptions.maxTensorBytes ?? DEFAULT_MAX_TENSOR_BYTES,
      providers: pipelineOptions.providers ?? providerOrder(process.platform),
      extraModelRoots: pipelineOptions.extraModelRoots ?? [],
    },
    timings: [...timings],
    structures: (output?.structures ?? []).map((s) => ({ name: s.name, modelId: s.modelId, voxelCount: s.voxelCount })),
    environment: { onnxruntime: onnxruntimeVersion(), node: process.versions.node, platform: process.platform, arch: process.arch },
    ...(error === undefined ? {} : { error }),
  });

  return new Promise<SegmentationResult>((resolve, reject) => {
    const abortError = (): Error => {
      const reason: unknown = signal?.reason;
      if (reason instanceof Error) return reason;
      return new DOMException(typeof reason === 'string' ? reason : 'segmentation cancelled', 'AbortError');
    };
    if (signal?.aborted) {
      onRun?.(record('cancelled', undefined, 'cancelled before start'));
      reject(abortError());
      return;
    }
    const cancel = new SharedArrayBuffer(4);
    const worker = startModuleWorker(new URL('./segmentation-worker.js', import.meta.url));
    let settled = false;
    const settle = (status: SegmentationRunRecord['status'], outcome: { output: SegmentationOutput } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if ('output' in outcome) {
        const result = { ...outcome.output, record: record(status, outcome.output) };
        onRun?.(result.record);
        resolve(result);
      } else {
        onRun?.(record(status, undefined, outcome.error.message));
        reject(outcome.error);
      }
    };
    const onAbort = (): void => {
      // The worker stops at its next checkpoint (between slabs and stages) and exits by itself.
      // It is never terminated from here: terminating a thread inside onnxruntime's native run()
      // aborts the whole process (Napi::Error → std::terminate), which in the app is the server.
      Atomics.store(new Int32Array(cancel), 0, 1);
      settle('cancelled', { error: abortError() });
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: SegmentationWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          if (!settled) onProgress?.(message.progress);
          break;
        case 'model':
          models.push(message.info);
          break;
        case 'timing':
          timings.push(message.timing);
          break;
        case 'done':
          settle('completed', { output: message.output });
          break;
        case 'failed': {
          const error =
            message.error.name === 'AbortError' ? new DOMException(message.error.message, 'AbortError') : Object.assign(new Error(message.error.message), { name: message.error.name });
          settle(message.error.name === 'AbortError' ? 'cancelled' : 'failed', { error });
          break;
        }
      }
    });
    worker.on('error', (error) => settle('failed', { error }));
    worker.on('exit', (code) => {
      onWorkerExit?.(code);
      settle('failed', { error: new Error(`the segmentation worker stopped (exit code ${code}) before finishing`) });
    });

    // Copy the first frame only: the caller keeps its volume, the worker owns this buffer.
    const count = input.dims[0] * input.dims[1] * input.dims[2];
    const data = input.data.slice(0, count);
    const request: SegmentationRequest = {
      input: { dims: input.dims, data, ijkToLps: [...input.ijkToLps], modality: input.modality },
      options: pipelineOptions,
      cancel,
    };
    worker.postMessage(request, [data.buffer]);
  });
}
