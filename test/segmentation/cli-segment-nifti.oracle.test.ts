/**
 * `segmentNiftiToFolder` and `delineate models` (cli/commands). The input is brainchop's T1
 * re-stored in RAS voxel order, so the run exercises NIfTI RAS → LPS, a real conform
 * (resampling) and the nearest-neighbour return to a grid that is not the model grid.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { command as modelsCommand } from '../../cli/commands/models.js';
import type { RoiIndexEntry } from '../../cli/commands/segment-nifti.js';
import { command as segmentCommand, segmentNiftiToFolder } from '../../cli/commands/segment-nifti.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import type { SegmentationResult } from '../../core/workers/segment-in-worker.js';
import { sharedDataset, tempDir } from '../support/paths.js';
import { copyAsSitePackage } from './support/site-package.js';
import { readT1, reorientToRas } from './support/brainchop-reference.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('segmentNiftiToFolder on a RAS-stored head', () => {
  const dir = tempDir('delineate-segment-nifti-');
  const inputPath = join(dir, 't1_ras.nii.gz');
  const outDir = join(dir, 'out');
  const printed = capture();
  let result: SegmentationResult;
  beforeAll(async () => {
    const ras = reorientToRas(readT1());
    writeNiftiFile(inputPath, { dims: ras.dims, data: ras.data as Uint8Array, ijkToRas: ras.ijkToRas });
    result = await segmentNiftiToFolder(inputPath, outDir, ['brainchop-brain-mask'], { io: printed.io, threads: 2 });
  }, 300_000);

  it('writes index.json and one mask per structure on the input grid', () => {
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as RoiIndexEntry[];
    expect(index).toEqual([{ number: 1, name: 'Brain', type: 'ORGAN', color: [255, 230, 160], file: 'roi-1.nii.gz' }]);
    const input = readNiftiFile(inputPath);
    const roi = readNiftiFile(join(outDir, 'roi-1.nii.gz'));
    expect(roi.dims).toEqual(input.dims);
    expect([...roi.ijkToRas]).toEqual([...input.ijkToRas]);
    expect(roi.data).toBeInstanceOf(Uint8Array);
    expect(roi.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect(result.conformResampled).toBe(true);
  });

  it('the mask matches the reference brain mask, voxel for voxel within 1 %', () => {
    // Reference: model11_gw_ae labels > 0 on the original LIA grid, re-stored the same way as the input.
    const reference = readNiftiFile(sharedDataset('brainchop', 'reference_outputs', 't1_crop_model11_gw_ae_labels.nii.gz'));
    const expected = reorientToRas(reference).data;
    const roi = readNiftiFile(join(outDir, 'roi-1.nii.gz')).data;
    let both = 0, ours = 0, theirs = 0;
    for (let v = 0; v < roi.length; v++) {
      const a = roi[v] !== 0;
      const b = expected[v] !== 0;
      if (a) ours++;
      if (b) theirs++;
      if (a && b) both++;
    }
    const dice = (2 * both) / (ours + theirs);
    console.info(`RAS-stored input: Brain ${ours} voxels vs reference ${theirs}, Dice ${dice.toFixed(4)}`);
    expect(Math.abs(ours - theirs) / theirs).toBeLessThan(0.01);
    expect(dice).toBeGreaterThan(0.98);
  });

  it('prints the provider and the time of every stage', () => {
    expect(printed.out).toContainEqual(expect.stringMatching(/^brainchop-brain-mask 1\.0\.0: provider (cpu|cuda)/));
    expect(printed.out).toContainEqual(expect.stringMatching(/^ {2}inference +brainchop-brain-mask +\d+\.\d s$/));
    expect(printed.out.at(-1)).toBe(`1 structures written to ${outDir}`);
  });

  it('the command refuses a call without --out', async () => {
    await expect(segmentCommand.run([inputPath], capture().io)).rejects.toThrow('--out is required');
  });
});

describe('delineate models', () => {
  it('lists id, version, modality and structures of each installed model', async () => {
    const c = capture();
    expect(await modelsCommand.run(['--data', tempDir('delineate-models-data-')], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    expect(c.out).toContain('brainchop-aparc-aseg-104  version 1.0.0  MR  MIT');
    expect(c.out).toContainEqual(expect.stringMatching(/^ {4}structures: Brainstem, Hippocampus_L, Hippocampus_R, /));
    expect(c.out).toContain('    structures: Brain');
  });

  it('reports a site package whose weights fail their hash, and exits 1', async () => {
    const site = tempDir('delineate-site-models-');
    const { folder } = copyAsSitePackage(site, 'brainchop-brain-mask', 'site-brain-mask');
    writeFileSync(join(folder, 'model.onnx'), Buffer.alloc(94956));
    const c = capture();
    expect(await modelsCommand.run(['--data', tempDir('delineate-models-data-'), '--models-dir', site], c.io)).toBe(1);
    expect(c.err).toEqual([expect.stringMatching(new RegExp(`^refused: model package ${folder}: weights sha256 mismatch for model.onnx: manifest says [0-9a-f]{64}, file is [0-9a-f]{64}$`))]);
    expect(c.out.some((l) => l.startsWith('site-brain-mask'))).toBe(false);
  });

  it('lists a package placed in the data folder\'s models folder as a site model, as the application does', async () => {
    const data = tempDir('delineate-models-data-');
    copyAsSitePackage(join(data, 'models'), 'brainchop-brain-mask', 'site-brain-mask');
    const c = capture();
    expect(await modelsCommand.run(['--data', data], c.io)).toBe(0);
    expect(c.out[0]).toContain(join(data, 'models'));
    expect(c.out).toContainEqual(expect.stringMatching(new RegExp(`^site-brain-mask  version 1\\.0\\.0  MR  MIT  \\(site: ${join(data, 'models')}\\)$`)));
    // The classical CT contours are listed too, as the application's model picker offers them.
    expect(c.out.slice(1, 4)).toEqual([
      expect.stringMatching(/^ct-classical  version 1\.0\.0  CT  Apache-2\.0  \(built in: thresholds sha256 [0-9a-f]{12}…\)$/),
      '    CT body outline, bones, lungs and air cavities (Hounsfield thresholds, no trained weights)',
      '    structures: External, Bones, Lungs, Cavity_Air',
    ]);
  });
});
