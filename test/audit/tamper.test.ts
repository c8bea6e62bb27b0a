import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../cli/commands/audit.js';
import { CliError } from '../../cli/command.js';
import { canonicalJson, openAuditLog, type AuditEntry } from '../../core/audit/index.js';
import { STORE_FILE_NAME } from '../../core/store/index.js';
import { tempDir } from '../support/paths.js';

/** `delineate audit ARGS` as cli/main.ts runs a command: a CliError becomes one line and its exit code. */
async function audit(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await command.run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    err.push(`delineate audit: ${error.message}`);
    code = error.exitCode;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A data folder holding a three-entry log; the database is closed, so its WAL is checkpointed into the file. */
function writeLog(): { dir: string; entries: AuditEntry[] } {
  const dir = tempDir('audit-tamper-');
  const log = openAuditLog(join(dir, STORE_FILE_NAME));
  const entries = [
    log.append({ actor: 'delineate-cli', action: 'model-run', subject: 'series:2.25.7', details: { model: 'brainchop-brain-mask', version: '1.0.0' }, time: new Date('2025-03-04T05:06:07.000Z') }),
    log.append({ actor: 'Jane Doe (physician)', action: 'state-change', subject: 'structure:parotid-l', details: { from: 'ai-draft', to: 'approved', revision: 1 }, time: new Date('2025-03-04T06:07:08.000Z') }),
    log.append({ actor: 'John Roe (dosimetrist)', action: 'export', subject: 'rtstruct:2.25.9', details: { rois: [1, 2] }, time: new Date('2025-03-04T07:08:09.000Z') }),
  ];
  log.close();
  return { dir, entries };
}

/**
 * The bytes of an entry's record body as SQLite stores them: the column values back to back in
 * declaration order (seq is the rowid, kept in the cell header, not in the body).
 */
function bodyFields(e: AuditEntry): Buffer[] {
  return [e.time, e.actor, e.action, e.subject, canonicalJson(e.details), e.prevHash, e.hash].map((v) => Buffer.from(v, 'utf8'));
}

describe('delineate audit verify', () => {
  let template: { dir: string; entries: AuditEntry[]; bytes: Buffer };
  beforeAll(() => {
    const written = writeLog();
    template = { ...written, bytes: readFileSync(join(written.dir, STORE_FILE_NAME)) };
  });

  it('reports an intact chain with its length', async () => {
    const r = await audit('verify', '--data', template.dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^audit chain intact: 3 entries \(head: entry 3, [0-9a-f]{64}\)$/);
  });

  it('lists the entries, as text and as JSON', async () => {
    const text = await audit('list', '--data', template.dir);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toHaveLength(4);
    expect(text.out).toContain('2\t2025-03-04T06:07:08.000Z\tJane Doe (physician)\tstate-change\tstructure:parotid-l');
    const json = await audit('list', '--data', template.dir, '--json');
    expect(JSON.parse(json.out)).toEqual(template.entries);
  });

  it('refuses a folder with no database instead of creating one and calling it intact', async () => {
    const r = await audit('verify', '--data', join(tempDir(), 'nothing-here'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no study database at .*nothing-here/);
  });

  for (const seq of [1, 2, 3]) {
    it(`names entry ${seq} when any byte of its stored values is changed in the file itself`, async () => {
      const entry = template.entries[seq - 1]!;
      const body = Buffer.concat(bodyFields(entry));
      const at = template.bytes.indexOf(body);
      expect(at, 'the record body is stored contiguously in the file').toBeGreaterThan(0);
      expect(template.bytes.indexOf(body, at + 1)).toBe(-1);
      const dir = tempDir('audit-byte-');
      const file = join(dir, STORE_FILE_NAME);
      let checked = 0;
      for (let offset = 0; offset < body.length; offset++) {
        const bytes = Buffer.from(template.bytes);
        // Flipping the lowest bit keeps ASCII ASCII, so SQLite still reads a well-formed record:
        // only the hash chain can tell the value changed.
        bytes[at + offset] = bytes[at + offset]! ^ 0x01;
        writeFileSync(file, bytes);
        const r = await audit('verify', '--data', dir);
        expect(r.code, `byte ${offset} of entry ${seq}`).toBe(1);
        expect(r.err, `byte ${offset} of entry ${seq}`).toMatch(new RegExp(`^audit chain broken at entry ${seq}: entry ${seq} `));
        checked++;
      }
      expect(checked).toBe(body.length);
    });
  }

  it('names the entry whose values were rewritten after the triggers were dropped', async () => {
    const columns: [string, string][] = [
      ['seq', '7'], ['time', "'2025-03-04T06:07:09.000Z'"], ['actor', "'Someone Else (physician)'"], ['action', "'edit'"],
      ['subject', "'structure:parotid-r'"], ['details', `'{"from":"ai-draft","revision":1,"to":"rejected"}'`],
      ['prev_hash', `'${'1'.repeat(64)}'`], ['hash', `'${'2'.repeat(64)}'`],
    ];
    for (const [column, value] of columns) {
      const { dir } = writeLog();
      const raw = new Database(join(dir, STORE_FILE_NAME));
      raw.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET ${column} = ${value} WHERE seq = 2;`);
      // Put the guard back as it was, so only the hash chain can tell.
      raw.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END;`);
      raw.close();
      const r = await audit('verify', '--data', dir);
      expect(r.code, column).toBe(1);
      expect(r.err, column).toMatch(/^audit chain broken at entry 2: /);
    }
  });

  it('detects a deleted entry at the start, in the middle and at the end', async () => {
    const cases: [number, RegExp][] = [
      [1, /^audit chain broken at entry 1: entry 1 is missing: deleted \(the log jumps from entry 0 to entry 2\)/],
      [2, /^audit chain broken at entry 2: entry 2 is missing: deleted \(the log jumps from entry 1 to entry 3\)/],
      [3, /^audit chain broken at entry 3: entry 3 is missing: deleted \(the log ends at entry 2 but entry 3 was issued\)/],
    ];
    for (const [seq, message] of cases) {
      const { dir } = writeLog();
      const raw = new Database(join(dir, STORE_FILE_NAME));
      raw.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = ${seq};`);
      raw.close();
      const r = await audit('verify', '--data', dir);
      expect(r.code, `entry ${seq}`).toBe(1);
      expect(r.err, `entry ${seq}`).toMatch(message);
      expect(r.err).toContain('trigger(s) audit_log_no_delete removed');
    }
  });
});
