import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ModelRootOptions } from '../segmentation/model-registry.js';
import { listModels } from '../segmentation/model-registry.js';
import { openAuditLog } from '../audit/index.js';
import type { JsonValue } from '../audit/index.js';
import type { SegmentationRunRecord } from '../segmentation/run-record.js';
import { defaultDataDir, openStudyStore, STORE_FILE_NAME } from '../store/index.js';
import type { StudyStore } from '../store/study-store.js';
import type { Api, ApiEvent, ApiRequest, ApiResponse, AppInfo, JobProgress, ModelList } from './contract.js';
import { packageRoot, packageVersion, repositorySampleStudy } from './package-root.js';
import { SeriesSessions } from './series-sessions.js';
import { toImportReport, toImportResult, toPatientInfo, toSeriesInfo, toStudyInfo } from './store-mapping.js';
import { runTask } from './tasks/run-task.js';

export interface BackendOptions {
  readonly shell: 'electron' | 'web';
  /** Folder of the study database; default the per-user folder (see core/store/data-dir.ts). */
  readonly dataDir?: string;
  /** The bundled sample study; default the repository's mirp-sts fixture when present; null for none. */
  readonly sampleStudyDir?: string | null;
  /** The installation's model folder (packaged: resources/native-models); null leaves it out. */
  readonly builtInModelRoot?: string | null;
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
  const modelRoots: ModelRootOptions = {
    ...(options.builtInModelRoot !== undefined ? { builtInRoot: options.builtInModelRoot } : {}),
    extraRoots: options.extraModelRoots ?? [],
  };
  const sessions = new SeriesSessions(store, options.seriesCacheSize ?? 2, {
    ...(options.builtInModelRoot !== undefined ? { builtInModelRoot: options.builtInModelRoot } : {}),
    extraModelRoots: options.extraModelRoots ?? [],
    onRun: (record) => recordModelRun(storeFile, record),
  });

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
    job(jobId, async (signal, onProgress) => toImportResult(await runTask({ kind: 'import', root, storeFile }, { signal, onProgress })));

  const api: Api = {
    appInfo: (): Promise<AppInfo> => {
      const defaultExportDir = join(homedir(), 'Delineate exports');
      return Promise.resolve({
        version: packageVersion(packageRoot()),
        shell: options.shell,
        sampleStudy: sampleStudy ? { path: sampleStudy, description: SAMPLE_DESCRIPTION } : null,
        firstRun: store.totals().patients === 0,
        dataDir,
        defaultExportDir,
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
      return Promise.resolve({
        models: catalogue.models.map(({ manifest: m }) => ({
          id: m.id,
          title: m.title,
          version: m.version,
          modality: m.modality,
          structures: m.structures.map((s) => s.name),
          licence: m.licence.spdx,
          citation: m.citation,
        })),
        problems: catalogue.problems.map((p) => ({ folder: p.folder, message: p.message })),
      });
    },
    runSegmentation: (r) => job(r.jobId, (signal, onProgress) => sessions.segment(r.seriesUid, r.modelIds, signal, onProgress)),
    listStructureSets: (r) => Promise.resolve(sessions.structureSetsFor(r.seriesUid)),
    loadStructureSet: (r) => job(r.jobId, (signal, onProgress) => sessions.loadStructureSet(r.seriesUid, r.path, signal, onProgress)),
    removeStructure: (r) => Promise.resolve({ removed: sessions.removeStructure(r.seriesUid, r.structureId) }),
    exportStructureSet: (r) =>
      job(r.jobId, (signal, onProgress) => sessions.exportStructureSet(r.seriesUid, r.structureIds, r.path, r.label ?? 'Delineate', signal, onProgress)),
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
      store.close();
    },
  };
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
