import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ModelRootOptions } from '../segmentation/model-registry.js';
import { listModels } from '../segmentation/model-registry.js';
import { CT_CLASSICAL_INFO } from '../autocontour/contour-series.js';
import { siteModelDirs } from '../segmentation/site-model-dirs.js';
import { openAuditLog } from '../audit/index.js';
import type { JsonValue } from '../audit/index.js';
import type { SegmentationRunRecord } from '../segmentation/run-record.js';
import { defaultDataDir, openStudyStore, STORE_FILE_NAME } from '../store/index.js';
import type { StudyStore } from '../store/study-store.js';
import type { Api, ApiEvent, ApiRequest, ApiResponse, AppInfo, JobProgress, ModelList } from './contract.js';
import { packageRoot, packageVersion, repositorySampleStudy } from './package-root.js';
import { SeriesSessions } from './series-sessions.js';
import { checkSettings } from '../workspace/settings.js';
import { lesionRows, writeLesionCsv } from './lesion-calls.js';
import { WorkspaceDb } from '../workspace/workspace-db.js';
import { toImportReport, toImportResult, toPatientInfo, toSeriesInfo, toStudyInfo } from './store-mapping.js';
import { runTask } from './tasks/run-task.js';
import { checkOutputFile } from '../files/output-file.js';

export interface BackendOptions {
  readonly shell: 'electron' | 'web';
  /** Folder of the study database; default the per-user folder (see core/store/data-dir.ts). */
  readonly dataDir?: string;
  /** The bundled sample study; default the repository's mirp-sts fixture when present; null for none. */
  readonly sampleStudyDir?: string | null;
  /** The installation's model folder (packaged: resources/native-models); null leaves it out. */
  readonly builtInModelRoot?: string | null;
  /** Site model folders; default {@link siteModelDirs} of the data folder. */
  readonly extraModelRoots?: readonly string[];
  /** How many loaded series the backend keeps in memory for segmentation and export. */
  readonly seriesCacheSize?: number;
}

