/**
 * Schema version 1. Every DICOM level is keyed by its natural key (Patient ID, Study/Series/SOP
 * Instance UID) under a UNIQUE constraint, which is what makes re-importing a folder idempotent;
 * the INTEGER primary keys are only there to keep foreign keys and their indexes small (a UID is up
 * to 64 characters, PS3.5 §9.1).
 *
 * Tables are STRICT so a wrong type is an error rather than a silently coerced value (needs SQLite
 * 3.37+, which better-sqlite3 bundles). Timestamps are ISO 8601 UTC text.
 */
export const SCHEMA_V1 = `
CREATE TABLE imports (
  id                  INTEGER PRIMARY KEY,
  root                TEXT    NOT NULL,
  started_at          TEXT    NOT NULL,
  finished_at         TEXT    NOT NULL,
  files_seen          INTEGER NOT NULL CHECK (files_seen >= 0),
  patients_added      INTEGER NOT NULL,
  studies_added       INTEGER NOT NULL,
  series_added        INTEGER NOT NULL,
  instances_added     INTEGER NOT NULL,
  instances_unchanged INTEGER NOT NULL,
  instances_relocated INTEGER NOT NULL,
  conflict_count      INTEGER NOT NULL,
  skipped_count       INTEGER NOT NULL
) STRICT;

-- Patient ID alone is the key: the scan carries no Issuer of Patient ID (0010,0021), so two
-- hospitals' "12345" would merge. Differing demographics under one ID are recorded as a conflict.
CREATE TABLE patients (
  id            INTEGER PRIMARY KEY,
  patient_id    TEXT    NOT NULL UNIQUE,
  patient_name  TEXT    NOT NULL,
  birth_date    TEXT    NOT NULL,
  sex           TEXT    NOT NULL,
  added_by      INTEGER NOT NULL REFERENCES imports (id)
) STRICT;

CREATE TABLE studies (
  id                INTEGER PRIMARY KEY,
  study_uid         TEXT    NOT NULL UNIQUE,
  patient_ref       INTEGER NOT NULL REFERENCES patients (id),
  study_date        TEXT    NOT NULL,
  study_description TEXT    NOT NULL,
  accession_number  TEXT    NOT NULL,
  added_by          INTEGER NOT NULL REFERENCES imports (id)
) STRICT;
CREATE INDEX studies_by_patient ON studies (patient_ref);

CREATE TABLE series (
  id                     INTEGER PRIMARY KEY,
  series_uid             TEXT    NOT NULL UNIQUE,
  study_ref              INTEGER NOT NULL REFERENCES studies (id),
  modality               TEXT    NOT NULL,
  series_number          INTEGER,
  series_description     TEXT    NOT NULL,
  frame_of_reference_uid TEXT,
  added_by               INTEGER NOT NULL REFERENCES imports (id)
) STRICT;
CREATE INDEX series_by_study ON series (study_ref);

CREATE TABLE instances (
  id                  INTEGER PRIMARY KEY,
  sop_instance_uid    TEXT    NOT NULL UNIQUE,
  sop_class_uid       TEXT    NOT NULL,
  series_ref          INTEGER NOT NULL REFERENCES series (id),
  path                TEXT    NOT NULL,
  content_sha256      TEXT    NOT NULL CHECK (length(content_sha256) = 64),
  size_bytes          INTEGER NOT NULL CHECK (size_bytes >= 0),
  transfer_syntax_uid TEXT    NOT NULL,
  instance_number     INTEGER,
  -- 0 for non-image objects (RT Structure Set, RT Plan, SR): they carry no frames.
  number_of_frames    INTEGER NOT NULL CHECK (number_of_frames >= 0),
  added_by            INTEGER NOT NULL REFERENCES imports (id)
) STRICT;
CREATE INDEX instances_by_series ON instances (series_ref, instance_number);
-- Not UNIQUE: a path whose file was replaced by another instance is recorded as a conflict and the
-- older row keeps its (now stale) path until a later migration or clean-up decides otherwise.
CREATE INDEX instances_by_path ON instances (path);

CREATE TABLE skipped_files (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id),
  path      TEXT    NOT NULL,
  reason    TEXT    NOT NULL
) STRICT;
CREATE INDEX skipped_by_import ON skipped_files (import_id);

-- What an import found that disagrees with what the store already holds. The store never overwrites
-- recorded facts; it keeps the first and logs the disagreement here for the UI to show.
CREATE TABLE conflicts (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (id),
  kind      TEXT    NOT NULL CHECK (kind IN (
              'instance-content', 'path-reused', 'series-study', 'study-patient',
              'patient-attributes', 'study-attributes', 'series-attributes')),
  uid       TEXT    NOT NULL,
  path      TEXT,
  existing  TEXT    NOT NULL,
  incoming  TEXT    NOT NULL
) STRICT;
CREATE INDEX conflicts_by_import ON conflicts (import_id);
`;
