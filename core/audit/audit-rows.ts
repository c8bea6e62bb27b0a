import type Database from 'better-sqlite3';
import type { JsonValue } from './canonical-json.js';
import type { AuditEntry } from './audit-types.js';

/** A row as stored: details is the canonical JSON text the hash was computed over. */
export interface AuditRow {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
}

const COLUMNS = 'seq, time, actor, action, subject, details, prev_hash AS prevHash, hash';

export function hasAuditTable(db: Database.Database): boolean {
  return db.prepare<[], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").pluck().get() === 1;
}

/** Every row in seq order; [] when the file has no audit table. */
export function allAuditRows(db: Database.Database): AuditRow[] {
  if (!hasAuditTable(db)) return [];
  return db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`).all();
}

export function lastAuditRow(db: Database.Database): AuditRow | undefined {
  return db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`).get();
}

/** The highest seq SQLite's AUTOINCREMENT has ever issued for the table (0 if none). */
export function highestIssuedSeq(db: Database.Database): number {
  const hasSequence = db.prepare<[], number>("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'").pluck().get() === 1;
  if (!hasSequence) return 0;
  return db.prepare<[], number | null>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() ?? 0;
}

/** A row as an entry; details that do not parse are kept as the raw text so a list still shows them. */
export function rowToEntry(row: AuditRow): AuditEntry {
  let details: JsonValue;
  try {
    details = JSON.parse(row.details) as JsonValue;
  } catch {
    details = row.details;
  }
  return { ...row, details };
}
