import type { ScanReport, SkippedFile } from '../import/scan-types.js';

/**
 * The local study database as the rest of the app sees it: DICOM-level records in, typed rows out,
 * no SQL. Patients are addressed by Patient ID and everything below by its UID, so callers never
 * handle the store's internal row ids (only import runs have a numeric id).
 */
export interface StudyStore {
  /** The database file. */
  readonly file: string;
  /** Record one folder scan in a single transaction: all of it is stored, or (on error) none of it. */
  recordScan(report: ScanReport, options?: RecordScanOptions): ImportSummary;
  listPatients(): PatientRecord[];
  listStudies(patientId: string): StudyRecord[];
  listSeries(studyUid: string): SeriesRecord[];
  /** Ordered by Instance Number, then path; see seriesInstances in queries.ts for why not by position. */
  seriesInstances(seriesUid: string): InstanceRecord[];
  /** Newest first. */
  importHistory(): ImportRecord[];
  skippedFiles(importId: number): SkippedFile[];
  /** What an import found that disagrees with what was already stored (see ConflictKind). */
  conflicts(importId: number): ConflictRecord[];
  /** How many rows of each level the store holds. */
  totals(): StoreTotals;
  /** Idempotent. Any later call on the store throws. */
  close(): void;
}

export interface RecordScanOptions {
  /**
   * When the scan itself began. ScanReport does not carry it, so without this the import's start is
   * the moment recordScan was called.
   */
  readonly startedAt?: Date;
  /** Who imported, for the audit log entry written with the import; default 'delineate'. */
  readonly actor?: string;
}

export interface ImportSummary {
  readonly importId: number;
  readonly root: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly filesSeen: number;
  readonly patientsAdded: number;
  readonly studiesAdded: number;
  readonly seriesAdded: number;
  readonly instancesAdded: number;
  /** Same SOP Instance UID, same bytes, same path: nothing changed. */
  readonly instancesUnchanged: number;
  /** Same SOP Instance UID and bytes at a new path: the path was updated (moved drive or folder). */
  readonly instancesRelocated: number;
  /** Rows written to the conflicts table by this import; the UI must show them when non-zero. */
  readonly conflicts: number;
  readonly skipped: number;
}

/** An import run as importHistory() lists it: the summary recordScan returned, as stored. */
export type ImportRecord = ImportSummary;

/**
 * - instance-content: a SOP Instance UID already stored with different bytes (sha256). The stored
 *   instance is kept; the incoming file is not recorded. Two different objects under one UID is a
 *   DICOM violation (PS3.5 §9.1) or an edited file; either way a human must decide.
 * - path-reused: a path now holds a different instance than the one stored for it (file replaced).
 *   The new instance is recorded; the old one keeps its stale path.
 * - series-study / study-patient: a UID already stored under another parent. The stored parent is kept.
 * - patient/study/series-attributes: descriptive attributes disagree with the stored ones. Stored kept.
 */
export type ConflictKind =
  | 'instance-content'
  | 'path-reused'
  | 'series-study'
  | 'study-patient'
  | 'patient-attributes'
  | 'study-attributes'
  | 'series-attributes';

export interface ConflictRecord {
  readonly kind: ConflictKind;
  /** The natural key in dispute (Patient ID or a UID). */
  readonly uid: string;
  /** The incoming file, for instance-level conflicts. */
  readonly path: string | undefined;
  /** What the store holds, in words. */
  readonly existing: string;
  /** What the import found, in words. */
  readonly incoming: string;
}

export interface PatientRecord {
  readonly patientId: string;
  readonly patientName: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly studyCount: number;
}

export interface StudyRecord {
  readonly studyInstanceUid: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly seriesCount: number;
}

export interface SeriesRecord {
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber: number | undefined;
  readonly seriesDescription: string;
  readonly frameOfReferenceUid: string | undefined;
  readonly instanceCount: number;
}

export interface InstanceRecord {
  readonly path: string;
  readonly sopInstanceUid: string;
  readonly sopClassUid: string;
  readonly contentSha256: string;
  readonly sizeBytes: number;
  readonly transferSyntaxUid: string;
  readonly instanceNumber: number | undefined;
  readonly numberOfFrames: number;
}

export interface StoreTotals {
  readonly patients: number;
  readonly studies: number;
  readonly series: number;
  readonly instances: number;
  readonly imports: number;
}
