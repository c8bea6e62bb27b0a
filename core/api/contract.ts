/**
 * The one typed API between the renderer and the backend: every method the renderer may call,
 * its request and response, and the events the backend pushes. Types only; the Electron IPC
 * bridge (electron/) and the loopback web host (core/api/web-host.ts) both carry exactly this
 * table, so the UI runs unchanged in the desktop window and in a plain browser.
 *
 * Everything here must survive structured clone (IPC) and the binary envelope (web host):
 * plain objects, arrays, strings, numbers, booleans, null and ArrayBuffer. No classes, no Maps,
 * no typed-array views (their backing buffer may be a pooled slab far larger than the view).
 * Matrices are row-major 4×4 as in core/geometry/spaces.ts.
 */

/** A 3-vector of voxel indices or millimetres; which one is named by the field. */
export type Triple = readonly [number, number, number];

export interface AppInfo {
  readonly version: string;
  /** 'electron' has native file dialogs; 'web' asks for typed paths. */
  readonly shell: 'electron' | 'web';
  /** The bundled sample study (mirp-sts STS_002 CT + MR with an RTSTRUCT), when it is installed. */
  readonly sampleStudy: { readonly path: string; readonly description: string } | null;
  /** True while the study database holds no patients: the UI offers the sample study. */
  readonly firstRun: boolean;
  readonly dataDir: string;
  /** Where exported files go unless the user says otherwise. */
  readonly defaultExportDir: string;
}

export interface ImportResult {
  readonly importId: number;
  readonly root: string;
  readonly filesSeen: number;
  readonly patientsAdded: number;
  readonly studiesAdded: number;
  readonly seriesAdded: number;
  readonly instancesAdded: number;
  readonly instancesUnchanged: number;
  readonly conflicts: number;
  readonly skipped: number;
}

export interface SkippedFileInfo {
  readonly path: string;
  readonly reason: string;
}

export interface ConflictInfo {
  readonly kind: string;
  readonly uid: string;
  readonly path: string | null;
  readonly existing: string;
  readonly incoming: string;
}

export interface ImportReport {
  readonly summary: ImportResult & { readonly startedAt: string; readonly finishedAt: string };
  readonly skippedFiles: readonly SkippedFileInfo[];
  readonly conflicts: readonly ConflictInfo[];
}

export interface PatientInfo {
  readonly patientId: string;
  readonly patientName: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly studyCount: number;
}

export interface StudyInfo {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly seriesCount: number;
}

export interface SeriesInfo {
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly frameOfReferenceUid: string | null;
  readonly instanceCount: number;
  /** Image series open in the viewer; RTSTRUCT series are loaded onto one. */
  readonly viewable: boolean;
}

/** What the viewer needs to place every voxel in patient space. */
export interface VolumeMeta {
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly modality: string;
  readonly seriesDescription: string;
  readonly dims: Triple;
  /** Row-major 4×4: voxel centre (i, j, k) → LPS mm. Exact, from the DICOM geometry. */
  readonly ijkToLps: readonly number[];
  readonly spacingMm: Triple;
  /** Element type of `voxels`; values are modality values (HU for CT). */
  readonly dataType: 'int16' | 'uint16' | 'int32' | 'float32' | 'uint8';
  readonly monochrome1: boolean;
  /** 1st and 99th percentile of the voxel values: the automatic MR window. */
  readonly percentiles: { readonly p1: number; readonly p99: number };
  readonly range: { readonly min: number; readonly max: number };
  /** Only the first volume of a 4D series is sent; this says how many there were. */
  readonly framesInSeries: number;
  readonly warnings: readonly string[];
}

export interface VolumePayload {
  readonly meta: VolumeMeta;
  /** dims[0]·dims[1]·dims[2] values of `meta.dataType`, i fastest. */
  readonly voxels: ArrayBuffer;
}

export interface StructurePayload {
  /** Stable within a session: used to export and to remove. */
  readonly id: string;
  readonly seriesInstanceUid: string;
  readonly name: string;
  readonly color: Triple;
  /** RT ROI Interpreted Type (3006,00A4), '' when unknown. */
  readonly interpretedType: string;
  readonly source: 'model' | 'rtstruct';
  /** Model id and version, or the RTSTRUCT label and file. */
  readonly origin: string;
  readonly voxelCount: number;
  readonly volumeCc: number;
  /**
   * Bounding box of the mask in voxels, inclusive; `mask` holds 0/1 for the box only, i fastest
   * (a structure is usually a small part of the grid, so the whole grid is never sent).
   * Null box and empty mask for an ROI without closed contours.
   */
  readonly box: { readonly lo: Triple; readonly hi: Triple } | null;
  readonly mask: ArrayBuffer;
  readonly warnings: readonly string[];
}

