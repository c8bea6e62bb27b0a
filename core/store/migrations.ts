import type Database from 'better-sqlite3';
import { SCHEMA_V1 } from './schema-v1.js';
import { describeError, StoreError } from './store-error.js';

/**
 * One schema step. Versions are 1, 2, 3… in order; a step is never edited once released — a fix is
 * a new step — because databases in the field have already run the old one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/**
 * 'DLNT' in the SQLite header's application_id field (https://www.sqlite.org/fileformat.html#application_id),
 * so `file` and the store itself can tell a Delineate database from any other SQLite file.
 */
export const APPLICATION_ID = 0x444c4e54;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'patients, studies, series, instances, imports, skipped files, conflicts',
    up: (db) => {
      db.exec(SCHEMA_V1);
      // The migration log is for people reading the file; PRAGMA user_version is the authority
      // because it sits in the file header and can be read before trusting any table.
      db.exec(`CREATE TABLE schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
];

export const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuse a file this build must not touch, before anything is written to it: one from a newer app
 * (migrating "down" would drop what the newer version relies on), or an SQLite file that is not ours.
 */
export function assertOpenable(db: Database.Database, file: string, latest = LATEST_SCHEMA_VERSION): void {
  const version = schemaVersion(db);
  if (version > latest) {
    throw new StoreError(
      file,
      `it was written by a newer version of Delineate (schema version ${version}; this version understands up to ${latest}). ` +
        'Update Delineate to open it; it has not been modified.',
    );
  }
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw new StoreError(file, `it is an SQLite database of another application (application_id ${applicationId}); refusing to change it.`);
  }
  if (version === 0) {
    const objects = db.prepare<[], number>('SELECT count(*) FROM sqlite_schema').pluck().get() ?? 0;
    if (objects > 0) {
      throw new StoreError(file, 'it is an SQLite database with tables but no Delineate schema version; refusing to change it.');
    }
  }
}

/**
 * Bring the schema up to the last migration. Each step runs in its own IMMEDIATE transaction that
 * re-reads user_version first, so two processes opening the same new file at once apply each step
 * exactly once (the second waits on the write lock, then sees the step done). Returns the versions
 * this call applied.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS, now: () => Date = () => new Date()): number[] {
  const latest = latestVersion(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    const step = db.transaction(() => {
      const current = schemaVersion(db);
      if (current > latest) throw new StoreError(file, `schema version ${current} is newer than this version of Delineate understands (${latest}).`);
      if (current >= migration.version) return;
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now().toISOString());
      // user_version lives in the header page, so it commits or rolls back with the step.
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    });
    try {
      step.immediate();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(file, `schema migration ${migration.version} (${migration.name}) failed and was rolled back: ${describeError(error)}`, { cause: error });
    }
  }
  return applied;
}

function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: position ${i} has version ${m.version}`);
  });
  return migrations.length;
}
