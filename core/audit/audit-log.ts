import type Database from 'better-sqlite3';
import { openDatabase, type OpenOptions } from '../store/index.js';
import { describeError, StoreError } from '../store/store-error.js';
import { canonicalJson } from './canonical-json.js';
import { entryHash } from './audit-hash.js';
import { allAuditRows, highestIssuedSeq, lastAuditRow, rowToEntry } from './audit-rows.js';
import { migrateAudit } from './audit-schema.js';
import { GENESIS_HASH, type AuditEntry, type AuditInput, type AuditVerification } from './audit-types.js';
import { verifyAuditChain } from './verify-audit-chain.js';

/** The audit log of one study database file. */
export interface AuditLog {
  readonly file: string;
  /** Append one entry in its own transaction; returns it as stored. */
  append(input: AuditInput): AuditEntry;
  /** Every entry, oldest first. */
  list(): AuditEntry[];
  verify(): AuditVerification;
  /** Idempotent; any later call throws. */
  close(): void;
}

export interface AuditLogOptions extends OpenOptions {
  /** The clock for entries without a time; injectable for tests. */
  readonly now?: () => Date;
}

/**
 * Open the audit log inside the study database at `path` (the file openStudyStore uses): the store's
 * own open runs first — integrity check, refusal of a newer file, WAL, store migrations — and then
 * the audit schema steps (see audit-schema.ts). A second connection beside a StudyStore is fine: WAL
 * lets the importer and the audit writer work on one file.
 */
export function openAuditLog(path: string, options: AuditLogOptions = {}): AuditLog {
  const db = openDatabase(path, options);
  const file = db.name;
  try {
    migrateAudit(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  let open = true;
  const whileOpen = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    if (!open) throw new StoreError(file, 'the audit log has been closed');
    return fn(...args);
  };
  return {
    file,
    append: whileOpen((input: AuditInput) => appendAuditEntry(db, input, now)),
    list: whileOpen(() => listAuditEntries(db)),
    verify: whileOpen(() => verifyAuditChain(db)),
    close: () => {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

/**
 * Append one entry. IMMEDIATE takes the write lock before the head is read, so two writers (the app
 * and the CLI) can never both link to the same previous entry.
 *
 * The new seq follows the highest seq ever issued, not the last row present: if the newest entries
 * were deleted behind the triggers' back, the gap stays visible instead of being papered over by a
 * fresh entry that reuses the deleted number.
 */
export function appendAuditEntry(db: Database.Database, input: AuditInput, now: () => Date = () => new Date()): AuditEntry {
  if (input.actor.trim() === '') throw new TypeError('an audit entry needs an actor');
  if (input.subject.trim() === '') throw new TypeError('an audit entry needs a subject');
  const details = input.details ?? {};
  // Canonical text is what is stored, so the stored bytes are exactly the bytes that were hashed.
  const detailsText = canonicalJson(details);
  const time = (input.time ?? now()).toISOString();
  const insert = db.prepare('INSERT INTO audit_log (seq, time, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const append = db.transaction((): AuditEntry => {
    const head = lastAuditRow(db);
    const seq = Math.max(head?.seq ?? 0, highestIssuedSeq(db)) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const fields = { seq, time, actor: input.actor, action: input.action, subject: input.subject, details, prevHash };
    const hash = entryHash(fields);
    insert.run(seq, time, input.actor, input.action, input.subject, detailsText, prevHash, hash);
    return { ...fields, hash };
  });
  try {
    return append.immediate();
  } catch (error) {
    throw new StoreError(db.name, `the audit entry (${input.action} ${input.subject}) could not be written: ${describeError(error)}`, { cause: error });
  }
}

export function listAuditEntries(db: Database.Database): AuditEntry[] {
  return allAuditRows(db).map(rowToEntry);
}
