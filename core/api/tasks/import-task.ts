import { scanFolder } from '../../import/scan-folder.js';
import { openStudyStore } from '../../store/index.js';
import type { ImportSummary } from '../../store/study-store.js';
import { seriesGeometryProblems } from '../../import/series-check.js';
import type { JobProgress, SeriesProblemInfo } from '../contract.js';

/** What an import recorded, and the series whose geometry stops them opening. */
export type ImportTaskResult = ImportSummary & { readonly seriesProblems: readonly SeriesProblemInfo[] };

/**
 * Scan a folder and record it in the study database. Runs in a worker with its own connection:
 * the database is in WAL mode, so the backend's reader keeps answering the UI meanwhile and sees
 * the import when its single transaction commits.
 */
export async function importTask(root: string, storeFile: string, signal: AbortSignal, onProgress: (p: JobProgress) => void): Promise<ImportTaskResult> {
  const startedAt = new Date();
  const report = await scanFolder(root, {
    signal,
    onProgress: (p) => onProgress({ task: 'import', phase: 'scanning', filesSeen: p.filesSeen, seriesFound: p.seriesFound }),
  });
  const seriesFound = report.patients.reduce((n, p) => n + p.studies.reduce((m, s) => m + s.series.length, 0), 0);
  // The last point at which cancelling stops the import; recording is one short transaction.
  signal.throwIfAborted();
  onProgress({ task: 'import', phase: 'recording', filesSeen: report.filesSeen, seriesFound });
  // 'quick': the backend's own connection ran the full check when the app opened the store.
  const store = openStudyStore(storeFile, { integrityCheck: 'quick' });
  let summary: ImportSummary;
  try {
    summary = store.recordScan(report, { startedAt, actor: 'delineate-app' });
  } finally {
    store.close();
  }
  const seriesProblems = report.patients.flatMap((p) => p.studies.flatMap((st) => st.series)).flatMap((se) => {
    const problems = seriesGeometryProblems(se);
    return problems.length === 0 ? [] : [{ seriesInstanceUid: se.seriesInstanceUid, modality: se.modality, seriesNumber: se.seriesNumber ?? null, seriesDescription: se.seriesDescription, problems }];
  });
  return { ...summary, seriesProblems };
}
