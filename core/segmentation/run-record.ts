import type { ExecutionProviderName, ProviderAttempt } from './execution-providers.js';
import type { StageTiming } from './segmentation-types.js';

/** Where the image came from, so a structure set can be traced back to its source. */
export type SegmentationInputRef =
  | { readonly kind: 'dicom-series'; readonly seriesInstanceUid: string; readonly frameOfReferenceUid: string }
  | { readonly kind: 'file'; readonly path: string };

/**
 * Provenance of one auto-contouring run: everything needed to say which weights, on which
 * provider, with which settings, produced a structure set. One record is emitted per run, also
 * for failed and cancelled runs. The database layer stores it; the core only defines it.
 */
export interface SegmentationRunRecord {
  readonly runId: string;
  readonly status: 'completed' | 'failed' | 'cancelled';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly input: SegmentationInputRef;
  readonly models: readonly {
    readonly id: string;
    readonly version: string;
    readonly weightsSha256: string;
    readonly provider: ExecutionProviderName;
    readonly providerAttempts: readonly ProviderAttempt[];
  }[];
  readonly parameters: {
    readonly modelIds: readonly string[];
    readonly crop: 'manifest' | 'none';
    readonly postprocess: boolean;
    readonly threads: number;
    readonly maxTensorBytes: number;
    readonly providers: readonly ExecutionProviderName[];
    readonly extraModelRoots: readonly string[];
  };
  readonly timings: readonly StageTiming[];
  readonly structures: readonly { readonly name: string; readonly modelId: string; readonly voxelCount: number }[];
  readonly environment: { readonly onnxruntime: string; readonly node: string; readonly platform: string; readonly arch: string };
  readonly error?: string;
}

/** Called once per run with its record; the app wires it to the database. */
export type OnSegmentationRun = (record: SegmentationRunRecord) => void;
