import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_MIGRATIONS, auditSchemaVersion, canonicalJson, entryHash, GENESIS_HASH, migrateAudit, openAuditLog, verifyAuditChain,
} from '../../core/audit/index.js';
import { openStudyStore, StoreError } from '../../core/store/index.js';
import { tempDir } from '../support/paths.js';

const T0 = new Date('2025-03-04T05:06:07.000Z');

function freshLog(): { path: string; log: ReturnType<typeof openAuditLog> } {
  const path = join(tempDir('audit-'), 'delineate.sqlite');
  return { path, log: openAuditLog(path, { now: () => T0 }) };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
  });

  it('refuses values JSON cannot hold rather than hashing a different one', () => {
    expect(() => canonicalJson({ dose: Number.NaN })).toThrow(/\$\.dose is NaN/);
    expect(() => canonicalJson({ when: new Date() })).toThrow(/not a plain object/);
  });
});

describe('audit log', () => {
  it('chains each entry to the previous one by sha256 of its canonical JSON', () => {
    const { log } = freshLog();
    const a = log.append({ actor: 'delineate-cli', action: 'import', subject: '/data/ct', details: { files: 48 } });
    const b = log.append({ actor: 'Jane Doe (physician)', action: 'state-change', subject: 'structure:s1', details: { to: 'approved', from: 'ai-draft' }, time: new Date('2025-03-04T06:00:00Z') });
    expect(a).toMatchObject({ seq: 1, time: '2025-03-04T05:06:07.000Z', prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, time: '2025-03-04T06:00:00.000Z', prevHash: a.hash });
    // Independent recomputation with node:crypto over the documented canonical form.
    expect(a.hash).toBe(entryHash({ seq: 1, time: a.time, actor: a.actor, action: a.action, subject: a.subject, details: { files: 48 }, prevHash: GENESIS_HASH }));
    expect(log.list()).toEqual([a, b]);
    expect(log.verify()).toMatchObject({ ok: true, entries: 2, head: { seq: 2, hash: b.hash }, firstBroken: undefined, problems: [], missingGuards: [] });
    log.close();
    expect(() => log.list()).toThrow(/has been closed/);
  });

  it('refuses UPDATE and DELETE through SQL, even from the application connection', () => {
    const { path, log } = freshLog();
    log.append({ actor: 'a', action: 'edit', subject: 's' });
    log.close();
    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'b'").run()).toThrow(/append-only: entries cannot be changed/);
    expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only: entries cannot be deleted/);
    expect(verifyAuditChain(raw).ok).toBe(true);
    raw.close();
  });

  it('shares the study database file with the store, in either order of first use', () => {
    const dir = tempDir('audit-store-');
    const path = join(dir, 'delineate.sqlite');
    const store = openStudyStore(path);
    const log = openAuditLog(path);
    log.append({ actor: 'x', action: 'import', subject: 'y' });
    expect(store.totals().imports).toBe(0);
    log.close();
    store.close();
    // Audit first on a new file: the store's own schema is created before the audit tables.
    const other = join(dir, 'second.sqlite');
    openAuditLog(other).close();
    const again = openStudyStore(other);
    expect(again.listPatients()).toEqual([]);
    again.close();
  });

  it('applies its schema once and refuses a file from a newer audit schema untouched', () => {
    const { path, log } = freshLog();
    log.close();
    const raw = new Database(path);
    expect(auditSchemaVersion(raw)).toBe(AUDIT_MIGRATIONS.length);
    expect(migrateAudit(raw, path)).toEqual([]);
    raw.prepare("INSERT INTO audit_schema_migrations VALUES (99, 'from the future', '2099-01-01T00:00:00Z')").run();
    raw.close();
    expect(() => openAuditLog(path)).toThrow(StoreError);
    expect(() => openAuditLog(path)).toThrow(/newer version of Delineate \(audit schema version 99/);
  });

  it('does not reuse the number of a deleted newest entry: the gap stays visible', () => {
    const { path, log } = freshLog();
    for (let n = 0; n < 3; n++) log.append({ actor: 'a', action: 'edit', subject: `s${n}` });
    log.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3');
    raw.close();
    const again = openAuditLog(path);
    expect(again.append({ actor: 'a', action: 'edit', subject: 's3' }).seq).toBe(4);
    const result = again.verify();
    expect(result.firstBroken).toEqual({ seq: 3, problem: 'entry 3 is missing: deleted (the log jumps from entry 2 to entry 4)' });
    expect(result.missingGuards).toEqual(['audit_log_no_delete']);
    again.close();
  });
});
