/**
 * External oracle: Chris Rorden's dcm_qa suites (BSD-2). dcm_qa_ts holds one Siemens mosaic in nine
 * transfer syntaxes; each must decode to the same stored values, to what DCMTK decodes, and to the
 * voxels of dcm2niix's reference NIfTI. See ../shared/datasets/dcm_qa/SOURCE.md.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { readNiftiFile } from '../../../core/nifti/read-nifti.js';
import { sharedDataset, tempDir } from '../../support/paths.js';
import type { DcmtkDecompressor } from './pixel-oracles.js';
import { dcmtkPixelCells, decodeFile, firstDifference, storedValuesOfCells } from './pixel-oracles.js';

const TS_IN = sharedDataset('dcm_qa', 'dcm_qa_ts', 'In');
const TS_REF = sharedDataset('dcm_qa', 'dcm_qa_ts', 'Ref');
const TWELVE_BIT = sharedDataset('dcm_qa', 'dcm_qa_12bit');
const AXMB = sharedDataset('dcm_qa', 'dcm_qa', 'In', 'Orientation', 'axmb');
const QA_REF = sharedDataset('dcm_qa', 'dcm_qa', 'Ref');
const work = tempDir('delineate-pixel-qa-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The nine files and the DCMTK tool that decompresses each (none for native; DCMTK 3.6.7 has no JPEG 2000 codec). */
const SYNTAXES: readonly { file: string; uid: string; dcmtk: DcmtkDecompressor | undefined }[] = [
  { file: '1.dcm', uid: '1.2.840.10008.1.2.1', dcmtk: undefined },
  { file: '2.dcm', uid: '1.2.840.10008.1.2', dcmtk: undefined },
  { file: '3.dcm', uid: '1.2.840.10008.1.2.2', dcmtk: undefined },
  { file: '4.dcm', uid: '1.2.840.10008.1.2.5', dcmtk: 'dcmdrle' },
  { file: '5.dcm', uid: '1.2.840.10008.1.2.4.70', dcmtk: 'dcmdjpeg' },
  { file: '6.dcm', uid: '1.2.840.10008.1.2.4.70', dcmtk: 'dcmdjpeg' },
  { file: '7.dcm', uid: '1.2.840.10008.1.2.4.80', dcmtk: 'dcmdjpls' },
  { file: '8.dcm', uid: '1.2.840.10008.1.2.4.80', dcmtk: 'dcmdjpls' },
  { file: '9.dcm', uid: '1.2.840.10008.1.2.4.90', dcmtk: undefined },
];

/** Mosaic tiles (row-major, tile × tile each) holding `slices` slices; the rest of the mosaic is blank. */
function tileValues(frame: StoredFrame, columns: number, tile: number, slices: number): number[] {
  const perRow = columns / tile;
  const values: number[] = [];
  for (let s = 0; s < slices; s++) {
    const top = Math.floor(s / perRow) * tile;
    const left = (s % perRow) * tile;
    for (let y = 0; y < tile; y++) for (let x = 0; x < tile; x++) values.push(frame[(top + y) * columns + left + x] ?? Number.NaN);
  }
  return values;
}

/** The reference NIfTI's voxels as a sorted list: orientation-free, so tiles compare without reslicing. */
function sortedNiftiVolume(path: string, volume = 0): number[] {
  const nifti = readNiftiFile(path);
  const [nx, ny, nz] = nifti.dims;
  const size = nx * ny * nz;
  return Array.from(nifti.data.subarray(volume * size, (volume + 1) * size)).sort((a, b) => a - b);
}

function sumAndMax(values: ArrayLike<number>): { sum: number; max: number } {
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    sum += v;
    if (v > max) max = v;
  }
  return { sum, max };
}

