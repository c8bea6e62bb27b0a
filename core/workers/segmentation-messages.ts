import type {
  ModelRunInfo,
  SegmentationInput,
  SegmentationOptions,
  SegmentationOutput,
  SegmentationProgress,
  StageTiming,
} from '../segmentation/segmentation-types.js';

/** Main thread → segmentation worker. */
export interface SegmentationRequest {
  readonly input: SegmentationInput;
  readonly options: SegmentationOptions;
  /**
   * Int32 flag the main thread sets to 1 to cancel. A message could not be read while
   * onnxruntime blocks the worker; shared memory is read at every checkpoint regardless.
   */
  readonly cancel: SharedArrayBuffer;
}

/** Segmentation worker → main thread. */
export type SegmentationWorkerMessage =
  | { readonly type: 'progress'; readonly progress: SegmentationProgress }
  | { readonly type: 'model'; readonly info: ModelRunInfo }
  | { readonly type: 'timing'; readonly timing: StageTiming }
  | { readonly type: 'done'; readonly output: SegmentationOutput }
  | { readonly type: 'failed'; readonly error: { readonly name: string; readonly message: string } };
