import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openAuditLog } from '../../core/audit/index.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { readProvenance } from '../../core/review/read-provenance.js';
import { defaultStorePath } from '../../core/store/index.js';
import { fixture, tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('delineate segment and demo on a real CT', () => {
  it('segment: CT → External and Bones as an unapproved AI-draft RTSTRUCT that passes dciodvfy, recorded in the audit log', async () => {
    const dir = tempDir('segment-ct-');
    const out = join(dir, 'RS.dcm');
    const data = join(dir, 'data');
    const r = await run('segment', CT, '--out', out, '--data', data);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/model ct-classical 1\.0\.0 \(sha256 [0-9a-f]{12}…\) ran on cpu/);
    expect(r.out).toMatch(/inference\s+ct-classical \d+\.\d\d s/);
    const check = dciodvfy(out);
    expect(check.errors, check.output).toEqual([]);
    const set = readRtStruct(out);
    expect(set.rois.map((roi) => [roi.number, roi.name, roi.interpretedType, roi.generationAlgorithm])).toEqual([
      [1, 'External', 'EXTERNAL', 'AUTOMATIC'],
      [2, 'Bones', 'ORGAN', 'AUTOMATIC'],
    ]);
    const provenance = readProvenance(readDicomFile(out).dataset);
    expect(provenance.approval.status).toBe('UNAPPROVED');
    expect(provenance.models.map((m) => m.id)).toEqual(['ct-classical']);
    expect(provenance.problems).toEqual([]);
    const { volume } = await loadSeriesFromFolder(CT);
    const rasters = rasterizeStructureSet(set, volume);
    expect(rasters[0]!.voxels).toBeGreaterThan(600_000);
    const log = openAuditLog(defaultStorePath(data));
    try {
      const entries = log.list();
      expect(entries.map((e) => [e.action, e.subject])).toEqual([['model-run', volume.seriesInstanceUid]]);
      expect(log.verify().ok).toBe(true);
    } finally {
      log.close();
    }
  });

  it('segment: clear one-line errors for bad input', async () => {
    const dir = tempDir('segment-bad-');
    const cases = [
      await run('segment', '/no/such/folder', '--out', join(dir, 'a.dcm')),
      await run('segment', CT, '--out', join(dir, 'a.nii')),
      await run('segment', CT, '--out', join(dir, 'a.dcm'), '--model', 'no-such-model', '--data', dir),
      await run('segment', CT, '--out', join(dir, 'a.dcm'), '--provider', 'tpu'),
      await run('segment', fixture('mirp-sts/STS_002/MR_T1/dicom/image'), '--out', join(dir, 'mr.dcm'), '--data', dir),
      await run('segment', CT, '--out', join(dir, 'no/such/folder/a.dcm')),
    ];
    for (const c of cases) {
      expect(c.code).not.toBe(0);
      expect(c.err.trim().split('\n')).toHaveLength(1);
    }
    expect(cases[0]!.err).toMatch(/\/no\/such\/folder: cannot be read \(ENOENT\)/);
    expect(cases[1]!.err).toMatch(/--out must name the RT Structure Set file to write/);
    expect(cases[2]!.err).toMatch(/no-such-model/);
    expect(cases[3]!.err).toMatch(/unknown provider 'tpu'/);
    // Brain models on a thigh MR would give a confident "Brain" in a leg: refused by body part.
    expect(cases[4]!.err).toMatch(/the brain models contour the head; this series' Body Part Examined is EXTREMITY/);
    expect(cases[5]!.err).toMatch(/cannot write .*a\.dcm: the folder .*no\/such\/folder does not exist/);
  });

  it('demo: the whole main job on the bundled sample, read back voxel-identical', async () => {
    const dir = tempDir('demo-');
    const r = await run('demo', '--out', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/External\s+\d+\.\d\d cc\s+AUTOMATIC, voxel-identical to the contoured mask/);
    expect(r.out).toMatch(/Done: 2 structure\(s\), AI draft, not approved/);
    expect(dciodvfy(join(dir, 'RS_demo.dcm')).errors).toEqual([]);
  });
});
