import { createScanRecorder } from './record-scan.js';
import { openDatabase, type OpenOptions } from './open-database.js';
import { createReadQueries } from './queries.js';
import { StoreError } from './store-error.js';
import type { StudyStore } from './study-store.js';

/**
 * Open the study database at `path` (created, with its folders, if missing): checked for integrity,
 * refused if it comes from a newer Delineate, migrated to the current schema, in WAL mode.
 * Throws StoreError naming the file when any of that fails.
 */
export function openStudyStore(path: string, options: OpenOptions = {}): StudyStore {
  const db = openDatabase(path, options);
  const file = db.name;
  const recordScan = createScanRecorder(db);
  const reads = createReadQueries(db);
  let open = true;

  /** better-sqlite3's own "connection is not open" TypeError does not say which store; this does. */
  const whileOpen = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    if (!open) throw new StoreError(file, 'the store has been closed');
    return fn(...args);
  };

  return {
    file,
    recordScan: whileOpen(recordScan),
    listPatients: whileOpen(reads.listPatients),
    listStudies: whileOpen(reads.listStudies),
    listSeries: whileOpen(reads.listSeries),
    seriesInstances: whileOpen(reads.seriesInstances),
    importHistory: whileOpen(reads.importHistory),
    skippedFiles: whileOpen(reads.skippedFiles),
    conflicts: whileOpen(reads.conflicts),
    totals: whileOpen(reads.totals),
    close: () => {
      if (!open) return;
      open = false;
      // SQLite recommends PRAGMA optimize just before closing a long-lived connection; closing the
      // last connection also checkpoints the WAL into the main file and removes the -wal file.
      try {
        db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
}
