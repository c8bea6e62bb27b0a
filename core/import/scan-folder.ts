import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { getNumber, getNumbers, getString } from '../dicom/attributes.js';
import { systemFileSystemOf } from './system-file-system.js';
import { walkFiles } from './walk-files.js';
import type { Dataset } from '../dicom/dcmjs.js';
import type { DicomFile } from '../dicom/read-dicom-file.js';
import { DicomReadError, readDicomFile } from '../dicom/read-dicom-file.js';
import { describeTransferSyntax, isSupportedTransferSyntax } from '../dicom/transfer-syntax.js';
import type { ScannedInstance, ScannedPatient, ScannedSeries, ScannedStudy, ScanReport, SkippedFile } from './scan-types.js';

export interface ScanProgress {
  readonly filesSeen: number;
  readonly seriesFound: number;
}

export interface ScanOptions {
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly signal?: AbortSignal;
  /** sha256 of each file for the study database (default on); a one-off conversion skips it. */
  readonly hash?: boolean;
  /** Called with each usable instance's header (no pixel data), so a loader need not read it again. */
  readonly onHeader?: (path: string, dataset: Dataset) => void;
}

const DICOMDIR_SOP_CLASS = '1.2.840.10008.1.3.10';

interface MutableSeries extends ScannedSeries {
  instances: ScannedInstance[];
}

/** What kind of file this is and, for a usable one, the instance record; otherwise the reason to skip it. */
function classify(file: DicomFile, hash: boolean): { instance: ScannedInstance } | { reason: string } {
  const ds = file.dataset;
  const sopClassUid = getString(file.meta, 'MediaStorageSOPClassUID') ?? getString(ds, 'SOPClassUID') ?? '';
  if (sopClassUid === DICOMDIR_SOP_CLASS || ds['DirectoryRecordSequence'] !== undefined) {
    return { reason: 'DICOMDIR media index (the files it lists are read directly)' };
  }
  const sopInstanceUid = getString(ds, 'SOPInstanceUID') ?? getString(file.meta, 'MediaStorageSOPInstanceUID');
  if (!sopInstanceUid) return { reason: 'missing SOP Instance UID (0008,0018)' };
  if (!getString(ds, 'SeriesInstanceUID')) return { reason: 'missing Series Instance UID (0020,000E)' };
  if (!getString(ds, 'StudyInstanceUID')) return { reason: 'missing Study Instance UID (0020,000D)' };
  const rows = getNumber(ds, 'Rows');
  const columns = getNumber(ds, 'Columns');
  const isImage = rows !== undefined || columns !== undefined || ds['PixelData'] !== undefined;
  if (isImage) {
    if (ds['PixelData'] === undefined) return { reason: 'image without pixel data (7FE0,0010)' };
    if (!isSupportedTransferSyntax(file.transferSyntaxUid)) {
      return { reason: `unsupported transfer syntax: ${describeTransferSyntax(file.transferSyntaxUid)}` };
    }
  }
  const instance: ScannedInstance = {
    path: file.path,
    sizeBytes: file.sizeBytes,
    contentSha256: hash ? createHash('sha256').update(file.raw).digest('hex') : '',
    transferSyntaxUid: file.transferSyntaxUid,
    sopClassUid,
    sopInstanceUid,
    instanceNumber: getNumber(ds, 'InstanceNumber'),
    numberOfFrames: getNumber(ds, 'NumberOfFrames') ?? (isImage ? 1 : 0),
    rows,
    columns,
    imageOrientationPatient: getNumbers(ds, 'ImageOrientationPatient'),
    imagePositionPatient: getNumbers(ds, 'ImagePositionPatient'),
  };
  return { instance };
}

/**
 * Scan a folder tree (CD export, PACS dump, USB stick) for DICOM, with or without DICOMDIR,
 * whatever the file names. Every file that cannot be used is listed with the reason; a bad
 * file never stops the scan.
 */
