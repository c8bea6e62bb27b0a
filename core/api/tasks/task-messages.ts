import type { Dataset } from '../../dicom/dcmjs.js';
import type { RoiInput } from '../../rt/roi-input.js';
import type { StructureIssue } from '../../rt/check-structures.js';
import type { ImportTaskResult } from './import-task.js';
import type { ImageVolume } from '../../volume/image-volume.js';
import type { JobProgress } from '../contract.js';

/**
 * Work the backend hands to a worker thread so that the Electron main process (or the web host)
 * keeps answering while it runs: folder scans with hashing, pixel decoding, RTSTRUCT rasterising
 * and contour tracing all take seconds on a real series.
 */

/** The grid of a volume without its voxels: what rasterising and writing need. */
export type VolumeGrid = Omit<ImageVolume, 'data'>;

export type Task =
  | { readonly kind: 'import'; readonly root: string; readonly storeFile: string }
  | {
      readonly kind: 'load';
      readonly seriesUid: string;
      readonly modality: string;
      readonly frameOfReferenceUid: string;
      readonly instances: readonly { readonly path: string; readonly sopInstanceUid: string; readonly sopClassUid: string; readonly transferSyntaxUid: string; readonly sizeBytes: number; readonly numberOfFrames: number }[];
    }
  | { readonly kind: 'read-structures'; readonly path: string; readonly grid: VolumeGrid }
  | {
      readonly kind: 'write-structures';
      readonly path: string;
      readonly grid: VolumeGrid;
      /** The image whose header gives the patient, study and equipment attributes (see LoadedVolumeResult). */
      readonly referencePath: string;
      readonly rois: readonly RoiInput[];
      readonly label: string;
      /** Top-level attributes: the Approval module and Contributing Equipment (core/review/provenance.ts). */
      readonly extraAttributes?: Dataset;
    };

export interface LoadedVolumeResult {
  readonly volume: ImageVolume;
  /**
   * The file whose header loadSeries took as the reference dataset. The path crosses thread
   * boundaries, not the dataset: dcmjs puts functions on person-name and sequence values
   * (toJSON, toString), which structured clone refuses.
   */
  readonly referencePath: string;
  readonly warnings: string[];
  readonly percentiles: { readonly p1: number; readonly p99: number };
  readonly range: { readonly min: number; readonly max: number };
}

export interface RasterizedRoi {
  readonly number: number;
  readonly name: string;
  readonly color: readonly [number, number, number];
  readonly interpretedType: string;
  /** ROI Generation Algorithm as the file says it ('' when it does not say). */
  readonly generationAlgorithm: string;
  readonly generationDescription: string;
  readonly mask: Uint8Array | null;
  readonly voxels: number;
  readonly warnings: readonly string[];
}

export interface ReadStructuresResult {
  readonly label: string;
  readonly sopInstanceUid: string;
  readonly rois: readonly RasterizedRoi[];
  readonly warnings: readonly string[];
}

export interface WriteStructuresResult {
  readonly sopInstanceUid: string;
  readonly contourCount: number;
  readonly warnings: readonly string[];
  readonly issues: readonly StructureIssue[];
}

export interface TaskResults {
  import: ImportTaskResult;
  load: LoadedVolumeResult;
  'read-structures': ReadStructuresResult;
  'write-structures': WriteStructuresResult;
}

export type MainToWorker = { readonly type: 'start'; readonly task: Task } | { readonly type: 'cancel' };

export type WorkerToMain =
  | { readonly type: 'progress'; readonly progress: JobProgress }
  | { readonly type: 'done'; readonly result: TaskResults[Task['kind']] }
  | { readonly type: 'failed'; readonly error: { readonly name: string; readonly message: string } };
