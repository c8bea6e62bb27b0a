import type { LesionRow } from './lesion-table.js';

/** Column headings, units in brackets; the order of every CSV row. */
export const LESION_CSV_HEADER = [
  'Structure',
  'Voxels',
  'Volume (cc)',
  'Longest diameter 3D (mm)',
  'Longest axial diameter (mm)',
  'Axial slice (index)',
  'Centroid x LPS (mm)',
  'Centroid y LPS (mm)',
  'Centroid z LPS (mm)',
  'Nearest organ at risk',
  'Distance to nearest organ at risk (mm)',
  'Patient ID',
  'Series Instance UID',
] as const;

/** Whose images the table measures: on every row, so a row copied elsewhere still says. */
export interface LesionCsvSource {
  readonly patientId: string;
  readonly seriesInstanceUid: string;
}

/**
 * The lesion table as CSV (RFC 4180): CRLF line ends, every line the same number of fields, fields
 * holding a comma, quote or line break in double quotes with quotes doubled. Empty fields mean
 * "none" (no voxels, no organ at risk). Volumes to 0.001 cc, lengths to 0.01 mm: finer than any
 * voxel, so rounding never changes a reading. A structure name that a spreadsheet would run as a
 * formula (leading =, +, -, @, tab or CR) is written with a leading apostrophe (OWASP CSV injection).
 */
export function lesionTableCsv(rows: readonly LesionRow[], source: LesionCsvSource = { patientId: '', seriesInstanceUid: '' }): string {
  const lines = [LESION_CSV_HEADER.map(field), ...rows.map((r) => [...rowFields(r), text(source.patientId), source.seriesInstanceUid].map(field))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

function rowFields(r: LesionRow): string[] {
  const mm = (v: number): string => v.toFixed(2);
  return [
    text(r.name),
    String(r.voxelCount),
    r.volumeCc.toFixed(3),
    mm(r.diameter3dMm),
    mm(r.axialDiameterMm),
    r.axialSlice === null ? '' : String(r.axialSlice),
    ...(r.centroidLps ? r.centroidLps.map(mm) : ['', '', '']),
    r.nearestOrgan ? text(r.nearestOrgan.name) : '',
    r.nearestOrgan ? mm(r.nearestOrgan.distanceMm) : '',
  ];
}

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
