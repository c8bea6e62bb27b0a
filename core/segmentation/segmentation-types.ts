import type { Mat4 } from '../geometry/spaces.js';
import type { VoxelArray } from '../volume/image-volume.js';
import type { CropBox } from './crop-box.js';
import type { ExecutionProviderName, ProviderAttempt } from './execution-providers.js';
import type { RtRoiInterpretedType } from './model-manifest.js';

export type SegmentationStage = 'load-models' | 'conform' | 'normalise' | 'crop' | 'inference' | 'postprocess' | 'resample';

export interface SegmentationProgress {
  readonly stage: SegmentationStage;
  readonly modelId?: string;
  /** 0..1 within the stage (inference: slabs done). */
  readonly fraction: number;
  readonly message: string;
}

export interface StageTiming {
  readonly stage: SegmentationStage;
  readonly modelId?: string;
  readonly durationMs: number;
}

/** What the pipeline needs of the image: one frame on a grid in patient space. */
export interface SegmentationInput {
  readonly dims: readonly [number, number, number];
  readonly data: VoxelArray | Float64Array;
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  /** DICOM Modality (0008,0060) of the series; checked against each model's manifest. */
  readonly modality: string;
}

export interface SegmentationOptions {
  /** Models to run, in order; default every installed model for the input's modality. */
  readonly modelIds?: readonly string[];
  readonly extraModelRoots?: readonly string[];
  /** Override the installation's model folder (packaged app, tests); null leaves it out. */
  readonly builtInModelRoot?: string | null;
  /** Provider order to try; default the platform's (see providerOrder). */
  readonly providers?: readonly ExecutionProviderName[];
  /** onnxruntime intra-op threads; default all available cores. */
  readonly threads?: number;
  /** Largest single network run in bytes; bigger crops are run in slabs. Default 6 GiB. */
  readonly maxTensorBytes?: number;
  /** 'manifest' (default) crops as each manifest says; 'none' runs the whole 256³ grid (reference mode). */
  readonly crop?: 'manifest' | 'none';
  /** Largest component / hole filling per the manifests (default true). */
  readonly postprocess?: boolean;
  /** Also return each model's raw class labels on the full 256³ model grid (tests, QA). */
  readonly keepClassLabels?: boolean;
}

/** One named structure on the SOURCE grid, ready for RTSTRUCT. */
export interface SegmentedStructure {
  /** 1-based, in output order: ROI Number for RTSTRUCT. */
  readonly number: number;
  readonly name: string;
  readonly color: readonly [number, number, number];
  readonly rtRoiInterpretedType: RtRoiInterpretedType;
  readonly modelId: string;
  /** 0/1 per source voxel, i fastest (the input's layout). */
  readonly mask: Uint8Array;
  readonly voxelCount: number;
}

export interface ModelRunInfo {
  readonly id: string;
  readonly version: string;
  readonly weightsSha256: string;
  readonly provider: ExecutionProviderName;
  readonly providerAttempts: readonly ProviderAttempt[];
  readonly cropBox: CropBox;
  readonly slabs: number;
  /** False when the model ran only to give another model its crop. */
  readonly structuresReturned: boolean;
}

export interface ClassLabels {
  readonly modelId: string;
  /** Raw argmax labels on the 256³ model grid (0 outside the crop). */
  readonly data: Uint8Array;
}

export interface SegmentationOutput {
  readonly structures: readonly SegmentedStructure[];
  readonly models: readonly ModelRunInfo[];
  readonly timings: readonly StageTiming[];
  /** Structures a later model also produced; the first model's is kept. */
  readonly duplicatesDropped: readonly { readonly name: string; readonly modelId: string }[];
  readonly conformResampled: boolean;
  readonly modelToLps: Mat4<'MODEL', 'LPS'>;
  readonly classLabels: readonly ClassLabels[];
}
