/**
 * End to end on a real scanner series: the Philips 3D T1 (gzipped DICOM, 3.5° oblique sagittal)
 * → brain organs at risk → RT Structure Set → dciodvfy → read back onto the series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditLog } from '../../core/audit/index.js';
import { defaultStorePath } from '../../core/store/index.js';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { voxelVolumeCc } from '../../core/editing/mask-grid.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { sharedDataset, tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';

const PHILIPS = sharedDataset('dcm_qa/dcm_qa_philips_enh/In/cl');

function centroidX(mask: Uint8Array, dims: readonly number[], ijkToLps: readonly number[]): number {
  const [nx, ny] = dims as [number, number];
  let sx = 0, n = 0;
  for (let idx = 0; idx < mask.length; idx++) {
    if (!mask[idx]) continue;
    const i = idx % nx, j = Math.floor(idx / nx) % ny, k = Math.floor(idx / (nx * ny));
    sx += applyToPoint(ijkToLps as never, vec3<'IJK'>(i, j, k))[0];
    n++;
  }
  return sx / n;
}

describe('Philips 3D T1 DICOM → brain organs at risk → RTSTRUCT', () => {
  it('writes a valid structure set whose structures load back with plausible volumes on the correct side', async () => {
    const dir = tempDir('philips-brain-');
    const out = join(dir, 'RS.dcm');
    const lines: string[] = [];
    const code = await main(['segment', PHILIPS, '--out', out, '--data', join(dir, 'data')], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toMatch(/ran on cpu/);
    const check = dciodvfy(out);
    expect(check.errors, check.output).toEqual([]);
    const { volume } = await loadSeriesFromFolder(PHILIPS);
    const rasters = rasterizeStructureSet(readRtStruct(out), volume);
    const cc = voxelVolumeCc(volume);
    const byName = new Map(rasters.map((r) => [r.roi.name, r]));
    const volumeOf = (name: string): number => (byName.get(name)?.voxels ?? 0) * cc;
    // Adult reference ranges (cc), generous: brain 900–1800, brainstem 15–45, hippocampus 2–6.
    expect(volumeOf('Brain')).toBeGreaterThan(900);
    expect(volumeOf('Brain')).toBeLessThan(1800);
    expect(volumeOf('Brainstem')).toBeGreaterThan(15);
    expect(volumeOf('Brainstem')).toBeLessThan(45);
    for (const side of ['Hippocampus_L', 'Hippocampus_R']) {
      expect(volumeOf(side), side).toBeGreaterThan(2);
      expect(volumeOf(side), side).toBeLessThan(6);
    }
    // LPS: +x is the patient's left.
    const left = centroidX(byName.get('Hippocampus_L')!.mask!, volume.dims, volume.ijkToLps);
    const right = centroidX(byName.get('Hippocampus_R')!.mask!, volume.dims, volume.ijkToLps);
    const brainstem = centroidX(byName.get('Brainstem')!.mask!, volume.dims, volume.ijkToLps);
    expect(left).toBeGreaterThan(brainstem + 10);
    expect(right).toBeLessThan(brainstem - 10);
    for (const r of rasters) expect(r.roi.generationAlgorithm).toBe('AUTOMATIC');
  }, 600_000); // three models on 2 cores: about 80 s alone, several minutes when the machine is shared

  it('NIfTI input: masks and index.json, and the run recorded in the study database', async () => {
    const dir = tempDir('nifti-segment-');
    const t1 = sharedDataset('brainchop/t1_crop.nii.gz');
    const lines: string[] = [];
    const data = join(dir, 'data');
    const code = await main(['segment', t1, '--out', join(dir, 'out'), '--model', 'brainchop-brain-mask', '--data', data], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
    const index = JSON.parse(readFileSync(join(dir, 'out', 'index.json'), 'utf8')) as { name: string; file: string | null }[];
    expect(index.map((e) => e.name)).toEqual(['Brain']);
    const log = openAuditLog(defaultStorePath(data));
    try {
      const runs = log.list().filter((e) => e.action === 'model-run');
      expect(runs.map((e) => e.subject)).toEqual([t1]);
      expect(JSON.stringify(runs[0]!.details)).toMatch(/"status":"completed"/);
    } finally {
      log.close();
    }
  });
});