export async function scanFolder(root: string, options: ScanOptions = {}): Promise<ScanReport> {
  const skipped: SkippedFile[] = [];
  const patients = new Map<string, ScannedPatient>();
  const studies = new Map<string, ScannedStudy>();
  const series = new Map<string, MutableSeries>();
  const seriesOwner = new Map<string, { patientKey: string; patientLabel: string; studyUid: string }>();
  const studyOwner = new Map<string, string>();
  let filesSeen = 0;
  try {
    if (!statSync(root).isDirectory()) throw new DicomReadError(root, 'not a folder');
  } catch (error) {
    if (error instanceof DicomReadError) throw error;
    throw new DicomReadError(root, `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const system = systemFileSystemOf(root);
  if (system) throw new DicomReadError(root, `is an operating-system folder (${system} file system), not a folder of images`);
  for (const path of walkFiles(root, skipped)) {
    options.signal?.throwIfAborted();
    filesSeen++;
    let file: DicomFile;
    try {
      file = readDicomFile(path, { headerOnly: true });
    } catch (error) {
      skipped.push({ path, reason: error instanceof DicomReadError ? error.reason : String(error) });
      continue;
    }
    const result = classify(file, options.hash !== false);
    if ('reason' in result) {
      skipped.push({ path, reason: result.reason });
      continue;
    }
    const ds = file.dataset;
    const patientId = getString(ds, 'PatientID') ?? '';
    const patientName = getString(ds, 'PatientName') ?? '';
    const patientKey = `${patientId}\u0000${patientName}`;
    const studyUid = getString(ds, 'StudyInstanceUID') as string;
    const seriesUid = getString(ds, 'SeriesInstanceUID') as string;
    let s = series.get(seriesUid);
    if (s) {
      // One series belongs to one patient and one study. An image that names another is never
      // merged into it: that is how a wrong-patient image would reach a plan.
      const owner = seriesOwner.get(seriesUid)!;
      if (owner.patientKey !== patientKey) {
        skipped.push({
          path,
          reason: `names patient ${patientName || '(no name)'} [${patientId || 'no ID'}] but series ${seriesUid} belongs to ${owner.patientLabel}: not merged`,
        });
        continue;
      }
      if (owner.studyUid !== studyUid) {
        skipped.push({ path, reason: `names study ${studyUid} but series ${seriesUid} belongs to study ${owner.studyUid}: not merged` });
        continue;
      }
      const earlier = s.instances.find((i) => i.sopInstanceUid === result.instance.sopInstanceUid);
      if (earlier) {
        const same = earlier.contentSha256 !== '' ? earlier.contentSha256 === result.instance.contentSha256 : earlier.sizeBytes === result.instance.sizeBytes;
        skipped.push({
          path,
          reason: same
            ? `duplicate of SOP instance ${result.instance.sopInstanceUid} (same content as ${earlier.path})`
            : `same SOP Instance UID as ${earlier.path} but different content: kept the file read first`,
        });
        continue;
      }
    } else {
      let patient = patients.get(patientKey);
      if (!patient) {
        patient = { patientId, patientName, birthDate: getString(ds, 'PatientBirthDate') ?? '', sex: getString(ds, 'PatientSex') ?? '', studies: [] };
        patients.set(patientKey, patient);
      }
      let study = studies.get(studyUid);
      if (study && studyOwner.get(studyUid) !== patientKey) {
        skipped.push({ path, reason: `study ${studyUid} already belongs to another patient than ${patientName || '(no name)'} [${patientId || 'no ID'}]: not merged` });
        continue;
      }
      if (!study) {
        study = {
          studyInstanceUid: studyUid,
          studyDate: getString(ds, 'StudyDate') ?? '',
          studyDescription: getString(ds, 'StudyDescription') ?? '',
          accessionNumber: getString(ds, 'AccessionNumber') ?? '',
          series: [],
        };
        studies.set(studyUid, study);
        studyOwner.set(studyUid, patientKey);
        patient.studies.push(study);
      }
      s = {
        seriesInstanceUid: seriesUid,
        modality: getString(ds, 'Modality') ?? '',
        seriesNumber: getNumber(ds, 'SeriesNumber'),
        seriesDescription: getString(ds, 'SeriesDescription') ?? '',
        frameOfReferenceUid: getString(ds, 'FrameOfReferenceUID'),
        instances: [],
      };
      series.set(seriesUid, s);
      seriesOwner.set(seriesUid, { patientKey, patientLabel: `${patientName || '(no name)'} [${patientId || 'no ID'}]`, studyUid });
      study.series.push(s);
    }
    s.instances.push(result.instance);
    if (options.onHeader) {
      delete ds['PixelData'];
      options.onHeader(path, ds);
    }
    if (filesSeen % 16 === 0) {
      options.onProgress?.({ filesSeen, seriesFound: series.size });
      // Let cancellation and progress reach the caller during long scans.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  options.onProgress?.({ filesSeen, seriesFound: series.size });
  return { root, patients: [...patients.values()], skipped, filesSeen };
}