export interface Backend {
  readonly api: Api;
  /** Subscribe to progress events; returns the unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
  close(): void;
}

const SAMPLE_DESCRIPTION = 'mirp-sts STS_002: CT and T1 MR of a soft-tissue sarcoma with its GTV (CC BY 3.0, TCIA Soft-tissue-Sarcoma)';

/** The backend behind the API contract: the study database, workers for heavy work, in-memory series. */
export function createBackend(options: BackendOptions): Backend {
  const dataDir = defaultDataDir(options.dataDir);
  const storeFile = join(dataDir, STORE_FILE_NAME);
  const store: StudyStore = openStudyStore(storeFile);
  const sampleStudy = options.sampleStudyDir === undefined ? repositorySampleStudy() : options.sampleStudyDir;
  const listeners = new Set<(event: ApiEvent) => void>();
  const jobs = new Map<string, AbortController>();
  const siteDirs = options.extraModelRoots ?? siteModelDirs(dataDir);
  const modelRoots: ModelRootOptions = {
    ...(options.builtInModelRoot !== undefined ? { builtInRoot: options.builtInModelRoot } : {}),
    extraRoots: siteDirs,
  };
  const workspaces = new WorkspaceDb(storeFile);
  const sessions = new SeriesSessions(store, options.seriesCacheSize ?? 2, {
    ...(options.builtInModelRoot !== undefined ? { builtInModelRoot: options.builtInModelRoot } : {}),
    extraModelRoots: siteDirs,
    onRun: (record) => recordModelRun(storeFile, record),
  }, workspaces);

  const defaultExportDir = join(homedir(), 'Delineate exports');
  /**
   * An export path from a window: a full path in an existing folder (the default export folder is
   * created), never a folder, and an existing file only when the user confirmed replacing it.
   */
  const exportFile = (path: string, overwrite: boolean | undefined): string =>
    checkOutputFile(path, { overwrite: overwrite === true, requireAbsolute: true, createFolder: defaultExportDir, existsHint: 'confirm to replace it, or choose another name' });

  const emit = (event: ApiEvent): void => {
    for (const l of listeners) l(event);
  };

  /** Run a cancellable job: registered under its id while it runs, progress sent as events. */
  async function job<T>(jobId: string, work: (signal: AbortSignal, onProgress: (p: JobProgress) => void) => Promise<T>): Promise<T> {
    if (jobs.has(jobId)) throw new Error(`job ${jobId} is already running`);
    const controller = new AbortController();
    jobs.set(jobId, controller);
    try {
      return await work(controller.signal, (progress) => emit({ type: 'progress', jobId, progress }));
    } finally {
      jobs.delete(jobId);
    }
  }

  const importFrom = (jobId: string, root: string): Promise<ApiResponse<'importFolder'>> =>
    job(jobId, async (signal, onProgress) => {
      const result = await runTask({ kind: 'import', root, storeFile }, { signal, onProgress });
      return { ...toImportResult(result), seriesProblems: result.seriesProblems };
    });

  const api: Api = {
    appInfo: (): Promise<AppInfo> => {
      return Promise.resolve({
        version: packageVersion(packageRoot()),
        shell: options.shell,
        sampleStudy: sampleStudy ? { path: sampleStudy, description: SAMPLE_DESCRIPTION } : null,
        firstRun: store.totals().patients === 0,
        dataDir,
        defaultExportDir,
        siteModelDirs: siteDirs,
      });
    },
    importFolder: (r: ApiRequest<'importFolder'>) => importFrom(r.jobId, r.path),
    importSample: (r: ApiRequest<'importSample'>) => {
      if (!sampleStudy) return Promise.reject(new Error('the sample study is not installed'));
      return importFrom(r.jobId, sampleStudy);
    },
    importHistory: () => Promise.resolve(store.importHistory().map(toImportResult)),
    importReport: (r) => {
      const summary = store.importHistory().find((i) => i.importId === r.importId);
      if (!summary) return Promise.reject(new Error(`no import ${r.importId}`));
      return Promise.resolve(toImportReport(summary, store.skippedFiles(r.importId), store.conflicts(r.importId)));
    },
    listPatients: () => Promise.resolve(store.listPatients().map(toPatientInfo)),
    listStudies: (r) => Promise.resolve(store.listStudies(r.patientId).map(toStudyInfo)),
    listSeries: (r) => Promise.resolve(store.listSeries(r.studyUid).map(toSeriesInfo)),
    loadVolume: (r) => job(r.jobId, (signal, onProgress) => sessions.loadVolume(r.seriesUid, signal, onProgress)),
    listModels: (): Promise<ModelList> => {
      const catalogue = listModels(modelRoots);
      const classical = { ...CT_CLASSICAL_INFO, structures: [...CT_CLASSICAL_INFO.structures], site: false };
      return Promise.resolve({
        models: [classical, ...catalogue.models.map(({ manifest: m, builtIn }) => ({
          id: m.id,
          title: m.title,
          version: m.version,
          modality: m.modality,
          structures: m.structures.map((s) => s.name),
          licence: m.licence.spdx,
          citation: m.citation,
          site: !builtIn,
          weightsSha256: m.weights.sha256,
        }))],
        problems: catalogue.problems.map((p) => ({ folder: p.folder, message: p.message })),
      });
    },
    runSegmentation: (r) => job(r.jobId, (signal, onProgress) => sessions.segment(r.seriesUid, r.modelIds, r.testTimeAugmentation === true, signal, onProgress)),
    listStructureSets: (r) => Promise.resolve(sessions.structureSetsFor(r.seriesUid)),
    loadStructureSet: (r) => job(r.jobId, (signal, onProgress) => sessions.loadStructureSet(r.seriesUid, r.path, signal, onProgress)),
    getSettings: () => Promise.resolve(workspaces.settings()),
    saveSettings: (r) => now(() => {
      const settings = checkSettings(r.settings);
      const actor = settings.reviewer ? `${settings.reviewer.name} (${settings.reviewer.role})` : 'delineate-app';
      workspaces.saveSettings(settings, { actor, action: 'settings', subject: 'settings', details: { reviewer: settings.reviewer ? { ...settings.reviewer } : null, sequentialReading: settings.sequentialReading } });
      return settings;
    }),
    workspace: (r) => now(() => sessions.workspaceState(r.seriesUid)),
    editStructures: (r) => job(r.jobId, () => now(() => sessions.edit(r.seriesUid, r.edit))),
    undo: (r) => now(() => sessions.undo(r.seriesUid)),
    redo: (r) => now(() => sessions.redo(r.seriesUid)),
    reviewStructure: (r) => now(() => sessions.review(r.seriesUid, r.structureId, r.action, r.comment)),
    recordImageLook: (r) => now(() => sessions.recordImageLook(r.seriesUid)),
    lesionTable: (r) => now(() => lesionRows(sessions, r.seriesUid)),
    exportLesionTable: (r) => now(() => writeLesionCsv(sessions, r.seriesUid, exportFile(r.path, r.overwrite))),
    exportStructureSet: (r) =>
      job(r.jobId, (signal, onProgress) => sessions.exportStructureSet(r.seriesUid, r.structureIds, exportFile(r.path, r.overwrite), r.label ?? 'Delineate', signal, onProgress)),
    cancelJob: (r) => {
      const controller = jobs.get(r.jobId);
      controller?.abort(new DOMException('cancelled', 'AbortError'));
      return Promise.resolve({ cancelled: controller !== undefined });
    },
    chooseFolder: () => Promise.resolve({ path: null }),
    chooseSavePath: () => Promise.resolve({ path: null }),
  };

  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const c of jobs.values()) c.abort(new DOMException('the application is closing', 'AbortError'));
      workspaces.close();
      store.close();
    },
  };
}

/** Run a synchronous call so that a throw becomes a rejected promise (the transports carry it as a failure). */
function now<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Each auto-contouring run goes into the study database's audit log with its full provenance. */
function recordModelRun(storeFile: string, record: SegmentationRunRecord): void {
  const log = openAuditLog(storeFile, { integrityCheck: 'quick' });
  try {
    const subject = record.input.kind === 'dicom-series' ? record.input.seriesInstanceUid : record.input.path;
    log.append({ actor: 'delineate-app', action: 'model-run', subject, details: JSON.parse(JSON.stringify(record)) as JsonValue });
  } finally {
    log.close();
  }
}
