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
  /**
   * Site model folders outside the installation, searched after the shipped models: the data
   * folder's `models` and any in DELINEATE_SITE_MODELS. A package placed there is validated before
   * it is offered.
   */
  readonly siteModelDirs: readonly string[];
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
  /** Instances already known with the same bytes, found at a new path: the database now reads them from there. */
  readonly instancesRelocated: number;
  readonly conflicts: number;
  readonly skipped: number;
  /**
   * For the import just run (not kept in the history): image series whose geometry stops them
   * opening as one volume (a missing slice, uneven spacing), each with its problems, so the user
   * hears of it at once rather than when opening the series.
   */
  readonly seriesProblems?: readonly SeriesProblemInfo[];
}

export interface SeriesProblemInfo {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly problems: readonly string[];
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

export const REVIEWER_ROLE_NAMES = ['dosimetrist', 'physician', 'physicist'] as const;
export type ReviewerRoleName = (typeof REVIEWER_ROLE_NAMES)[number];

/** The person at the workstation: recorded with every edit, look, approval and export. */
export interface ReviewerInfo {
  readonly name: string;
  readonly role: ReviewerRoleName;
}

export interface Settings {
  /** Null until the user has said who they are; edits and review acts are refused until then. */
  readonly reviewer: ReviewerInfo | null;
  /** Sequential reading (default on): AI drafts stay hidden until the reviewer records a first look at the images. */
  readonly sequentialReading: boolean;
}

export type ReviewStateName = 'ai-draft' | 'edited' | 'approved' | 'rejected';

export interface ReviewEventInfo {
  readonly type: 'open' | 'edit' | 'approve' | 'reject' | 'new-revision';
  readonly by: string;
  readonly role: ReviewerRoleName;
  readonly at: string;
  readonly comment: string | null;
  readonly revision: number;
  readonly from: ReviewStateName;
  readonly to: ReviewStateName;
}

/** Where a structure stands in review, as the structure list and the review panel show it. */
export interface StructureReviewInfo {
  readonly state: ReviewStateName;
  readonly revision: number;
  /** Approved and rejected structures refuse edits until a new revision reopens them. */
  readonly locked: boolean;
  /** The current reviewer has opened this revision since it last changed (what approval needs). */
  readonly lookedAt: boolean;
  /** ROI Generation Algorithm this structure would be exported with ('' when unknown, e.g. a foreign file said nothing). */
  readonly generationAlgorithm: 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | '';
  /** Model id, version and weights hash, or who drew it, or the file it came from. */
  readonly provenance: string;
  readonly history: readonly ReviewEventInfo[];
}

/** How far the final contour moved from the AI draft (PS: surface Dice and added path length at 1 mm). */
export interface EditEffortInfo {
  readonly dice: number;
  readonly hausdorff95Mm: number | null;
  readonly surfaceDice1mm: number;
  readonly addedPathLengthMm: number;
}

/** Test-time augmentation agreement for an AI structure. */
export interface ConfidenceInfo {
  /** Fraction of the structure's voxels on which every augmented pass agreed, 0..1. */
  readonly agreement: number;
  /** Below the flagging threshold: the structure list marks it. */
  readonly low: boolean;
  readonly passes: number;
  /** Per-voxel disagreement 0..255 over `box` (same box convention as the mask), for the overlay. */
  readonly box: { readonly lo: Triple; readonly hi: Triple } | null;
  readonly uncertainty: ArrayBuffer;
}

export interface StructurePayload {
  /** Stable across sessions (persisted in the study database): used to edit, review and export. */
  readonly id: string;
  readonly seriesInstanceUid: string;
  readonly name: string;
  readonly color: Triple;
  /** RT ROI Interpreted Type (3006,00A4), '' when unknown. */
  readonly interpretedType: string;
  /** Auto-contoured, read from an RTSTRUCT, drawn, made by a rule, or grown from a click. */
  readonly source: 'model' | 'rtstruct' | 'drawn' | 'derived' | 'lesion';
  /** Model id and version, the RTSTRUCT label and file, the rule, or 'drawn'. */
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
  readonly review: StructureReviewInfo;
  /** For a structure a model drafted and a person then changed; null otherwise. */
  readonly effort: EditEffortInfo | null;
  readonly confidence: ConfidenceInfo | null;
  /** The rule that made a derived structure ("PTV = GTV + 2mm"), '' otherwise. */
  readonly rule: string;
  /** Why a rule result no longer matches what it was built from (run the rule again), or null. */
  readonly outdated: string | null;
}

/**
 * One edit of the structures on a series. Every edit is saved to the study database before the
 * call returns, goes on the undo stack and into the audit log. Points are LPS mm triplets.
 * `normal` is the view's plane normal (LPS): 2D tools act on the image slice across the grid axis
 * nearest to it.
 */
export type EditCommand =
  | { readonly kind: 'create'; readonly name: string; readonly color?: Triple; readonly interpretedType?: string }
  | { readonly kind: 'update'; readonly structureId: string; readonly name?: string; readonly color?: Triple; readonly interpretedType?: string }
  | { readonly kind: 'delete'; readonly structureId: string }
  | {
      readonly kind: 'brush';
      readonly structureId: string;
      readonly mode: 'paint' | 'erase';
      /** A circle on the slice, or a sphere in 3D. */
      readonly shape: 'circle' | 'sphere';
      readonly radiusMm: number;
      readonly normal: Triple;
      readonly points: readonly number[];
    }
  | { readonly kind: 'polygon'; readonly structureId: string; readonly mode: 'paint' | 'erase'; readonly normal: Triple; readonly points: readonly number[] }
  | { readonly kind: 'fill-holes'; readonly structureId: string }
  | { readonly kind: 'remove-islands'; readonly structureId: string; readonly minVolumeCc: number }
  | { readonly kind: 'keep-largest'; readonly structureId: string }
  | { readonly kind: 'smooth'; readonly structureId: string; readonly sizeMm: number }
  /** Shape-based interpolation across the slices between those drawn, along the grid axis nearest `normal`. */
  | { readonly kind: 'interpolate'; readonly structureId: string; readonly normal: Triple }
  /** Structure algebra, as `delineate derive --rule`: "PTV = GTV + 2mm", "Ring = (PTV + 10mm) - PTV", "HA = (Hippo_L | Hippo_R) + 5mm". */
  | { readonly kind: 'rule'; readonly rule: string }
  /** One-click lesion: grow from `seed` (LPS mm) within a sphere of `maxRadiusMm`; a new GTV_n. */
  | { readonly kind: 'lesion'; readonly seed: Triple; readonly maxRadiusMm: number; readonly name?: string };

export type ReviewActionName = 'open' | 'approve' | 'reject' | 'new-revision';

/** What changed on a series' structures after an edit, a review act, undo or redo. */
export interface WorkspaceChange {
  readonly seriesUid: string;
  /** New or changed structures, whole. */
  readonly changed: readonly StructurePayload[];
  /** Ids no longer shown: deleted, or hidden by sequential reading. */
  readonly removed: readonly string[];
  /** AI drafts on this series kept from view until the reviewer records a first look at the images. */
  readonly hiddenDrafts: number;
  readonly imagesLooked: boolean;
  /** What undo and redo would do now for the current reviewer, or null when there is nothing of theirs to undo or redo. */
  readonly undo: string | null;
  readonly redo: string | null;
  /** Why undo or redo is off although there is a step: it is another person's (undo takes back only your own edits). */
  readonly historyNote: string | null;
  readonly warnings: readonly string[];
}

/** Every structure on a series as saved, for opening a series (also after a crash). */
export interface WorkspaceState extends WorkspaceChange {
  /** The order the user sees. */
  readonly order: readonly string[];
}

export interface LesionRow {
  readonly structureId: string;
  readonly name: string;
  readonly volumeCc: number;
  readonly longestDiameter3dMm: number;
  readonly longestDiameterAxialMm: number;
  /** Centre of mass of the voxels; null for an empty structure. */
  readonly centroidLps: Triple | null;
  /** Nearest organ at risk (brainstem, optic structures) and the surface-to-surface distance, or null when none is present. */
  readonly nearestOar: { readonly name: string; readonly distanceMm: number } | null;
}

export interface ModelInfo {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly modality: string;
  readonly structures: readonly string[];
  readonly licence: string;
  readonly citation: string;
  /** Installed by the site (from a site model folder), not shipped with the application. */
  readonly site: boolean;
  /** sha256 of the weights, as the manifest declares it (verified for site models). */
  readonly weightsSha256: string;
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
  /** The file's Approval Status (300E,0002): APPROVED only when every structure in it is approved. */
  readonly approvalStatus: 'APPROVED' | 'UNAPPROVED' | 'REJECTED';
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
  /**
   * Auto-contour a loaded series; the structures arrive as AI drafts. Progress: 'segment', per
   * stage. With `testTimeAugmentation` each model also runs on the left-right mirrored image (twice
   * the time), and where the two passes disagree becomes the structure's uncertainty map.
   */
  runSegmentation: {
    request: JobRequest & { readonly seriesUid: string; readonly modelIds: readonly string[]; readonly testTimeAugmentation?: boolean };
    response: WorkspaceChange;
  };
  /** RT Structure Sets in the database whose study holds this series. */
  listStructureSets: { request: { readonly seriesUid: string }; response: readonly StructureSetInfo[] };
  /** Read an RTSTRUCT file and rasterise its ROIs onto a loaded series, as new structures. */
  loadStructureSet: { request: JobRequest & { readonly seriesUid: string; readonly path: string }; response: WorkspaceChange };
  getSettings: { request: Record<string, never>; response: Settings };
  saveSettings: { request: { readonly settings: Settings }; response: Settings };
  /** The structures saved for a loaded series (after a restart too). */
  workspace: { request: { readonly seriesUid: string }; response: WorkspaceState };
  /** Apply one edit; saved before the call returns. */
  editStructures: { request: JobRequest & { readonly seriesUid: string; readonly edit: EditCommand }; response: WorkspaceChange };
  undo: { request: { readonly seriesUid: string }; response: WorkspaceChange };
  redo: { request: { readonly seriesUid: string }; response: WorkspaceChange };
  /** Open (a recorded look), approve, reject (comment required) or reopen one structure. */
  reviewStructure: {
    request: { readonly seriesUid: string; readonly structureId: string; readonly action: ReviewActionName; readonly comment?: string };
    response: WorkspaceChange;
  };
  /** Sequential reading: the reviewer has looked at the images; AI drafts are revealed. */
  recordImageLook: { request: { readonly seriesUid: string }; response: WorkspaceChange };
  lesionTable: { request: { readonly seriesUid: string }; response: readonly LesionRow[] };
  /**
   * The lesion table as CSV text (units in the header), written to `path`. Export paths are full
   * paths in an existing folder (the default export folder is created); an existing file is
   * refused with FileExistsError unless `overwrite` says the user confirmed replacing it.
   */
  exportLesionTable: { request: { readonly seriesUid: string; readonly path: string; readonly overwrite?: boolean }; response: { readonly path: string; readonly rows: number } };
  /** Write the named structures of a loaded series as one RTSTRUCT file (path rules as exportLesionTable). Progress: 'export'. */
  exportStructureSet: {
    request: JobRequest & { readonly seriesUid: string; readonly structureIds: readonly string[]; readonly path: string; readonly label?: string; readonly overwrite?: boolean };
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
