import { writeFileSync } from 'node:fs';
import { lesionTable, lesionTableCsv, type LesionRow as CoreLesionRow } from '../lesion/index.js';
import type { LesionRow } from './contract.js';
import type { SeriesSessions } from './series-sessions.js';
import { readDicomFile } from '../dicom/read-dicom-file.js';
import { text } from '../rt/dataset-values.js';

/** The core lesion table for the structures the user can see on a loaded series (rejected ones left out), with their ids. */
function tableFor(sessions: SeriesSessions, seriesUid: string): { rows: CoreLesionRow[]; ids: string[] } {
  const { workspace, volume } = sessions.openWorkspace(seriesUid);
  // A GTV a reviewer rejected is not a target to measure or report.
  const visible = workspace.visibleStructures().filter((s) => workspace.review(s.content.id)?.state !== 'rejected');
  const rows = lesionTable(visible.map((s) => ({ name: s.content.name, type: s.content.interpretedType, mask: s.mask })), volume);
  const byName = new Map(visible.map((s) => [s.content.name, s.content.id]));
  return { rows, ids: rows.map((r) => byName.get(r.name)!) };
}

export function lesionRows(sessions: SeriesSessions, seriesUid: string): LesionRow[] {
  const { rows, ids } = tableFor(sessions, seriesUid);
  return rows.map((r, n) => ({
    structureId: ids[n]!,
    name: r.name,
    volumeCc: r.volumeCc,
    longestDiameter3dMm: r.diameter3dMm,
    longestDiameterAxialMm: r.axialDiameterMm,
    centroidLps: r.centroidLps ? [r.centroidLps[0], r.centroidLps[1], r.centroidLps[2]] : null,
    nearestOar: r.nearestOrgan ? { name: r.nearestOrgan.name, distanceMm: r.nearestOrgan.distanceMm } : null,
  }));
}

/** The lesion table as CSV at `path`, which the caller has checked (core/files/output-file.ts). */
export function writeLesionCsv(sessions: SeriesSessions, seriesUid: string, path: string): { path: string; rows: number } {
  const { rows } = tableFor(sessions, seriesUid);
  // The patient as the series' own header names them (the file loadSeries took its attributes from).
  const patientId = text(readDicomFile(sessions.openWorkspace(seriesUid).referencePath).dataset, 'PatientID');
  writeFileSync(path, lesionTableCsv(rows, { patientId, seriesInstanceUid: seriesUid }), 'utf8');
  return { path, rows: rows.length };
}
