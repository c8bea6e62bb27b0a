import type Database from 'better-sqlite3';
import { migrateModule, moduleSchemaVersion, type ModuleMigration } from '../store/module-migrations.js';

/**
 * The audit log's own schema steps, applied to the study database file after the store's own
 * migrations. They are versioned in their own table (audit_schema_migrations) rather than appended
 * to core/store's MIGRATIONS: that list's numbers are PRAGMA user_version, owned and released by the
 * store, and two owners appending to one numbered list would collide. Like the store's steps, a
 * released step is never edited — a fix is a new step — and a newer file is refused untouched.
 */
export type AuditMigration = ModuleMigration;

export const AUDIT_TABLE = 'audit_log';
export const AUDIT_GUARDS = ['audit_log_no_update', 'audit_log_no_delete'] as const;

export const AUDIT_MIGRATIONS: readonly AuditMigration[] = [
  {
    version: 1,
    name: 'append-only audit log with hash chain',
    // AUTOINCREMENT (not a plain rowid): sqlite_sequence then remembers the highest seq ever issued,
    // so deleting the newest entries leaves a trace verifyAuditChain can see.
    //
    // Deliberately no UNIQUE or CHECK constraints: PRAGMA integrity_check verifies those on open,
    // so an edited value would make the whole database refuse to open ("damaged") instead of letting
    // verifyAuditChain name the entry that was changed. The hash chain is the integrity check here.
    sql: `
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  time      TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
-- Even the application cannot rewrite history through SQL: only INSERT is possible. Someone with
-- the file can still drop these or edit bytes; the hash chain is what detects that.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END;
`,
  },
];

export const LATEST_AUDIT_SCHEMA_VERSION = AUDIT_MIGRATIONS.length;

/** The audit schema version in the file: 0 when the audit tables were never created. */
export function auditSchemaVersion(db: Database.Database): number {
  return moduleSchemaVersion(db, 'audit_schema_migrations');
}

/** Bring the audit schema up to date (see core/store/module-migrations.ts); returns the versions applied. */
export function migrateAudit(db: Database.Database, file: string, migrations: readonly AuditMigration[] = AUDIT_MIGRATIONS, now: () => Date = () => new Date()): number[] {
  return migrateModule(db, file, { label: 'audit log', key: 'audit', table: 'audit_schema_migrations', migrations }, now);
}