describe('decodePixelData on dcm_qa_ts (one mosaic, nine transfer syntaxes)', () => {
  const decoded = new Map<string, StoredFrame>();

  it.each(SYNTAXES)('$file ($uid) equals DCMTK and the reference sum/max', async ({ file, uid, dcmtk }) => {
    const path = join(TS_IN, file);
    const { format, frames, transferSyntaxUid } = await decodeFile(path);
    expect(transferSyntaxUid).toBe(uid);
    expect(frames).toHaveLength(1);
    const frame = frames[0] as StoredFrame;
    expect(frame).toBeInstanceOf(Uint16Array);
    expect(frame).toHaveLength(384 * 384);
    // SOURCE.md: sum 38036663, max 2362 over 64×64×35; the 36th mosaic tile is blank, so the whole frame agrees.
    expect(sumAndMax(frame)).toEqual({ sum: 38036663, max: 2362 });
    if (dcmtk !== undefined || file === '3.dcm' || file === '2.dcm') {
      const expected = storedValuesOfCells(dcmtkPixelCells(path, work, dcmtk), format);
      expect(firstDifference(frame, expected)).toBeUndefined();
    }
    decoded.set(file, frame);
  });

  it('all nine decode to identical stored values, equal to the reference NIfTI voxels', () => {
    const reference = decoded.get('1.dcm');
    expect(decoded.size).toBe(9);
    for (const [file, frame] of decoded) expect(firstDifference(frame, reference ?? []), file).toBeUndefined();
    const tiles = tileValues(reference ?? new Uint16Array(), 384, 64, 35).sort((a, b) => a - b);
    expect(firstDifference(tiles, sortedNiftiVolume(join(TS_REF, '1.nii')))).toBeUndefined();
  });
});

describe('decodePixelData on dcm_qa_12bit (BitsStored 12, junk bits above HighBit)', () => {
  const cases = [
    { file: '12bitUnsigned.dcm', ref: '2.nii', min: 0, max: 4095, signed: false },
    { file: '12bitUnsigned_0x0F0F.dcm', ref: '3.nii', min: 0, max: 4095, signed: false },
    { file: '12bitSigned_0x0F0F.dcm', ref: '4.nii', min: -2048, max: 2047, signed: true },
  ];
  it.each(cases)('$file: values within [$min, $max], equal to DCMTK cells masked, tiles equal $ref', async ({ file, ref, min, max, signed }) => {
    const path = join(TWELVE_BIT, 'In', file);
    const { format, frames } = await decodeFile(path);
    const frame = frames[0] as StoredFrame;
    expect(frame).toBeInstanceOf(signed ? Int16Array : Uint16Array);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of frame) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(min);
    expect(hi).toBeLessThanOrEqual(max);
    const cells = dcmtkPixelCells(path, work);
    expect(firstDifference(frame, storedValuesOfCells(cells, format))).toBeUndefined();
    const tiles = tileValues(frame, format.columns, 64, 35).sort((a, b) => a - b);
    expect(firstDifference(tiles, sortedNiftiVolume(join(TWELVE_BIT, 'Ref', ref)))).toBeUndefined();
  });

  it('the stripe files really carry bits above HighBit, which decoding drops', () => {
    const cells = dcmtkPixelCells(join(TWELVE_BIT, 'In', '12bitUnsigned_0x0F0F.dcm'), work);
    let junk = 0;
    for (let i = 0; i < cells.length; i += 2) if (cells.readUInt16LE(i) > 0x0fff) junk++;
    expect(junk).toBeGreaterThan(0);
  });
});

describe('decodePixelData on dcm_qa multiband mosaics (JPEG lossless, JPEG 2000)', () => {
  const cases = [
    { file: 'AxAsc36mb2a/jpg1.dcm', ref: 'fMRI_MB_asc_25.nii', volume: 0, dcmtk: 'dcmdjpeg' as const },
    { file: 'AxAsc36mb2a/jpg2.dcm', ref: 'fMRI_MB_asc_25.nii', volume: 1, dcmtk: 'dcmdjpeg' as const },
    { file: 'AxInt36mb/jp2k1.dcm', ref: 'fMRI_MB_int_26.nii', volume: 0, dcmtk: undefined },
    { file: 'AxInt36mb/jp2k2.dcm', ref: 'fMRI_MB_int_26.nii', volume: 1, dcmtk: undefined },
  ];
  it.each(cases)('$file decodes to the tiles of $ref volume $volume', async ({ file, ref, volume, dcmtk }) => {
    const path = join(AXMB, file);
    const { format, frames } = await decodeFile(path);
    expect(format.rows).toBe(516);
    const frame = frames[0] as StoredFrame;
    if (dcmtk !== undefined) expect(firstDifference(frame, storedValuesOfCells(dcmtkPixelCells(path, work, dcmtk), format))).toBeUndefined();
    const tiles = tileValues(frame, 516, 86, 36).sort((a, b) => a - b);
    expect(firstDifference(tiles, sortedNiftiVolume(join(QA_REF, ref), volume))).toBeUndefined();
  });
});
