import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/command.js';
import { command as niftiToRtstruct } from '../../cli/commands/nifti-to-rtstruct.js';
import { command as rtstructToNifti } from '../../cli/commands/rtstruct-to-nifti.js';
import { LPS_TO_RAS, maxAbsDifference, multiply } from '../../core/geometry/mat4.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { fixture, tempDir } from '../support/paths.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';
import { dciodvfy } from '../support/tools.js';
import { differingVoxels, voxelCount } from './support/roundtrip.js';
import { niftiMaskOnGrid } from './support/mirp.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const RS = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');
const MASK = fixture('mirp-sts/STS_002/CT/nifti/mask/mask.nii.gz');

async function run(cmd: typeof rtstructToNifti, ...argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  try {
    const code = await cmd.run(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    return { code: 1, out: out.join('\n'), err: `${err.join('\n')}${error instanceof Error ? error.message : String(error)}` };
  }
}

describe('rtstruct-to-nifti and nifti-to-rtstruct (fixture mirp-sts STS_002 CT)', async () => {
  const { volume } = await loadSeriesFromFolder(CT);
  const reference = niftiMaskOnGrid(MASK, volume);

  it('rtstruct-to-nifti writes roi-<n>.nii.gz on the image grid (affine LPS_TO_RAS × ijkToLps) and index.json', async () => {
    const outDir = tempDir('cli-rs2nii-');
    const r = await run(rtstructToNifti, RS, '--image', CT, '--out', outDir);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['index.json', 'roi-1.nii.gz']);
    expect(JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'))).toEqual([
      { number: 1, name: 'GTV_Mass_CT', type: 'GTV', color: [255, 0, 0], file: 'roi-1.nii.gz', voxels: 17090, contours: 16, algorithm: 'MANUAL' },
    ]);
    const nii = readNiftiFile(join(outDir, 'roi-1.nii.gz'));
    expect(nii.data).toBeInstanceOf(Uint8Array);
    expect(maxAbsDifference(nii.ijkToRas, multiply(LPS_TO_RAS, volume.ijkToLps))).toBeLessThan(1e-4);
    expect(differingVoxels(niftiMaskOnGrid(join(outDir, 'roi-1.nii.gz'), volume), reference)).toBe(0);
  });

  it('rtstruct-to-nifti writes into a folder that is not empty only with --force, and then leaves no earlier mask behind', async () => {
    const outDir = tempDir('cli-rs2nii-again-');
    expect((await run(rtstructToNifti, RS, '--image', CT, '--out', outDir)).code).toBe(0);
    // A mask of an earlier run that this structure set lacks, and a file of the user's.
    writeFileSync(join(outDir, 'roi-7.nii.gz'), 'earlier');
    writeFileSync(join(outDir, 'notes.txt'), 'mine');
    const again = await run(rtstructToNifti, RS, '--image', CT, '--out', outDir);
    expect(again.code).toBe(1);
    expect(again.err).toBe(`${outDir}: already holds masks (3 file(s): index.json, roi-<n>.nii.gz); pass --force to replace them`);
    const other = tempDir('cli-rs2nii-other-');
    writeFileSync(join(other, 'notes.txt'), 'mine');
    expect((await run(rtstructToNifti, RS, '--image', CT, '--out', other)).err).toBe(
      `${other}: is not empty (1 entries); pass --force to write the masks there (other files are left as they are)`,
    );
    const forced = await run(rtstructToNifti, RS, '--image', CT, '--out', outDir, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err).toContain(`replacing the 3 mask file(s) of an earlier run in ${outDir}`);
    expect(readdirSync(outDir).sort()).toEqual(['index.json', 'notes.txt', 'roi-1.nii.gz']);
    expect(readFileSync(join(outDir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(differingVoxels(niftiMaskOnGrid(join(outDir, 'roi-1.nii.gz'), volume), reference)).toBe(0);
    const file = join(outDir, 'roi-1.nii.gz');
    expect((await run(rtstructToNifti, RS, '--image', CT, '--out', file)).err).toBe(`${file}: exists and is not a folder; --out names the folder the masks go in`);
  });

  it('rtstruct-to-nifti refuses a structure set from another Frame of Reference, naming both UIDs', async () => {
    const other = '1.2.826.0.1.3680043.2.1125.1.99';
    const moved = join(tempDir('cli-for-rs-'), 'RS.dcm');
    rewriteDicom(fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm'), moved, (_meta, ds) => {
      for (const item of ds['ReferencedFrameOfReferenceSequence'] as Record<string, unknown>[]) item['FrameOfReferenceUID'] = other;
      for (const item of ds['StructureSetROISequence'] as Record<string, unknown>[]) item['ReferencedFrameOfReferenceUID'] = other;
    });
    const r = await run(rtstructToNifti, moved, '--image', CT, '--out', tempDir('cli-for-'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(other);
    expect(r.err).toContain(volume.frameOfReferenceUid);
  });

  it('rtstruct-to-nifti fails, naming the ROI, when its contours fill no voxel of the series (a shifted series)', async () => {
    const shifted = tempDir('cli-shifted-');
    for (const f of readdirSync(CT)) {
      rewriteDicom(join(CT, f), join(shifted, f), (_meta, ds) => {
        const ipp = ds['ImagePositionPatient'] as number[];
        ds['ImagePositionPatient'] = [ipp[0], ipp[1], Number(ipp[2]) + 500];
      });
    }
    const r = await run(rtstructToNifti, fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm'), '--image', shifted, '--out', tempDir('cli-shifted-out-'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/1 ROI\(s\) with contours fill no voxel of this series \(1 'GTV_Mass_CT'\): is it the series they were drawn on\?/);
  });

  it('nifti-to-rtstruct --masks round-trips the folder: same voxels, numbers, names, colours, types', async () => {
    const outDir = tempDir('cli-rt-');
    expect((await run(rtstructToNifti, RS, '--image', CT, '--out', outDir)).code).toBe(0);
    const rs = join(outDir, 'RS.dcm');
    const r = await run(niftiToRtstruct, '--masks', outDir, '--image', CT, '--out', rs);
    expect(r.code, r.err).toBe(0);
    expect(dciodvfy(rs).errors).toEqual([]);
    const set = readRtStruct(rs);
    expect(set.rois.map((x) => [x.number, x.name, x.color, x.interpretedType, x.generationAlgorithm])).toEqual([[1, 'GTV_Mass_CT', [255, 0, 0], 'GTV', 'MANUAL']]);
    expect(differingVoxels(rasterizeStructureSet(set, volume)[0]!.mask!, reference)).toBe(0);
  });

  it('nifti-to-rtstruct --labels: label value = ROI number, empty named ROIs kept, a flipped NIfTI accepted, SEG alongside', async () => {
    const dir = tempDir('cli-labels-');
    const [nx, ny, nz] = volume.dims;
    // Store the label map with rows reversed (a different but equivalent index order).
    const flipped = new Uint8Array(nx * ny * nz);
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const n = i + nx * (j + ny * k);
      const box = i >= 10 && i < 30 && j >= 5 && j < 25 && k >= 2 && k < 6;
      flipped[i + nx * (ny - 1 - j + ny * k)] = reference[n] ? 3 : box ? 5 : 0;
    }
    const a = multiply(LPS_TO_RAS, volume.ijkToLps);
    const flip = mat4<'IJK', 'IJK'>([1, 0, 0, 0, 0, -1, 0, ny - 1, 0, 0, 1, 0, 0, 0, 0, 1]);
    writeNiftiFile(join(dir, 'labels.nii.gz'), { dims: [nx, ny, nz, 1], data: flipped, ijkToRas: multiply(a, flip) });
    writeFileSync(join(dir, 'names.json'), JSON.stringify({
      3: { name: 'GTV', type: 'GTV', color: [255, 0, 0] },
      5: { name: 'Box', type: 'ORGAN', color: [0, 0, 255], algorithm: 'MANUAL' },
      9: { name: 'Nothing', type: 'ORGAN' },
    }));
    const rs = join(dir, 'RS.dcm'), seg = join(dir, 'SEG.dcm');
    const r = await run(niftiToRtstruct, '--labels', join(dir, 'labels.nii.gz'), '--names', join(dir, 'names.json'), '--image', CT, '--out', rs, '--seg', seg);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("warning: ROI 9: 'Nothing' is empty");
    expect(dciodvfy(rs).errors).toEqual([]);
    expect(dciodvfy(seg).errors).toEqual([]);
    const set = readRtStruct(rs);
    expect(set.rois.map((x) => [x.number, x.name, x.interpretedType, x.generationAlgorithm])).toEqual([
      // No algorithm in NAMES: the origin is unknown and written empty, never a guessed AUTOMATIC.
      [3, 'GTV', 'GTV', ''], [5, 'Box', 'ORGAN', 'MANUAL'], [9, 'Nothing', 'ORGAN', ''],
    ]);
    const rasters = rasterizeStructureSet(set, volume);
    expect(differingVoxels(rasters[0]!.mask!, reference)).toBe(0);
    expect(voxelCount(rasters[1]!.mask!)).toBe(20 * 20 * 4);
    expect(rasters[2]!.mask).toBeNull();
  });

  it('nifti-to-rtstruct refuses a NIfTI off the image grid and a label NAMES does not name', async () => {
    const dir = tempDir('cli-bad-');
    const [nx, ny, nz] = volume.dims;
    const shifted = multiply(LPS_TO_RAS, volume.ijkToLps).map((v, n) => (n === 3 ? v + 0.5 : v));
    writeNiftiFile(join(dir, 'shifted.nii.gz'), { dims: [nx, ny, nz, 1], data: new Uint8Array(nx * ny * nz), ijkToRas: mat4(shifted) });
    writeFileSync(join(dir, 'names.json'), JSON.stringify({ 1: { name: 'A' } }));
    const off = await run(niftiToRtstruct, '--labels', join(dir, 'shifted.nii.gz'), '--names', join(dir, 'names.json'), '--image', CT, '--out', join(dir, 'RS.dcm'));
    expect(off.code).toBe(1);
    expect(off.err).toMatch(/shifted\.nii\.gz is not on the image grid: voxel centres differ by up to 0\.4766 mm \(tolerance 0\.001 mm\)/);
    const labels = new Uint8Array(nx * ny * nz);
    labels[100] = 2;
    writeNiftiFile(join(dir, 'labels.nii.gz'), { dims: [nx, ny, nz, 1], data: labels, ijkToRas: multiply(LPS_TO_RAS, volume.ijkToLps) });
    const unnamed = await run(niftiToRtstruct, '--labels', join(dir, 'labels.nii.gz'), '--names', join(dir, 'names.json'), '--image', CT, '--out', join(dir, 'RS.dcm'));
    expect(unnamed.code).toBe(1);
    expect(unnamed.err).toMatch(/holds label value\(s\) 2 that .*names\.json does not name/);
    // A bare name where the ROI's object belongs: the message shows the form expected.
    writeFileSync(join(dir, 'names.json'), JSON.stringify({ 1: 'GTV' }));
    const bare = await run(niftiToRtstruct, '--labels', join(dir, 'labels.nii.gz'), '--names', join(dir, 'names.json'), '--image', CT, '--out', join(dir, 'RS.dcm'));
    expect(bare.code).toBe(1);
    expect(bare.err).toBe(`${join(dir, 'names.json')}: label 1: expected an object such as {"name": "GTV", "type": "GTV", "color": [255, 0, 0]} (type and color optional), got "GTV"`);
  });
});
