import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ScannedInstance, ScanReport } from '../../core/import/scan-types.js';

/** Deterministic fake content hash: the store only compares hashes, it never reads files. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

export interface FixtureOptions {
  readonly root?: string;
  readonly slices?: number;
  /** Prefix for every UID, so two fixtures can describe disjoint data. */
  readonly uidRoot?: string;
  readonly patientId?: string;
}

/**
 * One patient, one study, a CT series of `slices` instances listed in scrambled order (the last slice
 * without an Instance Number) and a one-file RTSTRUCT series, plus one skipped file — the shape a
 * scan of a typical planning-CT export folder produces.
 */
export function planningCtScan(options: FixtureOptions = {}): ScanReport {
  const root = options.root ?? '/data/export';
  const slices = options.slices ?? 5;
  const uid = options.uidRoot ?? '1.2.826.0.1.3680043.10.1234';
  const ctInstances: ScannedInstance[] = [];
  for (let n = 1; n <= slices; n++) {
    const path = join(root, 'CT', `slice-${String(n).padStart(4, '0')}.dcm`);
    ctInstances.push({
      path,
      sizeBytes: 526_000 + n,
      contentSha256: sha256(`${uid}.3.${n}`),
      transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
      sopClassUid: CT_IMAGE_STORAGE,
      sopInstanceUid: `${uid}.3.${n}`,
      ...(n === slices ? {} : { instanceNumber: n }),
      numberOfFrames: 1,
      rows: 512,
      columns: 512,
    });
  }
  // Scrambled, so tests prove the store orders by Instance Number rather than by insertion.
  ctInstances.reverse();
  return {
    root,
    filesSeen: slices + 2,
    skipped: [{ path: join(root, 'DICOMDIR'), reason: 'media directory, not an image' }],
    patients: [
      {
        patientId: options.patientId ?? 'RT-0001',
        patientName: 'PHANTOM^PELVIS',
        birthDate: '19700101',
        sex: 'O',
        studies: [
          {
            studyInstanceUid: `${uid}.1`,
            studyDate: '20240315',
            studyDescription: 'Planning CT',
            accessionNumber: 'ACC1',
            series: [
              { seriesInstanceUid: `${uid}.2.1`, modality: 'CT', seriesNumber: 2, seriesDescription: 'Pelvis 2mm', frameOfReferenceUid: `${uid}.9`, instances: ctInstances },
              {
                seriesInstanceUid: `${uid}.2.2`,
                modality: 'RTSTRUCT',
                seriesNumber: 1,
                seriesDescription: 'Structures',
                frameOfReferenceUid: `${uid}.9`,
                instances: [
                  {
                    path: join(root, 'RS.dcm'),
                    sizeBytes: 90_000,
                    contentSha256: sha256(`${uid}.4.1`),
                    transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
                    sopClassUid: RT_STRUCTURE_SET_STORAGE,
                    sopInstanceUid: `${uid}.4.1`,
                    instanceNumber: 1,
                    numberOfFrames: 1,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** A deep copy with every instance passed through `change`, for conflict and relocation cases. */
export function mapInstances(report: ScanReport, change: (instance: ScannedInstance) => ScannedInstance): ScanReport {
  return {
    ...report,
    patients: report.patients.map((p) => ({
      ...p,
      studies: p.studies.map((st) => ({ ...st, series: st.series.map((se) => ({ ...se, instances: se.instances.map(change) })) })),
    })),
  };
}
