import type Database from 'better-sqlite3';
import { appendAuditEntry, type AuditInput } from '../audit/index.js';
import { migrateAudit } from '../audit/audit-schema.js';
import type { Settings } from '../api/contract.js';
import type { StructureReview } from '../review/review-types.js';
import { migrateModule } from '../store/module-migrations.js';
import { openDatabase } from '../store/open-database.js';
import type { StoredMask } from './mask-codec.js';
import { parseContent, type StructureContent } from './structure-content.js';
import { WORKSPACE_SCHEMA } from './workspace-schema.js';

export const DEFAULT_SETTINGS: Settings = { reviewer: null, sequentialReading: true };

/** One structure as saved at some step: content, and the mask unless the step deleted it. */
export interface SavedSnapshot {
  readonly content: StructureContent;
  /** Null: deleted at this step. */
  readonly mask: StoredMask | null;
}

/** One undoable step. */
export interface SavedStep {
  readonly label: string;
  readonly actor: string;
}

export interface SavedSeries {
  readonly cursor: number;
  /** Labels of the steps 1..n saved for the series (n ≥ cursor: the rest is the redo stack). */
  /** Every step in order: what it did and who did it (auditActor). */
  readonly steps: readonly SavedStep[];
  /** Live structures at the cursor, in the order they first appeared. */
  readonly structures: readonly SavedSnapshot[];
  readonly reviews: ReadonlyMap<string, StructureReview>;
}

interface SnapshotRow {
  readonly structure_id: string;
  readonly content: string;
  readonly mask: Buffer | null;
}

function toSnapshot(row: SnapshotRow): SavedSnapshot {
  if (row.mask === null) return { content: parseContent(row.content), mask: null };
  const stored = JSON.parse(row.content) as StructureContent & { box: StoredMask['box'] };
  const { box, ...content } = stored;
  return { content: parseContent(JSON.stringify(content)), mask: { box, bytes: row.mask } };
}

/**
 * The editing workspace's tables, on one connection to the study database. Every change is one
 * transaction that also appends its audit-log entry, so the saved edits and the audit log never
 * disagree, and a crash leaves either the whole edit or none of it.
 */
export class WorkspaceDb {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openDatabase(file, { integrityCheck: 'quick' });
    try {
      migrateAudit(this.db, file);
      migrateModule(this.db, file, WORKSPACE_SCHEMA);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  settings(): Settings {
    const row = this.db.prepare<[], string>("SELECT value FROM settings WHERE key = 'settings'").pluck().get();
    return row === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, ...(JSON.parse(row) as Partial<Settings>) };
  }

