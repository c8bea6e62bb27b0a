import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, MIGRATIONS, type Migration, schemaVersion } from '../../core/store/migrations.js';
import { StoreError } from '../../core/store/store-error.js';
import { tempDir } from '../support/paths.js';

function emptyDb(): Database.Database {
  return new Database(join(tempDir(), 'm.sqlite'));
}

const tableNames = (db: Database.Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrate', () => {
  it('brings an empty database to the latest version, logging each step once', () => {
    const db = emptyDb();
    const at = new Date('2025-01-02T03:04:05Z');
    expect(migrate(db, 'm.sqlite', MIGRATIONS, () => at)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, appliedAt: '2025-01-02T03:04:05.000Z' })),
    );

    expect(migrate(db, 'm.sqlite')).toEqual([]);
    expect(db.prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    db.close();
  });

  it('rolls a failing step back entirely and applies it once fixed', () => {
    const db = emptyDb();
    const broken: Migration = {
      version: 2,
      name: 'add notes',
      up: (d) => {
        d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, 'm.sqlite', [...MIGRATIONS.slice(0, 1), broken])).toThrow(StoreError);
    expect(() => migrate(db, 'm.sqlite', [...MIGRATIONS.slice(0, 1), broken])).toThrow(/migration 2 \(add notes\) failed and was rolled back: disk on fire/);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('notes');

    const fixed: Migration = { ...broken, up: (d) => d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY)') };
    expect(migrate(db, 'm.sqlite', [...MIGRATIONS.slice(0, 1), fixed])).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    expect(tableNames(db)).toContain('notes');
    db.close();
  });

  it('rejects a migration list with gaps or out of order', () => {
    const db = emptyDb();
    const skip: Migration = { version: 3, name: 'gap', up: () => undefined };
    expect(() => migrate(db, 'm.sqlite', [...MIGRATIONS.slice(0, 1), skip])).toThrow(/out of order/);
    db.close();
  });
});
