import type Database from 'better-sqlite3';
import { describeError, StoreError } from './store-error.js';

/**
 * Schema steps of one module that keeps its tables in the study database (the audit log, the
 * editing workspace). Each module versions its steps in its own table rather than appending to
 * core/store's MIGRATIONS: that list's numbers are PRAGMA user_version, owned by the store, and two
 * owners appending to one numbered list would collide. A released step is never edited (a fix is a
 * new step) and a file from a newer version is refused untouched.
 */
export interface ModuleMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface ModuleSchema {
  /** For messages: "audit log", "editing workspace". */
  readonly label: string;
  /** Short name before "schema version": "audit", "workspace". */
  readonly key: string;
  /** Table recording the applied steps, e.g. audit_schema_migrations. */
  readonly table: string;
  readonly migrations: readonly ModuleMigration[];
}

/** The module's schema version in the file: 0 when its tables were never created. */
export function moduleSchemaVersion(db: Database.Database, table: string): number {
  const exists = db.prepare<[string], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table);
  if (!exists) return 0;
  return db.prepare<[], number | null>(`SELECT max(version) FROM "${table}"`).pluck().get() ?? 0;
}

/**
 * Bring the module's schema up to date. Each step runs in its own IMMEDIATE transaction that
 * re-reads the version first, so two processes opening the same file apply each step once.
 * Returns the versions applied by this call.
 */
export function migrateModule(db: Database.Database, file: string, schema: ModuleSchema, now: () => Date = () => new Date()): number[] {
  const { label, key, table, migrations } = schema;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${label} migration list out of order: position ${i} has version ${m.version}`);
  });
  const latest = migrations.length;
  const found = moduleSchemaVersion(db, table);
  if (found > latest) {
    throw new StoreError(
      file,
      `its ${label} was written by a newer version of Delineate (${key} schema version ${found}; this version understands up to ${latest}). ` +
        'Update Delineate to open it; it has not been modified.',
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    const step = db.transaction(() => {
      if (moduleSchemaVersion(db, table) >= migration.version) return;
      db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT`);
      db.exec(migration.sql);
      db.prepare(`INSERT INTO "${table}" (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, now().toISOString());
      applied.push(migration.version);
    });
    try {
      step.immediate();
    } catch (error) {
      throw new StoreError(file, `${key} schema migration ${migration.version} (${migration.name}) failed and was rolled back: ${describeError(error)}`, { cause: error });
    }
  }
  return applied;
}
