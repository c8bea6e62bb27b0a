import type Database from 'better-sqlite3';
import type { SkippedFile } from '../import/scan-types.js';
import type { ConflictKind, ConflictRecord, ImportRecord, InstanceRecord, PatientRecord, SeriesRecord, StoreTotals, StudyRecord, StudyStore } from './study-store.js';

type ReadQueries = Pick<
  StudyStore,
  'listPatients' | 'listStudies' | 'listSeries' | 'seriesInstances' | 'importHistory' | 'skippedFiles' | 'conflicts' | 'totals'
>;

interface SeriesRow extends Omit<SeriesRecord, 'seriesNumber' | 'frameOfReferenceUid'> {
  readonly seriesNumber: number | null;
  readonly frameOfReferenceUid: string | null;
}
interface InstanceRow extends Omit<InstanceRecord, 'instanceNumber'> {
  readonly instanceNumber: number | null;
}
interface ConflictRow extends Omit<ConflictRecord, 'path' | 'kind'> {
  readonly kind: string;
  readonly path: string | null;
}

/** The read side of the store; each statement prepared once per connection. */
export function createReadQueries(db: Database.Database): ReadQueries {
  const patients = db.prepare<[], PatientRecord>(`
    SELECT p.patient_id AS patientId, p.patient_name AS patientName, p.birth_date AS birthDate, p.sex,
           (SELECT count(*) FROM studies s WHERE s.patient_ref = p.id) AS studyCount
    FROM patients p ORDER BY p.patient_name, p.patient_id`);
  // Newest study first, as PACS study browsers list them; DICOM DA (YYYYMMDD) sorts as text.
  const studies = db.prepare<[string], StudyRecord>(`
    SELECT s.study_uid AS studyInstanceUid, p.patient_id AS patientId, s.study_date AS studyDate,
           s.study_description AS studyDescription, s.accession_number AS accessionNumber,
           (SELECT count(*) FROM series se WHERE se.study_ref = s.id) AS seriesCount
    FROM studies s JOIN patients p ON p.id = s.patient_ref
    WHERE p.patient_id = ? ORDER BY s.study_date DESC, s.study_uid`);
  const series = db.prepare<[string], SeriesRow>(`
    SELECT se.series_uid AS seriesInstanceUid, st.study_uid AS studyInstanceUid, se.modality,
           se.series_number AS seriesNumber, se.series_description AS seriesDescription,
           se.frame_of_reference_uid AS frameOfReferenceUid,
           (SELECT count(*) FROM instances i WHERE i.series_ref = se.id) AS instanceCount
    FROM series se JOIN studies st ON st.id = se.study_ref
    WHERE st.study_uid = ? ORDER BY se.series_number NULLS LAST, se.series_uid`);
  // Instance Number (0020,0013) order, path as the tie-break so the order is stable. Not slice
  // position: the store is an index of files, and the volume builder must sort by Image Position
  // (Patient) along the slice normal anyway (PS3.3 C.7.6.2.1.1) because Instance Number may be
  // absent, repeated or reversed.
  const instances = db.prepare<[string], InstanceRow>(`
    SELECT i.path, i.sop_instance_uid AS sopInstanceUid, i.sop_class_uid AS sopClassUid,
           i.content_sha256 AS contentSha256, i.size_bytes AS sizeBytes,
           i.transfer_syntax_uid AS transferSyntaxUid, i.instance_number AS instanceNumber,
           i.number_of_frames AS numberOfFrames
    FROM instances i JOIN series se ON se.id = i.series_ref
    WHERE se.series_uid = ? ORDER BY i.instance_number NULLS LAST, i.path`);
  const imports = db.prepare<[], ImportRecord>(`
    SELECT id AS importId, root, started_at AS startedAt, finished_at AS finishedAt, files_seen AS filesSeen,
           patients_added AS patientsAdded, studies_added AS studiesAdded, series_added AS seriesAdded,
           instances_added AS instancesAdded, instances_unchanged AS instancesUnchanged,
           instances_relocated AS instancesRelocated, conflict_count AS conflicts, skipped_count AS skipped
    FROM imports ORDER BY id DESC`);
  const skipped = db.prepare<[number], SkippedFile>('SELECT path, reason FROM skipped_files WHERE import_id = ? ORDER BY id');
  const conflicts = db.prepare<[number], ConflictRow>('SELECT kind, uid, path, existing, incoming FROM conflicts WHERE import_id = ? ORDER BY id');
  const totals = db.prepare<[], StoreTotals>(`
    SELECT (SELECT count(*) FROM patients) AS patients, (SELECT count(*) FROM studies) AS studies,
           (SELECT count(*) FROM series) AS series, (SELECT count(*) FROM instances) AS instances,
           (SELECT count(*) FROM imports) AS imports`);

  return {
    listPatients: () => patients.all(),
    listStudies: (patientId) => studies.all(patientId),
    listSeries: (studyUid) =>
      series.all(studyUid).map((row) => ({ ...row, seriesNumber: row.seriesNumber ?? undefined, frameOfReferenceUid: row.frameOfReferenceUid ?? undefined })),
    seriesInstances: (seriesUid) => instances.all(seriesUid).map((row) => ({ ...row, instanceNumber: row.instanceNumber ?? undefined })),
    importHistory: () => imports.all(),
    skippedFiles: (importId) => skipped.all(importId),
    // The CHECK constraint on conflicts.kind guarantees the cast.
    conflicts: (importId) => conflicts.all(importId).map((row) => ({ ...row, kind: row.kind as ConflictKind, path: row.path ?? undefined })),
    totals: () => {
      const row = totals.get();
      if (row === undefined) throw new Error('count query returned no row');
      return row;
    },
  };
}
