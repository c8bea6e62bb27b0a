import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../core/api/backend.js';
import { createBackend } from '../../core/api/backend.js';
import type { ApiEvent, SeriesInfo } from '../../core/api/contract.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { fixture } from '../support/paths.js';
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
  backend.onEvent((e) => events.push(e));
});

afterAll(() => {
  backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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
    const [gtv] = await backend.api.loadStructureSet({ jobId: 'rt-1', seriesUid: ct.seriesInstanceUid, path });
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
    const [gtv] = await backend.api.loadStructureSet({ jobId: 'rt-2', seriesUid: ct.seriesInstanceUid, path: fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm') });
    const out = join(dataDir, 'exports', 'RS_test.dcm');
    const result = await backend.api.exportStructureSet({ jobId: 'export-1', seriesUid: ct.seriesInstanceUid, structureIds: [gtv!.id], path: out });
    expect(result.contourCount).toBeGreaterThan(0);
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    const back = readRtStruct(out);
    expect(back.rois.map((r) => r.name)).toEqual(['GTV_Mass_CT']);
    // The planning system's MANUAL contour leaves as MANUAL (regression: it was written AUTOMATIC).
    expect(back.rois.map((r) => r.generationAlgorithm)).toEqual(['MANUAL']);
    expect(back.referencedSeriesUids).toEqual([ct.seriesInstanceUid]);
  });

  it('cancels a running job with an AbortError', async () => {
    const mr = seriesOf('MR');
    const pending = backend.api.loadVolume({ jobId: 'load-mr', seriesUid: mr.seriesInstanceUid });
    expect(await backend.api.cancelJob({ jobId: 'load-mr' })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await backend.api.cancelJob({ jobId: 'no-such-job' })).toEqual({ cancelled: false });
  });

  it('refuses to segment or export a series that is not loaded', async () => {
    await expect(backend.api.runSegmentation({ jobId: 's', seriesUid: '1.2.3', modelIds: ['brainchop-brain-mask'] })).rejects.toThrow(/not loaded/);
  });
});
