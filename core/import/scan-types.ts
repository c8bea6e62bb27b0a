/** What a folder scan finds: the hierarchy, and every file it could not use with the reason. */

export interface ScannedInstance {
  readonly path: string;
  readonly sizeBytes: number;
  /** sha256 of the bytes on disk, hex; empty when the scan was run without hashing (one-off conversions). */
  readonly contentSha256: string;
  readonly transferSyntaxUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly instanceNumber?: number;
  readonly numberOfFrames: number;
  readonly rows?: number;
  readonly columns?: number;
  readonly imageOrientationPatient?: readonly number[];
  readonly imagePositionPatient?: readonly number[];
}

export interface ScannedSeries {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber?: number;
  readonly seriesDescription: string;
  readonly frameOfReferenceUid?: string;
  readonly instances: ScannedInstance[];
}

export interface ScannedStudy {
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly accessionNumber: string;
  readonly series: ScannedSeries[];
}

export interface ScannedPatient {
  readonly patientId: string;
  readonly patientName: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly studies: ScannedStudy[];
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface ScanReport {
  readonly root: string;
  readonly patients: ScannedPatient[];
  readonly skipped: SkippedFile[];
  readonly filesSeen: number;
}
