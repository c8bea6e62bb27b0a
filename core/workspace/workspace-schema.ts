import type { ModuleSchema } from '../store/module-migrations.js';

/**
 * The editing workspace's tables in the study database: every structure on every series the user
 * works on, saved edit by edit so that a crash loses no completed edit.
 *
 * - ws_edits: one row per undoable step on a series, numbered 1, 2, 3… (seq). ws_cursor says how
 *   many of them are in effect: undo moves it back, redo forward, a new edit after an undo
 *   discards the steps past the cursor (as every editor's redo stack does).
 * - ws_snapshots: the whole content of each structure a step changed, after the step: metadata as
 *   JSON and the mask as its bounding box, deflated (core/workspace/mask-codec.ts). The state at
 *   cursor c is, per structure, the snapshot of the highest step ≤ c. Whole snapshots rather than
 *   diffs keep reading a series one query and keep a damaged row from corrupting later steps.
 * - ws_reviews: each structure's review record (core/review), changed in place by review acts and
 *   edits; not undoable, because approval and rejection are acts of a person, not edits.
 * - ws_drafts: the mask a model first produced, kept for the edit-effort metrics.
 * - ws_looks: sequential reading's recorded first looks at a series' images.
 * - settings: who is at the workstation and the reading mode.
 */
export const WORKSPACE_SCHEMA: ModuleSchema = {
  label: 'editing workspace',
  key: 'workspace',
  table: 'workspace_schema_migrations',
  migrations: [
    {
      version: 1,
      name: 'structures saved per edit, undo cursor, review records, AI drafts, image looks, settings',
      sql: `
CREATE TABLE ws_edits (
  id         INTEGER PRIMARY KEY,
  series_uid TEXT    NOT NULL,
  seq        INTEGER NOT NULL CHECK (seq >= 1),
  label      TEXT    NOT NULL,
  actor      TEXT    NOT NULL,
  at         TEXT    NOT NULL,
  UNIQUE (series_uid, seq)
) STRICT;
CREATE TABLE ws_snapshots (
  edit_ref      INTEGER NOT NULL REFERENCES ws_edits (id) ON DELETE CASCADE,
  structure_id  TEXT    NOT NULL,
  content       TEXT    NOT NULL,
  mask          BLOB,
  PRIMARY KEY (edit_ref, structure_id)
) STRICT;
CREATE INDEX ws_snapshots_by_structure ON ws_snapshots (structure_id);
CREATE TABLE ws_cursor (
  series_uid TEXT    PRIMARY KEY,
  seq        INTEGER NOT NULL CHECK (seq >= 0)
) STRICT;
CREATE TABLE ws_reviews (
  structure_id TEXT PRIMARY KEY,
  series_uid   TEXT NOT NULL,
  review       TEXT NOT NULL
) STRICT;
CREATE TABLE ws_drafts (
  structure_id TEXT PRIMARY KEY,
  mask         BLOB NOT NULL,
  confidence   TEXT,
  -- The latest edit-effort figures (JSON) against this draft: stored, not only shown.
  effort       TEXT
) STRICT;
CREATE TABLE ws_looks (
  id         INTEGER PRIMARY KEY,
  series_uid TEXT NOT NULL,
  reviewer   TEXT NOT NULL,
  role       TEXT NOT NULL,
  at         TEXT NOT NULL
) STRICT;
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`,
    },
  ],
};