  saveSettings(settings: Settings, audit: AuditInput): void {
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO settings (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(settings));
      appendAuditEntry(this.db, audit);
    }).immediate();
  }

  private cursor(seriesUid: string): number {
    return this.db.prepare<[string], number>('SELECT seq FROM ws_cursor WHERE series_uid = ?').pluck().get(seriesUid) ?? 0;
  }

  /** Everything saved for a series, at its cursor. */
  load(seriesUid: string): SavedSeries {
    const cursor = this.cursor(seriesUid);
    const steps = this.db.prepare<[string], SavedStep>('SELECT label, actor FROM ws_edits WHERE series_uid = ? ORDER BY seq').all(seriesUid);
    // Per structure, its snapshot at the highest step ≤ cursor; ordered by the step it first appeared in.
    const rows = this.db
      .prepare<[string, string, number, string], SnapshotRow>(
        `SELECT s.structure_id, s.content, s.mask FROM ws_snapshots s JOIN ws_edits e ON e.id = s.edit_ref
         WHERE e.series_uid = ? AND e.seq = (
           SELECT max(e2.seq) FROM ws_snapshots s2 JOIN ws_edits e2 ON e2.id = s2.edit_ref
           WHERE s2.structure_id = s.structure_id AND e2.series_uid = ? AND e2.seq <= ?)
         ORDER BY (SELECT min(e3.seq) FROM ws_snapshots s3 JOIN ws_edits e3 ON e3.id = s3.edit_ref WHERE s3.structure_id = s.structure_id AND e3.series_uid = ?)`,
      )
      .all(seriesUid, seriesUid, cursor, seriesUid);
    const structures = rows.map(toSnapshot).filter((s) => s.mask !== null);
    const reviews = new Map(
      this.db.prepare<[string], { structure_id: string; review: string }>('SELECT structure_id, review FROM ws_reviews WHERE series_uid = ?').all(seriesUid)
        .map((r) => [r.structure_id, JSON.parse(r.review) as StructureReview]),
    );
    return { cursor, steps, structures, reviews };
  }

  /** The saved state of `ids` as of step `seq` (absent: did not exist then). */
  snapshotsAt(seriesUid: string, seq: number, ids: readonly string[]): Map<string, SavedSnapshot> {
    const query = this.db.prepare<[string, string, number], SnapshotRow>(
      `SELECT s.structure_id, s.content, s.mask FROM ws_snapshots s JOIN ws_edits e ON e.id = s.edit_ref
       WHERE s.structure_id = ? AND e.series_uid = ? AND e.seq <= ? ORDER BY e.seq DESC LIMIT 1`,
    );
    const out = new Map<string, SavedSnapshot>();
    for (const id of ids) {
      const row = query.get(id, seriesUid, seq);
      if (row) out.set(id, toSnapshot(row));
    }
    return out;
  }

  /** Structure ids that step `seq` changed. */
  idsChangedAt(seriesUid: string, seq: number): string[] {
    return this.db
      .prepare<[string, number], string>('SELECT s.structure_id FROM ws_snapshots s JOIN ws_edits e ON e.id = s.edit_ref WHERE e.series_uid = ? AND e.seq = ?')
      .pluck()
      .all(seriesUid, seq);
  }

  /**
   * Save one edit: the steps past the cursor are dropped (the redo stack), the new step and its
   * snapshots written, the cursor moved, reviews updated and the audit entry appended — atomically.
   */
  commitEdit(
    seriesUid: string, edit: { label: string; actor: string; at: string }, snapshots: readonly SavedSnapshot[],
    reviews: readonly StructureReview[], audit: AuditInput, drafts: readonly { id: string; mask: StoredMask; confidence?: string }[] = [],
  ): number {
    return this.db.transaction(() => {
      const cursor = this.cursor(seriesUid);
      this.db.prepare('DELETE FROM ws_edits WHERE series_uid = ? AND seq > ?').run(seriesUid, cursor);
      const seq = cursor + 1;
      const editId = this.db
        .prepare<[string, number, string, string, string]>('INSERT INTO ws_edits (series_uid, seq, label, actor, at) VALUES (?, ?, ?, ?, ?)')
        .run(seriesUid, seq, edit.label, edit.actor, edit.at).lastInsertRowid;
      const insert = this.db.prepare<[number | bigint, string, string, Buffer | null]>('INSERT INTO ws_snapshots (edit_ref, structure_id, content, mask) VALUES (?, ?, ?, ?)');
      for (const s of snapshots) {
        const content = s.mask === null ? JSON.stringify(s.content) : JSON.stringify({ ...s.content, box: s.mask.box });
        insert.run(editId, s.content.id, content, s.mask?.bytes ?? null);
      }
      for (const d of drafts) {
        this.db.prepare('INSERT OR REPLACE INTO ws_drafts (structure_id, mask, confidence) VALUES (?, ?, ?)').run(d.id, encodeDraft(d.mask), d.confidence ?? null);
      }
      this.setCursor(seriesUid, seq);
      this.putReviews(seriesUid, reviews);
      appendAuditEntry(this.db, audit);
      return seq;
    }).immediate();
  }

  /** Undo or redo: move the cursor, update reviews and log it, atomically. */
  moveCursor(seriesUid: string, seq: number, reviews: readonly StructureReview[], audit: AuditInput): void {
    this.db.transaction(() => {
      this.setCursor(seriesUid, seq);
      this.putReviews(seriesUid, reviews);
      appendAuditEntry(this.db, audit);
    }).immediate();
  }

  /** A review act: the record changed in place, and its audit entries. */
  saveReviews(seriesUid: string, reviews: readonly StructureReview[], audits: readonly AuditInput[]): void {
    this.db.transaction(() => {
      this.putReviews(seriesUid, reviews);
      for (const a of audits) appendAuditEntry(this.db, a);
    }).immediate();
  }

  /** An audit entry on its own (an export, a model run). */
  audit(input: AuditInput): void {
    appendAuditEntry(this.db, input);
  }

  looks(seriesUid: string): { reviewer: string; role: string; at: string }[] {
    return this.db.prepare<[string], { reviewer: string; role: string; at: string }>('SELECT reviewer, role, at FROM ws_looks WHERE series_uid = ? ORDER BY id').all(seriesUid);
  }

  addLook(seriesUid: string, reviewer: string, role: string, at: string, audit: AuditInput): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO ws_looks (series_uid, reviewer, role, at) VALUES (?, ?, ?, ?)').run(seriesUid, reviewer, role, at);
      appendAuditEntry(this.db, audit);
    }).immediate();
  }

  draft(structureId: string): StoredMask | undefined {
    const row = this.db.prepare<[string], { mask: Buffer }>('SELECT mask FROM ws_drafts WHERE structure_id = ?').get(structureId);
    return row ? decodeDraft(row.mask) : undefined;
  }

  /** A structure's augmentation agreement, saved beside its draft (JSON), or undefined. */
  confidence(structureId: string): string | undefined {
    return this.db.prepare<[string], string | null>('SELECT confidence FROM ws_drafts WHERE structure_id = ?').pluck().get(structureId) ?? undefined;
  }

  saveEffort(structureId: string, json: string): void {
    this.db.prepare('UPDATE ws_drafts SET effort = ? WHERE structure_id = ?').run(json, structureId);
  }

  private setCursor(seriesUid: string, seq: number): void {
    this.db.prepare('INSERT INTO ws_cursor (series_uid, seq) VALUES (?, ?) ON CONFLICT (series_uid) DO UPDATE SET seq = excluded.seq').run(seriesUid, seq);
  }

  private putReviews(seriesUid: string, reviews: readonly StructureReview[]): void {
    const upsert = this.db.prepare('INSERT INTO ws_reviews (structure_id, series_uid, review) VALUES (?, ?, ?) ON CONFLICT (structure_id) DO UPDATE SET review = excluded.review');
    for (const r of reviews) upsert.run(r.id, seriesUid, JSON.stringify(r));
  }
}

/** A draft mask in one blob: a JSON line with its box, then the deflated bytes. */
function encodeDraft(mask: StoredMask): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify(mask.box)}\n`), mask.bytes]);
}

function decodeDraft(blob: Buffer): StoredMask {
  const nl = blob.indexOf(10);
  return { box: JSON.parse(blob.subarray(0, nl).toString('utf8')) as StoredMask['box'], bytes: blob.subarray(nl + 1) };
}
