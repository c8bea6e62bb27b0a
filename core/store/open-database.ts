import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { assertOpenable, migrate } from './migrations.js';
import { describeError, StoreError } from './store-error.js';

/**
 * Up to this size the full `PRAGMA integrity_check` runs on every open; above it, `quick_check`.
 *
 * integrity_check also verifies that every index agrees with its table and that UNIQUE holds — what
 * idempotent re-import leans on — so we want it whenever it is affordable. It is O(N log N) and reads
 * every index; quick_check is O(N) and still catches malformed pages, records and freelists
 * (https://www.sqlite.org/pragma.html#pragma_quick_check). Measured once on the project's 2-core
 * dev machine (SQLite 3.53.2, warm page cache): 200,000 instances = 92 MiB, integrity_check 0.41 s,
 * quick_check 0.14 s. 64 MiB (~140,000 instances, a large department's archive) keeps the full
 * check near 0.3 s at start-up; only unusually large stores drop to the quicker one.
 */
export const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

export type IntegrityCheck = 'auto' | 'full' | 'quick';

export interface OpenOptions {
  /** Which SQLite check runs on open; 'auto' picks by file size (see FULL_CHECK_MAX_BYTES). */
  readonly integrityCheck?: IntegrityCheck;
}

/** Open (creating if needed), validate, configure and migrate the database file. */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new StoreError(file, `its folder could not be created: ${describeError(error)}`, { cause: error });
  }

  let db: Database.Database;
  try {
    // 5 s busy timeout: another Delineate process (CLI beside the app) may hold the write lock.
    db = new Database(file, { timeout: 5000 });
  } catch (error) {
    throw new StoreError(file, `could not be opened: ${describeError(error)}`, { cause: error });
  }

  try {
    checkIntegrity(db, file, options.integrityCheck ?? 'auto');
    // Before any write (journal_mode included): a newer or foreign database is left byte-for-byte alone.
    assertOpenable(db, file);
    configure(db, file);
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(file, describeError(error), { cause: error });
  }
}

function checkIntegrity(db: Database.Database, file: string, mode: IntegrityCheck): void {
  const full = mode === 'full' || (mode === 'auto' && fileSize(file) <= FULL_CHECK_MAX_BYTES);
  const pragma = full ? 'integrity_check' : 'quick_check';
  let problems: string[];
  try {
    // At most 10 messages: enough to diagnose, short enough for a dialog.
    problems = db.prepare<[], string>(`PRAGMA ${pragma}(10)`).pluck().all();
  } catch (error) {
    // Garbage bytes fail here with SQLITE_NOTADB ("file is not a database"), badly broken pages with SQLITE_CORRUPT.
    const code = (error as { code?: unknown }).code;
    const what = code === 'SQLITE_NOTADB' ? 'it is not a SQLite database (or it is encrypted)' : `it failed the ${pragma}`;
    throw new StoreError(file, `${what}: ${describeError(error)}`, { cause: error });
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    // SQLite packs several findings into one row under a "*** in database main ***" banner.
    const findings = problems.flatMap((p) => p.split('\n')).filter((line) => line !== '' && !line.startsWith('***'));
    const shown = findings.slice(0, 3).join('; ') + (findings.length > 3 ? ` (and ${findings.length - 3} more)` : '');
    throw new StoreError(file, `it is damaged (${pragma}): ${shown}. Restore it from a backup, or move it aside to start an empty one.`);
  }
}

function configure(db: Database.Database, file: string): void {
  // WAL: readers (the UI) never block the importer's writer, and a killed process leaves the last
  // committed transaction intact. Needs shared memory, so it is refused on some network filesystems.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new StoreError(file, `write-ahead logging could not be enabled (journal_mode is ${String(mode)}); is it on a network drive?`);
  }
  // NORMAL in WAL mode: durable against an application crash, and consistent (but maybe missing the
  // last commits) after power loss — https://www.sqlite.org/pragma.html#pragma_synchronous.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
