import type { SkippedFile } from '../import/scan-types.js';
import type { ConflictRecord, ImportSummary, PatientRecord, SeriesRecord, StudyRecord } from '../store/study-store.js';
import type { ImportReport, ImportResult, PatientInfo, SeriesInfo, StudyInfo } from './contract.js';

/** Store records → contract types: the contract has no `undefined` (IPC and JSON would drop the key). */

export function toImportResult(s: ImportSummary): ImportResult {
  return {
    importId: s.importId,
    root: s.root,
    filesSeen: s.filesSeen,
    patientsAdded: s.patientsAdded,
    studiesAdded: s.studiesAdded,
    seriesAdded: s.seriesAdded,
    instancesAdded: s.instancesAdded,
    instancesUnchanged: s.instancesUnchanged,
    instancesRelocated: s.instancesRelocated,
    conflicts: s.conflicts,
    skipped: s.skipped,
  };
}

export function toImportReport(s: ImportSummary, skipped: readonly SkippedFile[], conflicts: readonly ConflictRecord[]): ImportReport {
  return {
    summary: { ...toImportResult(s), startedAt: s.startedAt, finishedAt: s.finishedAt },
    skippedFiles: skipped.map((f) => ({ path: f.path, reason: f.reason })),
    conflicts: conflicts.map((c) => ({ kind: c.kind, uid: c.uid, path: c.path ?? null, existing: c.existing, incoming: c.incoming })),
  };
}

export function toPatientInfo(p: PatientRecord): PatientInfo {
  return { patientId: p.patientId, patientName: p.patientName, birthDate: p.birthDate, sex: p.sex, studyCount: p.studyCount };
}

export function toStudyInfo(s: StudyRecord): StudyInfo {
  return {
    studyInstanceUid: s.studyInstanceUid,
    patientId: s.patientId,
    studyDate: s.studyDate,
    studyDescription: s.studyDescription,
    accessionNumber: s.accessionNumber,
    seriesCount: s.seriesCount,
  };
}

/** Modalities that hold no image to view (they are loaded onto, or listed beside, an image series). */
const NOT_VIEWABLE = new Set(['RTSTRUCT', 'RTPLAN', 'RTRECORD', 'RTDOSE', 'SEG', 'SR', 'PR', 'KO', 'REG', 'DOC']);

export function toSeriesInfo(s: SeriesRecord): SeriesInfo {
  return {
    seriesInstanceUid: s.seriesInstanceUid,
    studyInstanceUid: s.studyInstanceUid,
    modality: s.modality,
    seriesNumber: s.seriesNumber ?? null,
    seriesDescription: s.seriesDescription,
    frameOfReferenceUid: s.frameOfReferenceUid ?? null,
    instanceCount: s.instanceCount,
    viewable: !NOT_VIEWABLE.has(s.modality) && s.instanceCount > 0,
  };
}
