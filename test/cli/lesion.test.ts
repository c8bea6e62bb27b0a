/**
 * `delineate lesion` (cli/commands/lesion.ts): one click on a NIfTI image and on a DICOM folder,
 * the mask written on the image grid, and a one-line error with exit 1 for every bad input —
 * output problems reported before any image is read.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { LPS_TO_RAS, maxAbsDifference, multiply } from '../../core/geometry/mat4.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import { dice } from '../../core/review/agreement.js';
import { halfCovered, headT1, insertLesion, sphereFractions, withNoise } from '../lesion/support/lesion-phantom.js';
import { fixture, tempDir } from '../support/paths.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['lesion', ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const CENTRE = vec3<'LPS'>(17.4, -2.5, 28.5);
const seedText = (p: readonly number[]): string => p.map((v) => v.toFixed(2)).join(',');
const dir = tempDir('delineate-lesion-cli-');
const image = join(dir, 'head.nii.gz');
let truth: Uint8Array;

beforeAll(() => {
  const head = headT1();
  const placed = insertLesion(head, { centre: CENTRE, diameterMm: 10, level: 190 });
  const noisy = withNoise(placed.image, 5, 3);
  truth = placed.truth;
  writeNiftiFile(image, { dims: [...noisy.dims, 1], data: noisy.data, ijkToRas: multiply(LPS_TO_RAS, noisy.ijkToLps) });
});

describe('delineate lesion on a NIfTI image', () => {
  it('writes the mask on the image grid and prints volume, diameters and centroid', async () => {
    const out = join(dir, 'gtv.nii.gz');
    const r = await run(image, '--seed', seedText(CENTRE), '--out', out);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(new RegExp(`^${out.replace(/[.]/g, '\\.')}: \\d+ voxels, 0\\.\\d{3} cc, longest diameter \\d+\\.\\d mm \\(axial \\d+\\.\\d mm\\), centroid \\(17\\.\\d, -2\\.\\d, 28\\.\\d\\) mm LPS, on the NIfTI image$`));
    expect(r.out[1]).toMatch(/^ {2}threshold \d+\.\d: lesion \d+\.\d, surroundings \d+\.\d \(SD \d+\.\d\), bound 20 mm$/);
    const mask = readNiftiFile(out);
    const input = readNiftiFile(image);
    expect(mask.dims).toEqual(input.dims);
    expect(maxAbsDifference(mask.ijkToRas, input.ijkToRas)).toBe(0);
    expect(mask.data).toBeInstanceOf(Uint8Array);
    expect(dice(mask.data as Uint8Array, truth)).toBeGreaterThan(0.9);
  });

  it('--max-radius-mm bounds the contour and warns on stderr when it cuts it', async () => {
    const out = join(dir, 'small.nii');
    const r = await run(image, '--seed', seedText(CENTRE), '--out', out, '--max-radius-mm', '3');
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['warning: the contour reached the 3 mm bound round the seed and may continue beyond it: check it, or raise the maximum radius']);
    expect(r.out[1]).toMatch(/bound 3 mm$/);
  });

  it.each([
    ['bad seed syntax', ['--seed', '12,4', '--out', 'x.nii.gz'], "delineate lesion: --seed must be three numbers in mm, X,Y,Z in patient coordinates (LPS), e.g. --seed -12.5,30,41; got '12,4'"],
    ['a seed that is not numbers', ['--seed', 'a,b,c', '--out', 'x.nii.gz'], "delineate lesion: --seed must be three numbers in mm, X,Y,Z in patient coordinates (LPS), e.g. --seed -12.5,30,41; got 'a,b,c'"],
    ['a bad bound', ['--seed', '1,2,3', '--out', 'x.nii.gz', '--max-radius-mm', '-5'], "delineate lesion: --max-radius-mm must be a positive number of mm, got '-5'"],
    ['no --seed', ['--out', 'x.nii.gz'], 'delineate lesion: --seed is required'],
  ])('refuses %s in one line, exit 1', async (_what, args, message) => {
    const r = await run(image, ...args);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([message]);
    expect(r.out).toEqual([]);
  });

  it('refuses a seed outside the image and a seed on background (air above the head)', async () => {
    const out = join(dir, 'never.nii.gz');
    const outside = await run(image, '--seed', '0,0,400', '--out', out);
    expect(outside.code).toBe(1);
    expect(outside.err).toEqual([expect.stringMatching(/^delineate lesion: the seed \(0\.0, 0\.0, 400\.0\) mm LPS lies outside the image \(voxel .*; the grid is 112×80×96\)$/)]);
    const air = applyToPoint(headT1().ijkToLps, vec3<'IJK'>(56, 0, 48));
    const background = await run(image, '--seed', seedText(air), '--out', out);
    expect(background.code).toBe(1);
    expect(background.err).toEqual([expect.stringMatching(/^delineate lesion: the seed \(.*\) mm LPS does not stand out from its surroundings \(.*\): click inside an enhancing lesion$/)]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses unreadable input in one line', async () => {
    const missing = await run(join(dir, 'missing.nii.gz'), '--seed', '1,2,3', '--out', join(dir, 'm.nii.gz'));
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([`delineate lesion: ${join(dir, 'missing.nii.gz')}: cannot be read (ENOENT)`]);
    const garbage = join(dir, 'garbage.nii.gz');
    writeFileSync(garbage, 'not an image');
    const bad = await run(garbage, '--seed', '1,2,3', '--out', join(dir, 'g.nii.gz'));
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual([`delineate lesion: ${garbage}: cannot be read (${garbage}: file is 12 bytes, shorter than a NIfTI-1 header)`]);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'x');
    expect((await run(text, '--seed', '1,2,3', '--out', join(dir, 't.nii.gz'))).err).toEqual([`delineate lesion: ${text}: IMAGE must be a DICOM folder or a .nii/.nii.gz file`]);
  });

  it('refuses an unwritable output before reading the image', async () => {
    // The input does not exist either: the output is checked first, so it is the output that is named.
    const nowhere = join(dir, 'no-such-folder', 'gtv.nii.gz');
    const r = await run(join(dir, 'missing.nii.gz'), '--seed', '1,2,3', '--out', nowhere);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`delineate lesion: cannot write ${nowhere}: the folder ${join(dir, 'no-such-folder')} does not exist`]);
    const folder = join(dir, 'a-folder.nii.gz');
    mkdirSync(folder);
    expect((await run(image, '--seed', '1,2,3', '--out', folder)).err).toEqual([`delineate lesion: cannot write ${folder}: it is a folder`]);
    // A folder it may not write into (as root, the kernel's own /sys is the one such folder).
    const locked = process.getuid?.() === 0 ? '/sys/kernel' : (() => { const d = join(dir, 'locked'); mkdirSync(d, { mode: 0o555 }); return d; })();
    expect((await run(image, '--seed', '1,2,3', '--out', join(locked, 'gtv.nii.gz'))).err).toEqual([
      expect.stringMatching(new RegExp(`^delineate lesion: cannot write ${join(locked, 'gtv.nii.gz')}: the folder ${locked} is not writable: (permission denied|read-only file system) \\(E[A-Z]+\\)$`)),
    ]);
    expect((await run(image, '--seed', '1,2,3', '--out', join(dir, 'gtv.dcm'))).err).toEqual([`delineate lesion: --out must end in .nii or .nii.gz: ${join(dir, 'gtv.dcm')}`]);
  });

  it('is listed by delineate help', async () => {
    const out: string[] = [];
    expect(await main(['help', 'lesion'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out[0]).toMatch(/^Usage: delineate lesion IMAGE --seed X,Y,Z --out MASK\.nii\[\.gz\] \[--max-radius-mm R\]/);
  });
});

describe('delineate lesion on a DICOM folder', () => {
  // mirp-sts STS_002 T1 MR (a sarcoma, TCIA, CC BY 3.0), 3.27 mm slices, with a 15 mm enhancing
  // sphere written into its pixels (signed 16-bit, no rescale) at the tumour's centre.
  const source = fixture('mirp-sts/STS_002/MR_T1/dicom/image');
  const series = join(dir, 'mr-with-lesion');
  const centre = vec3<'LPS'>(81.2, 129.3, -551.6);
  let lesionTruth: Uint8Array;

  beforeAll(async () => {
    const { volume } = await loadSeriesFromFolder(source);
    const fraction = sphereFractions(volume, centre, 7.5);
    lesionTruth = halfCovered(fraction);
    const [nx, ny] = volume.dims;
    const sliceOf = new Map(volume.sliceSources.map((s, k) => [s.sopInstanceUid, k]));
    mkdirSync(series);
    for (const name of readdirSync(source)) {
      rewriteDicom(join(source, name), join(series, name), (_meta, ds) => {
        const k = sliceOf.get(ds['SOPInstanceUID'] as string);
        if (k === undefined) return;
        const pixels = new Int16Array((ds['PixelData'] as ArrayBuffer[])[0]!);
        for (let p = 0; p < nx * ny; p++) {
          const f = fraction[p + nx * ny * k]!;
          if (f > 0) pixels[p] = Math.round(pixels[p]! * (1 - f) + 1500 * f);
        }
      });
    }
  });

  it('writes the mask in the series\' own voxel order with its affine (RAS), matching the lesion', async () => {
    const out = join(dir, 'mr-gtv.nii.gz');
    const r = await run(series, '--seed', seedText(centre), '--out', out);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/on the MR series [\d.]+$/);
    const { volume } = await loadSeriesFromFolder(series);
    const mask = readNiftiFile(out);
    expect(mask.dims).toEqual([...volume.dims, 1]);
    expect(maxAbsDifference(mask.ijkToRas, multiply(LPS_TO_RAS, volume.ijkToLps))).toBeLessThan(1e-4);
    const d = dice(mask.data as Uint8Array, lesionTruth);
    console.info(`DICOM 15 mm lesion on 3.27 mm slices: Dice ${d.toFixed(3)}`);
    expect(d).toBeGreaterThan(0.8);
  });

  it('the tumour itself (dark on T1, darker than the fat round it) is refused as not standing out', async () => {
    const r = await run(source, '--seed', seedText(centre), '--out', join(dir, 'never.nii.gz'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^delineate lesion: the seed \(81\.2, 129\.3, -551\.6\) mm LPS does not stand out from its surroundings/)]);
  });
});
