import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../core/api/backend.js';
import { createBackend } from '../../core/api/backend.js';
import type { ApiEvent, SeriesInfo } from '../../core/api/contract.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { openAuditLog } from '../../core/audit/index.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { readProvenance } from '../../core/review/read-provenance.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { openStudyStore, STORE_FILE_NAME } from '../../core/store/index.js';
import { fixture } from '../support/paths.js';
import { seriesWithGap } from '../support/series-gap.js';
import { dciodvfy } from '../support/tools.js';

/**
 * The backend behind the API contract, called as the renderer calls it, on the bundled sample
 * (mirp-sts STS_002). References are independent of the API: the volume against loadSeries on
 * the folder, the GTV against the voxel count published with the dataset (SOURCE.md: 17,090).
 */
let backend: Backend;
let dataDir: string;
const events: ApiEvent[] = [];
let series: SeriesInfo[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'delineate-backend-'));
  backend = createBackend({ shell: 'web', dataDir, sampleStudyDir: fixture('mirp-sts') });
  mkdirSync(join(dataDir, 'exports'));
  backend.onEvent((e) => events.push(e));
});

afterAll(() => {
  backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the classical CT contours find on the sample CT (cropped round a thigh sarcoma: no lungs, no air cavity). */
const DRAFTS = ['External', 'Bones'];

const seriesOf = (modality: string): SeriesInfo => {
  const s = series.find((x) => x.modality === modality);
  if (!s) throw new Error(`no ${modality} series`);
  return s;
};

describe('backend (core/api/backend.ts)', () => {
  it('offers the sample study on first run, imports it with progress, and lists what it holds', async () => {
    expect((await backend.api.appInfo({})).firstRun).toBe(true);
    const result = await backend.api.importSample({ jobId: 'import-1' });
    expect(result.seriesAdded).toBe(4);
    expect(result.skipped).toBe(6);
    expect(events.some((e) => e.jobId === 'import-1' && e.progress.task === 'import')).toBe(true);
    expect((await backend.api.appInfo({})).firstRun).toBe(false);
    const [patient] = await backend.api.listPatients({});
    const [study] = await backend.api.listStudies({ patientId: patient!.patientId });
    series = [...(await backend.api.listSeries({ studyUid: study!.studyInstanceUid }))];
    expect(series.map((s) => s.modality).sort()).toEqual(['CT', 'MR', 'RTSTRUCT', 'RTSTRUCT']);
    expect(series.filter((s) => s.viewable).map((s) => s.modality).sort()).toEqual(['CT', 'MR']);
    const report = await backend.api.importReport({ importId: result.importId });
    expect(report.skippedFiles).toHaveLength(6);
    expect(report.skippedFiles.every((f) => f.reason.length > 0)).toBe(true);
    // A folder holding a copy of a slice already known: counted, not lost between the figures; the
    // database keeps reading the file it knows, which is still there (the copy may be deleted).
    const again = join(dataDir, 'again');
    mkdirSync(again);
    const ctDir = fixture('mirp-sts/STS_002/CT/dicom/image');
    copyFileSync(join(ctDir, readdirSync(ctDir).sort()[0]!), join(again, 'copy.dcm'));
    writeFileSync(join(again, 'notes.txt'), 'not DICOM');
    const second = await backend.api.importFolder({ jobId: 'import-2', path: again });
    expect(second).toMatchObject({ filesSeen: 2, instancesAdded: 0, instancesUnchanged: 1, instancesRelocated: 0, skipped: 1, conflicts: 0 });
    const store = openStudyStore(join(dataDir, STORE_FILE_NAME));
    try {
      const paths = store.seriesInstances(seriesOf('CT').seriesInstanceUid).map((i) => i.path);
      expect(paths).toHaveLength(48);
      expect(paths.filter((p) => p.startsWith(again))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('loads the CT as binary voxels with the exact geometry of loadSeries', async () => {
    const ct = seriesOf('CT');
    const { meta, voxels } = await backend.api.loadVolume({ jobId: 'load-ct', seriesUid: ct.seriesInstanceUid });
    const reference = await loadSeriesFromFolder(fixture('mirp-sts/STS_002/CT/dicom/image'));
    expect(meta.dims).toEqual([...reference.volume.dims]);
    expect(meta.ijkToLps).toEqual([...reference.volume.ijkToLps]);
    expect(meta.dataType).toBe('int16');
    expect(voxels).toBeInstanceOf(ArrayBuffer);
    expect(new Int16Array(voxels)).toEqual(reference.volume.data);
    expect(meta.percentiles.p1).toBeLessThan(meta.percentiles.p99);
  });

  it('rasterises the study RTSTRUCT onto the CT: 17,090 voxels, as published', async () => {
    const ct = seriesOf('CT');
    const sets = await backend.api.listStructureSets({ seriesUid: ct.seriesInstanceUid });
    expect(sets).toHaveLength(2);
    const path = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');
    await expect(backend.api.loadStructureSet({ jobId: 'rt-0', seriesUid: ct.seriesInstanceUid, path })).rejects.toThrow(/say who you are first/);
    await backend.api.saveSettings({ settings: { reviewer: { name: 'Ada Tester', role: 'dosimetrist' }, sequentialReading: true } });
    const [gtv] = (await backend.api.loadStructureSet({ jobId: 'rt-1', seriesUid: ct.seriesInstanceUid, path })).changed;
    expect(gtv!.name).toBe('GTV_Mass_CT');
    expect(gtv!.voxelCount).toBe(17090);
    expect(gtv!.color).toEqual([255, 0, 0]);
    const box = gtv!.box!;
    const boxVoxels = (box.hi[0] - box.lo[0] + 1) * (box.hi[1] - box.lo[1] + 1) * (box.hi[2] - box.lo[2] + 1);
    expect(gtv!.mask.byteLength).toBe(boxVoxels);
    expect(new Uint8Array(gtv!.mask).reduce((a, v) => a + v, 0)).toBe(17090);
    expect(gtv!.volumeCc).toBeGreaterThan(0);
  });

  it('exports the structures as an RTSTRUCT that dciodvfy accepts and that reads back', async () => {
    const ct = seriesOf('CT');
    const loaded = await backend.api.loadStructureSet({ jobId: 'rt-2', seriesUid: ct.seriesInstanceUid, path: fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm') });
    // Loaded twice: names stay unique on the series, and the user is told.
    expect(loaded.changed.map((s) => s.name)).toEqual(['GTV_Mass_CT_2']);
    expect(loaded.warnings).toContain("'GTV_Mass_CT' already exists on this series; the new one is named 'GTV_Mass_CT_2'");
    const gtv = loaded.changed[0];
    const out = join(dataDir, 'exports', 'RS_test.dcm');
    const result = await backend.api.exportStructureSet({ jobId: 'export-1', seriesUid: ct.seriesInstanceUid, structureIds: [gtv!.id], path: out });
    expect(result.contourCount).toBeGreaterThan(0);
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    const back = readRtStruct(out);
    expect(back.rois.map((r) => r.name)).toEqual(['GTV_Mass_CT_2']);
    // The planning system's MANUAL contour leaves as MANUAL (regression: it was written AUTOMATIC).
    expect(back.rois.map((r) => r.generationAlgorithm)).toEqual(['MANUAL']);
    // Nobody approved it here: the file says so.
    expect(result.approvalStatus).toBe('UNAPPROVED');
    expect(back.referencedSeriesUids).toEqual([ct.seriesInstanceUid]);
  });

  it('exports APPROVED, with the reviewer, only once every structure in the file is approved; a new revision makes it UNAPPROVED again', async () => {
    const ct = seriesOf('CT');
    const state = await backend.api.workspace({ seriesUid: ct.seriesInstanceUid });
    const gtv = state.changed.find((s) => s.name === 'GTV_Mass_CT')!;
    await backend.api.saveSettings({ settings: { reviewer: { name: 'Oncologist^Grace', role: 'physician' }, sequentialReading: true } });
    await expect(backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: gtv.id, action: 'approve' })).rejects.toThrow(/has not opened/);
    await backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: gtv.id, action: 'open' });
    const approved = (await backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: gtv.id, action: 'approve', comment: 'agreed' })).changed[0]!;
    expect(approved.review).toMatchObject({ state: 'approved', locked: true, generationAlgorithm: 'MANUAL' });
    const out = join(dataDir, 'exports', 'RS_approved.dcm');
    const result = await backend.api.exportStructureSet({ jobId: 'export-2', seriesUid: ct.seriesInstanceUid, structureIds: [gtv.id], path: out });
    expect(result.approvalStatus).toBe('APPROVED');
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    const provenance = readProvenance(readDicomFile(out).dataset);
    expect(provenance.problems).toEqual([]);
    expect(provenance.approval).toMatchObject({ status: 'APPROVED', reviewerName: 'Oncologist^Grace' });
    expect(provenance.rois[0]).toMatchObject({ name: 'GTV_Mass_CT', generationAlgorithm: 'MANUAL', interpreter: 'Oncologist^Grace' });
    expect(provenance.rois[0]!.record).toMatchObject({ state: 'approved', origin: 'imported', importedAlgorithm: 'MANUAL' });
    // Locked: an edit is refused, naming why.
    await expect(backend.api.editStructures({ jobId: 'e1', seriesUid: ct.seriesInstanceUid, edit: { kind: 'fill-holes', structureId: gtv.id } })).rejects.toThrow(/approved .* locked/);
    await backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: gtv.id, action: 'new-revision', comment: 'extend' });
    const again = await backend.api.exportStructureSet({ jobId: 'export-3', seriesUid: ct.seriesInstanceUid, structureIds: [gtv.id], path: join(dataDir, 'exports', 'RS_revised.dcm') });
    expect(again.approvalStatus).toBe('UNAPPROVED');
    // Every act is in the hash-chained audit log, which verifies.
    const log = openAuditLog(join(dataDir, STORE_FILE_NAME));
    expect(log.verify().ok).toBe(true);
    expect(log.list().filter((e) => e.action === 'export').map((e) => (e.details as { approvalStatus: string }).approvalStatus)).toEqual(['UNAPPROVED', 'APPROVED', 'UNAPPROVED']);
    log.close();
  });

  it('tabulates the GTVs on the series (volume, diameters, centroid) and writes the table as CSV', async () => {
    const ct = seriesOf('CT');
    const state = await backend.api.workspace({ seriesUid: ct.seriesInstanceUid });
    const rows = await backend.api.lesionTable({ seriesUid: ct.seriesInstanceUid });
    expect(rows.map((r) => r.name)).toEqual(['GTV_Mass_CT', 'GTV_Mass_CT_2']);
    const gtv = state.changed.find((s) => s.name === 'GTV_Mass_CT')!;
    expect(rows[0]!.structureId).toBe(gtv.id);
    expect(rows[0]!.volumeCc).toBeCloseTo(gtv.volumeCc, 9);
    expect(rows[0]!.longestDiameter3dMm).toBeGreaterThanOrEqual(rows[0]!.longestDiameterAxialMm);
    expect(rows[0]!.nearestOar).toBeNull();
    const csv = join(dataDir, 'exports', 'lesions.csv');
    expect(await backend.api.exportLesionTable({ seriesUid: ct.seriesInstanceUid, path: csv })).toEqual({ path: csv, rows: 2 });
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Structure,Voxels,Volume \(cc\),/);
    expect(lines[1]!.startsWith('GTV_Mass_CT,17090,')).toBe(true);
    // Every row says whose images it measures: the patient ID from the series' own header, and the series.
    const patientId = String(readDicomFile(join(fixture('mirp-sts'), 'STS_002/CT/dicom/image', readdirSync(join(fixture('mirp-sts'), 'STS_002/CT/dicom/image'))[0]!)).dataset['PatientID']);
    expect(lines[1]!.endsWith(`,${patientId},${ct.seriesInstanceUid}`)).toBe(true);
    await expect(backend.api.exportLesionTable({ seriesUid: ct.seriesInstanceUid, path: join(dataDir, 'exports') })).rejects.toThrow(/it is a folder/);
    // A GTV a reviewer rejected is not a target: the table and the CSV leave it out.
    const second = state.changed.find((s) => s.name === 'GTV_Mass_CT_2')!;
    await backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: second.id, action: 'open' });
    await backend.api.reviewStructure({ seriesUid: ct.seriesInstanceUid, structureId: second.id, action: 'reject', comment: 'a duplicate of the first load' });
    expect((await backend.api.lesionTable({ seriesUid: ct.seriesInstanceUid })).map((r) => r.name)).toEqual(['GTV_Mass_CT']);
  });

  it('exports only to a full path in an existing folder, and replaces a file only when the user confirmed it', async () => {
    const ct = seriesOf('CT');
    const gtv = (await backend.api.workspace({ seriesUid: ct.seriesInstanceUid })).changed.find((s) => s.name === 'GTV_Mass_CT')!;
    const exportTo = (path: string, overwrite?: boolean): Promise<unknown> =>
      backend.api.exportStructureSet({ jobId: `export-${path}`, seriesUid: ct.seriesInstanceUid, structureIds: [gtv.id], path, ...(overwrite !== undefined ? { overwrite } : {}) });
    await expect(exportTo('')).rejects.toThrow(/^give the path of the file to write$/);
    await expect(exportTo('  ')).rejects.toThrow(/^give the path of the file to write$/);
    // A relative path would land wherever the application happened to start.
    await expect(exportTo('RS.dcm')).rejects.toThrow(/^cannot write RS\.dcm: give the full path of the file, from the top of the disk/);
    // A mistyped folder is not created.
    const typo = join(dataDir, 'exprots', 'RS.dcm');
    await expect(exportTo(typo)).rejects.toThrow(`cannot write ${typo}: the folder ${join(dataDir, 'exprots')} does not exist`);
    expect(statSync(join(dataDir, 'exprots'), { throwIfNoEntry: false })).toBeUndefined();
    await expect(exportTo(join(dataDir, 'exports'))).rejects.toThrow(/it is a folder$/);
    // An existing file is kept, byte for byte, until the user says to replace it.
    const existing = join(dataDir, 'exports', 'RS_existing.dcm');
    writeFileSync(existing, 'a plan the user made earlier');
    const refused = exportTo(existing);
    await expect(refused).rejects.toThrow(`${existing} already exists; confirm to replace it, or choose another name`);
    await expect(refused).rejects.toMatchObject({ name: 'FileExistsError' });
    expect(readFileSync(existing, 'utf8')).toBe('a plan the user made earlier');
    await exportTo(existing, true);
    expect(readRtStruct(existing).rois.map((r) => r.name)).toEqual(['GTV_Mass_CT']);
    // The lesion table follows the same rules.
    const csv = join(dataDir, 'exports', 'lesions.csv');
    await expect(backend.api.exportLesionTable({ seriesUid: ct.seriesInstanceUid, path: csv })).rejects.toMatchObject({ name: 'FileExistsError' });
    await expect(backend.api.exportLesionTable({ seriesUid: ct.seriesInstanceUid, path: 'lesions.csv' })).rejects.toThrow(/give the full path/);
    expect((await backend.api.exportLesionTable({ seriesUid: ct.seriesInstanceUid, path: csv, overwrite: true })).rows).toBe(1);
  });

  it('cancels a running job with an AbortError', async () => {
    const mr = seriesOf('MR');
    const pending = backend.api.loadVolume({ jobId: 'load-mr', seriesUid: mr.seriesInstanceUid });
    expect(await backend.api.cancelJob({ jobId: 'load-mr' })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await backend.api.cancelJob({ jobId: 'no-such-job' })).toEqual({ cancelled: false });
    // The CT is in memory already, so its load would finish at once: cancelled, it still says so.
    const ct = seriesOf('CT');
    const cached = backend.api.loadVolume({ jobId: 'load-ct', seriesUid: ct.seriesInstanceUid });
    expect(await backend.api.cancelJob({ jobId: 'load-ct' })).toEqual({ cancelled: true });
    await expect(cached).rejects.toMatchObject({ name: 'AbortError' });
    expect((await backend.api.loadVolume({ jobId: 'load-ct-2', seriesUid: ct.seriesInstanceUid })).meta.seriesInstanceUid).toBe(ct.seriesInstanceUid);
  });

  it('says at import which series cannot open as one volume (a missing slice), naming the series and the gap', async () => {
    const gap = await seriesWithGap(fixture('mirp-sts/STS_002/MR_T1/dicom/image'), 10, 'backend-gap-');
    const result = await backend.api.importFolder({ jobId: 'import-gap', path: gap });
    expect(result.seriesProblems).toHaveLength(1);
    const [problem] = result.seriesProblems!;
    expect([problem!.modality, problem!.seriesDescription]).toEqual(['MR', 'IBSI_1_STS_002_MR_T1_image']);
    expect(problem!.problems).toEqual([expect.stringMatching(/^slice positions are not on a regular grid: a step of 6\.540 mm .*slices 10 and 11 of 34.*missing slices\?/)]);
    // The history keeps what was recorded, not what the folder lacked.
    expect((await backend.api.importHistory({})).at(-1)).not.toHaveProperty('seriesProblems');
  });

  it('auto-contours the CT with the classical contours: offered first for CT, AI drafts naming ct-classical and its thresholds hash, the run in the audit log; refused on an MR', async () => {
    const ct = seriesOf('CT');
    const classical = (await backend.api.listModels({})).models[0]!;
    expect([classical.id, classical.modality, classical.site, classical.structures]).toEqual(['ct-classical', 'CT', false, ['External', 'Bones', 'Lungs', 'Cavity_Air']]);
    expect(classical.weightsSha256).toMatch(/^[0-9a-f]{64}$/);
    const before = (await backend.api.workspace({ seriesUid: ct.seriesInstanceUid })).changed.length;
    await backend.api.runSegmentation({ jobId: 'segment-ct', seriesUid: ct.seriesInstanceUid, modelIds: ['ct-classical'] });
    await backend.api.recordImageLook({ seriesUid: ct.seriesInstanceUid });
    const state = await backend.api.workspace({ seriesUid: ct.seriesInstanceUid });
    const drafts = state.changed.filter((s) => s.origin === `ct-classical ${classical.version}`);
    expect(state.changed.length - before).toBe(drafts.length);
    expect(drafts.map((s) => s.name)).toEqual(DRAFTS);
    for (const d of drafts) {
      expect([d.source, d.review.state, d.review.generationAlgorithm]).toEqual(['model', 'ai-draft', 'AUTOMATIC']);
      expect(d.review.provenance).toContain(classical.weightsSha256);
      expect(d.voxelCount).toBeGreaterThan(0);
    }
    const log = openAuditLog(join(dataDir, STORE_FILE_NAME));
    try {
      const run = log.list().filter((e) => e.action === 'model-run').at(-1)!;
      expect(run.subject).toBe(ct.seriesInstanceUid);
      expect(JSON.stringify(run.details)).toContain(`"weightsSha256":"${classical.weightsSha256}"`);
    } finally {
      log.close();
    }
    const mr = seriesOf('MR');
    await backend.api.loadVolume({ jobId: 'load-mr-classical', seriesUid: mr.seriesInstanceUid });
    await expect(backend.api.runSegmentation({ jobId: 'segment-mr', seriesUid: mr.seriesInstanceUid, modelIds: ['ct-classical'] })).rejects.toThrow(
      'ct-classical contours CT in Hounsfield units; this series is MR',
    );
  });

  it('refuses to segment or export a series that is not loaded', async () => {
    await expect(backend.api.runSegmentation({ jobId: 's', seriesUid: '1.2.3', modelIds: ['brainchop-brain-mask'] })).rejects.toThrow(/not loaded/);
  });
});
