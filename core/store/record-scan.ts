import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { ScannedInstance, ScannedPatient, ScannedSeries, ScannedStudy, ScanReport } from '../import/scan-types.js';
import { appendAuditEntry } from '../audit/audit-log.js';
import { migrateAudit } from '../audit/audit-schema.js';
import { describeError, StoreError } from './store-error.js';
import type { ConflictKind, ImportSummary, RecordScanOptions } from './study-store.js';

type Attributes = Record<string, string | number | null>;

interface Counts {
  patientsAdded: number;
  studiesAdded: number;
  seriesAdded: number;
  instancesAdded: number;
  instancesUnchanged: number;
  instancesRelocated: number;
  conflicts: number;
}

interface ParentRow {
  readonly id: number;
  readonly parent_key: string;
  readonly parent_ref: number;
}

interface InstanceRow {
  readonly id: number;
  readonly path: string;
  readonly content_sha256: string;
}

/**
 * Builds the recordScan operation over one connection, preparing its statements once. Policy, in one
 * line: the store never overwrites a recorded fact; anything an import disagrees with becomes a row
 * in `conflicts` (see ConflictKind), except a path, which follows identical bytes to where they now are.
 */
export function createScanRecorder(db: Database.Database, now: () => Date = () => new Date()): (report: ScanReport, options?: RecordScanOptions) => ImportSummary {
  migrateAudit(db, db.name);
  const sql = {
    insertImport: db.prepare<[string, string, string], { id: number }>(`
      INSERT INTO imports (root, started_at, finished_at, files_seen, patients_added, studies_added, series_added,
                           instances_added, instances_unchanged, instances_relocated, conflict_count, skipped_count)
      VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0) RETURNING id`),
    finishImport: db.prepare(`
      UPDATE imports SET finished_at = @finishedAt, files_seen = @filesSeen, patients_added = @patientsAdded,
        studies_added = @studiesAdded, series_added = @seriesAdded, instances_added = @instancesAdded,
        instances_unchanged = @instancesUnchanged, instances_relocated = @instancesRelocated,
        conflict_count = @conflicts, skipped_count = @skipped
      WHERE id = @importId`),
    insertSkipped: db.prepare('INSERT INTO skipped_files (import_id, path, reason) VALUES (?, ?, ?)'),
    insertConflict: db.prepare('INSERT INTO conflicts (import_id, kind, uid, path, existing, incoming) VALUES (?, ?, ?, ?, ?, ?)'),

    patient: db.prepare<[string], Attributes & { id: number }>('SELECT id, patient_name, birth_date, sex FROM patients WHERE patient_id = ?'),
    insertPatient: db.prepare<[string, string, string, string, number], { id: number }>(
      'INSERT INTO patients (patient_id, patient_name, birth_date, sex, added_by) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ),

    study: db.prepare<[string], ParentRow & Attributes>(`
      SELECT s.id, p.patient_id AS parent_key, s.patient_ref AS parent_ref, s.study_date, s.study_description, s.accession_number
      FROM studies s JOIN patients p ON p.id = s.patient_ref WHERE s.study_uid = ?`),
    insertStudy: db.prepare<[string, number, string, string, string, number], { id: number }>(
      'INSERT INTO studies (study_uid, patient_ref, study_date, study_description, accession_number, added_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    ),

    series: db.prepare<[string], ParentRow & Attributes>(`
      SELECT se.id, st.study_uid AS parent_key, se.study_ref AS parent_ref, se.modality, se.series_number,
             se.series_description, se.frame_of_reference_uid
      FROM series se JOIN studies st ON st.id = se.study_ref WHERE se.series_uid = ?`),
    insertSeries: db.prepare<[string, number, string, number | null, string, string | null, number], { id: number }>(
      'INSERT INTO series (series_uid, study_ref, modality, series_number, series_description, frame_of_reference_uid, added_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
    ),

    instance: db.prepare<[string], InstanceRow>('SELECT id, path, content_sha256 FROM instances WHERE sop_instance_uid = ?'),
    insertInstance: db.prepare(`
      INSERT INTO instances (sop_instance_uid, sop_class_uid, series_ref, path, content_sha256, size_bytes,
                             transfer_syntax_uid, instance_number, number_of_frames, added_by)
      VALUES (@sopInstanceUid, @sopClassUid, @seriesRef, @path, @contentSha256, @sizeBytes,
              @transferSyntaxUid, @instanceNumber, @numberOfFrames, @importId)`),
    relocateInstance: db.prepare('UPDATE instances SET path = ? WHERE id = ?'),
    otherAtPath: db.prepare<[string, string], { sop_instance_uid: string; content_sha256: string }>(
      'SELECT sop_instance_uid, content_sha256 FROM instances WHERE path = ? AND sop_instance_uid <> ?',
    ),
  };

  const record = (report: ScanReport, startedAt: string, actor: string): ImportSummary => {
    // finished_at is provisional until finishImport; nobody sees it before the transaction commits.
    const importId = one(sql.insertImport.get(report.root, startedAt, startedAt)).id;
    const counts: Counts = { patientsAdded: 0, studiesAdded: 0, seriesAdded: 0, instancesAdded: 0, instancesUnchanged: 0, instancesRelocated: 0, conflicts: 0 };

    const conflict = (kind: ConflictKind, uid: string, path: string | null, existing: string, incoming: string): void => {
      sql.insertConflict.run(importId, kind, uid, path, existing, incoming);
      counts.conflicts += 1;
    };

    /** Compare stored and incoming attributes; log only the ones that differ. */
    const compare = (kind: ConflictKind, uid: string, stored: Attributes, incoming: Attributes): void => {
      const differing = Object.keys(incoming).filter((key) => stored[key] !== incoming[key]);
      if (differing.length > 0) conflict(kind, uid, null, describe(stored, differing), describe(incoming, differing));
    };

    const recordPatient = (patient: ScannedPatient): number => {
      const incoming = { patient_name: patient.patientName, birth_date: patient.birthDate, sex: patient.sex };
      const stored = sql.patient.get(patient.patientId);
      if (stored === undefined) {
        counts.patientsAdded += 1;
        return one(sql.insertPatient.get(patient.patientId, patient.patientName, patient.birthDate, patient.sex, importId)).id;
      }
      compare('patient-attributes', patient.patientId, stored, incoming);
      return stored.id;
    };

    const recordStudy = (study: ScannedStudy, patientRef: number, patientId: string): number => {
      const incoming = { study_date: study.studyDate, study_description: study.studyDescription, accession_number: study.accessionNumber };
      const stored = sql.study.get(study.studyInstanceUid);
      if (stored === undefined) {
        counts.studiesAdded += 1;
        return one(sql.insertStudy.get(study.studyInstanceUid, patientRef, study.studyDate, study.studyDescription, study.accessionNumber, importId)).id;
      }
      if (stored.parent_ref !== patientRef) {
        conflict('study-patient', study.studyInstanceUid, null, `patient ID ${JSON.stringify(stored.parent_key)}`, `patient ID ${JSON.stringify(patientId)}`);
      }
      compare('study-attributes', study.studyInstanceUid, stored, incoming);
      return stored.id;
    };

    const recordSeries = (series: ScannedSeries, studyRef: number, studyUid: string): number => {
      const incoming = {
        modality: series.modality,
        series_number: series.seriesNumber ?? null,
        series_description: series.seriesDescription,
        frame_of_reference_uid: series.frameOfReferenceUid ?? null,
      };
      const stored = sql.series.get(series.seriesInstanceUid);
      if (stored === undefined) {
        counts.seriesAdded += 1;
        return one(
          sql.insertSeries.get(series.seriesInstanceUid, studyRef, incoming.modality, incoming.series_number, incoming.series_description, incoming.frame_of_reference_uid, importId),
        ).id;
      }
      if (stored.parent_ref !== studyRef) {
        conflict('series-study', series.seriesInstanceUid, null, `study ${stored.parent_key}`, `study ${studyUid}`);
      }
      compare('series-attributes', series.seriesInstanceUid, stored, incoming);
      return stored.id;
    };

    /** A path that held another instance before now holds this one: the old row's path is stale. */
    const checkPathReuse = (instance: ScannedInstance): void => {
      for (const other of sql.otherAtPath.all(instance.path, instance.sopInstanceUid)) {
        conflict('path-reused', other.sop_instance_uid, instance.path, `SOP instance ${other.sop_instance_uid} (sha256 ${other.content_sha256})`, `SOP instance ${instance.sopInstanceUid} (sha256 ${instance.contentSha256})`);
      }
    };

    const recordInstance = (instance: ScannedInstance, seriesRef: number): void => {
      const stored = sql.instance.get(instance.sopInstanceUid);
      if (stored === undefined) {
        sql.insertInstance.run({
          sopInstanceUid: instance.sopInstanceUid,
          sopClassUid: instance.sopClassUid,
          seriesRef,
          path: instance.path,
          contentSha256: instance.contentSha256,
          sizeBytes: instance.sizeBytes,
          transferSyntaxUid: instance.transferSyntaxUid,
          instanceNumber: instance.instanceNumber ?? null,
          numberOfFrames: instance.numberOfFrames,
          importId,
        });
        counts.instancesAdded += 1;
        checkPathReuse(instance);
      } else if (stored.content_sha256 !== instance.contentSha256) {
        conflict('instance-content', instance.sopInstanceUid, instance.path, `sha256 ${stored.content_sha256} at ${stored.path}`, `sha256 ${instance.contentSha256} at ${instance.path}`);
      } else if (stored.path === instance.path || isFile(stored.path)) {
        // The same bytes where they were, or a copy elsewhere while the known file is still there:
        // the database keeps reading the file it knows (a copy in a scratch folder may go).
        counts.instancesUnchanged += 1;
      } else {
        // Identical bytes under the same UID, and the known path is gone (a remounted drive, a
        // renamed folder): follow them to where they are now rather than keep a dead path.
        sql.relocateInstance.run(instance.path, stored.id);
        counts.instancesRelocated += 1;
        checkPathReuse(instance);
      }
    };

    for (const patient of report.patients) {
      const patientRef = recordPatient(patient);
      for (const study of patient.studies) {
        const studyRef = recordStudy(study, patientRef, patient.patientId);
        for (const series of study.series) {
          const seriesRef = recordSeries(series, studyRef, study.studyInstanceUid);
          for (const instance of series.instances) recordInstance(instance, seriesRef);
        }
      }
    }
    for (const skipped of report.skipped) sql.insertSkipped.run(importId, skipped.path, skipped.reason);

    const summary: ImportSummary = {
      importId,
      root: report.root,
      startedAt,
      finishedAt: now().toISOString(),
      filesSeen: report.filesSeen,
      ...counts,
      skipped: report.skipped.length,
    };
    sql.finishImport.run(summary);
    // The audit log records the import in the same transaction: both are there, or neither.
    const { importId: id, root, finishedAt, startedAt: started, ...totals } = summary;
    appendAuditEntry(db, { actor, action: 'import', subject: root, details: { importId: id, startedAt: started, finishedAt, ...totals } });
    return summary;
  };

  // IMMEDIATE: take the write lock up front, so a concurrent reader-turned-writer cannot deadlock us
  // into SQLITE_BUSY halfway through a large import.
  const transaction = db.transaction(record);
  return (report, options = {}) => {
    try {
      return transaction.immediate(report, (options.startedAt ?? now()).toISOString(), options.actor ?? 'delineate');
    } catch (error) {
      throw new StoreError(db.name, `recording the scan of ${report.root} failed, so none of it was stored: ${describeError(error)}`, { cause: error });
    }
  };
}

function one<T>(row: T | undefined): T {
  if (row === undefined) throw new Error('INSERT … RETURNING produced no row');
  return row;
}

function describe(attributes: Attributes, keys: readonly string[]): string {
  return keys.map((key) => `${key} ${JSON.stringify(attributes[key])}`).join(', ');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
