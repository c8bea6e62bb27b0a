import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/store/open-database.js';
import { APPLICATION_ID } from '../../core/store/migrations.js';
import { LATEST_SCHEMA_VERSION, openStudyStore, StoreError } from '../../core/store/index.js';
import { tempDir } from '../support/paths.js';
import { planningCtScan } from './scan-fixture.js';

function raw(file: string): Database.Database {
  return new Database(file, { fileMustExist: true });
}

/** The StoreError openStudyStore throws for `file`, failing the test if it opens instead. */
function refusal(file: string, options?: Parameters<typeof openStudyStore>[1]): StoreError {
  try {
    openStudyStore(file, options).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`${file} opened but should have been refused`);
}

describe('openStudyStore', () => {
  it('creates the folders and an up-to-date schema in an empty location', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'delineate.sqlite');
    const store = openStudyStore(file);
    expect(store.file).toBe(file);
    expect(store.totals()).toEqual({ patients: 0, studies: 0, series: 0, instances: 0, imports: 0 });
    store.close();

    const db = raw(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    // The audit log lives in the same file (its own migration track): each import is logged with it.
    expect(tables.filter((t) => !t.startsWith('audit_') && t !== 'sqlite_sequence')).toEqual(['conflicts', 'imports', 'instances', 'patients', 'schema_migrations', 'series', 'skipped_files', 'studies']);
    expect(tables).toContain('audit_log');
    db.close();
  });

  it('runs in WAL mode with foreign keys on and synchronous NORMAL', () => {
    const file = join(tempDir(), 'delineate.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // 1 = NORMAL
    // Foreign keys really are enforced, not just reported.
    expect(() => db.prepare("INSERT INTO skipped_files (import_id, path, reason) VALUES (999, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
    db.close();

    // WAL is persistent: a fresh connection (another process) sees it too.
    const other = raw(file);
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it('keeps data across reopen and applies no migration twice', () => {
    const file = join(tempDir(), 'delineate.sqlite');
    const first = openStudyStore(file);
    first.recordScan(planningCtScan());
    first.close();
    const second = openStudyStore(file);
    expect(second.totals().instances).toBe(6);
    second.close();

    const db = raw(file);
    expect(db.prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file of garbage bytes, naming it, and leaves it untouched', () => {
    const file = join(tempDir(), 'delineate.sqlite');
    const garbage = Buffer.from('This is a DICOMDIR, not a database.\n'.repeat(200));
    writeFileSync(file, garbage);

    const error = refusal(file);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it.each(['auto', 'full', 'quick'] as const)('refuses a database with a corrupted page (%s check)', (integrityCheck) => {
    const file = join(tempDir(), 'delineate.sqlite');
    const store = openStudyStore(file);
    store.recordScan(planningCtScan({ slices: 400 }));
    store.close(); // checkpoints the WAL, so every page is in the main file

    const db = raw(file);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const rootPage = db.prepare<[], number>("SELECT rootpage FROM sqlite_schema WHERE name = 'instances'").pluck().get() ?? 0;
    db.close();
    expect(rootPage).toBeGreaterThan(1);
    const bytes = readFileSync(file);
    // 0xFF is no valid b-tree page type (the file format, sqlite.org/fileformat.html §1.6, allows 2, 5, 10 and 13).
    bytes.fill(0xff, (rootPage - 1) * pageSize, rootPage * pageSize);
    writeFileSync(file, bytes);

    const error = refusal(file, { integrityCheck });
    expect(error.message).toContain(file);
    // 'auto' picks the full check for a file this small (below FULL_CHECK_MAX_BYTES).
    const pragma = integrityCheck === 'quick' ? 'quick_check' : 'integrity_check';
    expect(error.message).toContain(`: it is damaged (${pragma}): Tree ${rootPage} page ${rootPage}: btreeInitPage() returns error code 11; `);
  });

  it('refuses a database from a newer Delineate without modifying it', () => {
    const file = join(tempDir(), 'delineate.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);

    const error = refusal(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`newer version of Delineate (schema version ${LATEST_SCHEMA_VERSION + 1}; this version understands up to ${LATEST_SCHEMA_VERSION})`);
    // Not even journal_mode was switched to WAL: the bytes are as the newer app left them.
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("refuses another application's SQLite database", () => {
    const file = join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE bookmarks (url TEXT)');
    db.close();

    expect(refusal(file).message).toMatch(/tables but no Delineate schema version/);
  });
});