export interface ModelInfo {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly modality: string;
  readonly structures: readonly string[];
  readonly licence: string;
  readonly citation: string;
}

export interface ModelList {
  readonly models: readonly ModelInfo[];
  readonly problems: readonly { readonly folder: string; readonly message: string }[];
}

export interface StructureSetInfo {
  readonly path: string;
  readonly sopInstanceUid: string;
  readonly seriesDescription: string;
}

export interface StructureIssueInfo {
  readonly severity: 'error' | 'warning' | 'info';
  readonly structure: string | null;
  readonly message: string;
}

export interface ExportResult {
  readonly path: string;
  readonly sopInstanceUid: string;
  readonly contourCount: number;
  readonly warnings: readonly string[];
  readonly issues: readonly StructureIssueInfo[];
}

/** A long call names a job (any unique string the caller picks) so that it can be followed and cancelled. */
export interface JobRequest {
  readonly jobId: string;
}

/** Method name → request and response. */
export interface ApiMethods {
  appInfo: { request: Record<string, never>; response: AppInfo };
  /** Scan a folder tree and record what it holds in the study database. Progress: 'import'. */
  importFolder: { request: JobRequest & { readonly path: string }; response: ImportResult };
  /** Import the bundled sample study. Progress: 'import'. */
  importSample: { request: JobRequest; response: ImportResult };
  importHistory: { request: Record<string, never>; response: readonly ImportResult[] };
  importReport: { request: { readonly importId: number }; response: ImportReport };
  listPatients: { request: Record<string, never>; response: readonly PatientInfo[] };
  listStudies: { request: { readonly patientId: string }; response: readonly StudyInfo[] };
  listSeries: { request: { readonly studyUid: string }; response: readonly SeriesInfo[] };
  /** Decode a series into one volume. Progress: 'load'. */
  loadVolume: { request: JobRequest & { readonly seriesUid: string }; response: VolumePayload };
  listModels: { request: Record<string, never>; response: ModelList };
  /** Auto-contour a loaded series. Progress: 'segment', per stage. */
  runSegmentation: {
    request: JobRequest & { readonly seriesUid: string; readonly modelIds: readonly string[] };
    response: readonly StructurePayload[];
  };
  /** RT Structure Sets in the database whose study holds this series. */
  listStructureSets: { request: { readonly seriesUid: string }; response: readonly StructureSetInfo[] };
  /** Read an RTSTRUCT file and rasterise its ROIs onto a loaded series. */
  loadStructureSet: { request: JobRequest & { readonly seriesUid: string; readonly path: string }; response: readonly StructurePayload[] };
  removeStructure: { request: { readonly seriesUid: string; readonly structureId: string }; response: { readonly removed: boolean } };
  /** Write the named structures of a loaded series as one RTSTRUCT file. Progress: 'export'. */
  exportStructureSet: {
    request: JobRequest & { readonly seriesUid: string; readonly structureIds: readonly string[]; readonly path: string; readonly label?: string };
    response: ExportResult;
  };
  cancelJob: { request: JobRequest; response: { readonly cancelled: boolean } };
  /** Native dialogs; the web host answers null (the UI then asks for a typed path). */
  chooseFolder: { request: { readonly title: string }; response: { readonly path: string | null } };
  chooseSavePath: { request: { readonly title: string; readonly defaultPath: string }; response: { readonly path: string | null } };
}

export type ApiMethod = keyof ApiMethods;
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['request'];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['response'];

/** What a caller holds: one async function per method. */
export type Api = { readonly [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResponse<M>> };

export type SegmentationStageName = 'load-models' | 'conform' | 'normalise' | 'crop' | 'inference' | 'postprocess' | 'resample';

export type JobProgress =
  | { readonly task: 'import'; readonly phase: 'scanning' | 'recording'; readonly filesSeen: number; readonly seriesFound: number }
  | { readonly task: 'load'; readonly planesDone: number; readonly planesTotal: number }
  | { readonly task: 'segment'; readonly stage: SegmentationStageName; readonly modelId: string | null; readonly fraction: number; readonly message: string }
  | { readonly task: 'structures'; readonly message: string; readonly fraction: number };

/** Backend → renderer. */
export type ApiEvent = { readonly type: 'progress'; readonly jobId: string; readonly progress: JobProgress };

/** How a failure crosses the boundary; `name` is 'AbortError' for a cancelled job. */
export interface ApiFailure {
  readonly name: string;
  readonly message: string;
}

/** The result of one call as either transport carries it. */
export type ApiOutcome<M extends ApiMethod> = { readonly ok: true; readonly value: ApiResponse<M> } | { readonly ok: false; readonly error: ApiFailure };
