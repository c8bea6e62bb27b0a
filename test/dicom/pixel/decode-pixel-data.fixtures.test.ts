/**
 * Small real fixtures (test/fixtures/pixel/SOURCE.md): one signed CT slice and one MR slice from
 * TCIA Soft-tissue-Sarcoma, re-encoded by DCMTK (and dcmjs-codecs for JPEG 2000). Lossless
 * variants must give back the original stored values exactly; lossy ones must equal an
 * independent decoder (DCMTK, or Debian's opj_decompress for JPEG 2000).
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { fixture, tempDir } from '../../support/paths.js';
import { runTool } from '../../support/tools.js';
import { dcmtkPixelCells, decodeFile, firstDifference, storedValuesOfCells } from './pixel-oracles.js';

const work = tempDir('delineate-pixel-fixtures-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let ct: StoredFrame;
let mr: StoredFrame;
beforeAll(async () => {
  ct = (await decodeFile(fixture('pixel', 'ct-implicit-le.dcm'))).frames[0] as StoredFrame;
  mr = (await decodeFile(fixture('pixel', 'mr-unsigned-explicit-le.dcm'))).frames[0] as StoredFrame;
});

function range(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i] ?? 0);
    hi = Math.max(hi, values[i] ?? 0);
  }
  return [lo, hi];
}

describe('the originals', () => {
  it('CT slice: signed 16-bit, -1000..1156 HU stored, equal to the cells DCMTK reads', async () => {
    const path = fixture('pixel', 'ct-implicit-le.dcm');
    const { format } = await decodeFile(path);
    expect(ct).toBeInstanceOf(Int16Array);
    expect(ct).toHaveLength(143 * 161);
    expect(range(ct)).toEqual([-1000, 1156]);
    expect(firstDifference(ct, storedValuesOfCells(dcmtkPixelCells(path, work), format))).toBeUndefined();
  });

  it('MR slice: unsigned 16-bit, equal to the cells DCMTK reads', async () => {
    const path = fixture('pixel', 'mr-unsigned-explicit-le.dcm');
    const { format } = await decodeFile(path);
    expect(mr).toBeInstanceOf(Uint16Array);
    expect(range(mr)).toEqual([0, 1118]);
    expect(firstDifference(mr, storedValuesOfCells(dcmtkPixelCells(path, work), format))).toBeUndefined();
  });
});

describe('lossless encodings give back the original stored values exactly', () => {
  const cases = [
    { file: 'ct-explicit-be.dcm', uid: '1.2.840.10008.1.2.2' },
    { file: 'ct-deflated-le.dcm', uid: '1.2.840.10008.1.2.1.99' },
    { file: 'ct-rle.dcm', uid: '1.2.840.10008.1.2.5' },
    { file: 'ct-jpeg-lossless-sv1.dcm', uid: '1.2.840.10008.1.2.4.70' },
    { file: 'ct-jpeg-lossless-sv7.dcm', uid: '1.2.840.10008.1.2.4.57' },
    { file: 'ct-jpegls-lossless.dcm', uid: '1.2.840.10008.1.2.4.80' },
    { file: 'ct-j2k-lossless.dcm', uid: '1.2.840.10008.1.2.4.90' },
  ];
  it.each(cases)('$file ($uid)', async ({ file, uid }) => {
    const { frames, transferSyntaxUid } = await decodeFile(fixture('pixel', file));
    expect(transferSyntaxUid).toBe(uid);
    expect(frames[0]).toBeInstanceOf(Int16Array);
    expect(firstDifference(frames[0] as StoredFrame, ct)).toBeUndefined();
  });

  it('mr-j2k-lossless.dcm (1.2.840.10008.1.2.4.90, unsigned)', async () => {
    const { frames } = await decodeFile(fixture('pixel', 'mr-j2k-lossless.dcm'));
    expect(firstDifference(frames[0] as StoredFrame, mr)).toBeUndefined();
  });

  // Signed CT through every JPEG lossless predictor: predictor 7 is where float division goes wrong.
  it.each([1, 2, 3, 4, 5, 6, 7])('signed CT, JPEG lossless selection value %i made by dcmcjpeg', async (sv) => {
    const path = join(work, `ct-sv${sv}.dcm`);
    const made = runTool('dcmcjpeg', ['-q', '+el', '+sv', String(sv), fixture('pixel', 'ct-implicit-le.dcm'), path]);
    expect(made.status, made.stderr).toBe(0);
    const { frames } = await decodeFile(path);
    expect(firstDifference(frames[0] as StoredFrame, ct)).toBeUndefined();
  });
});

describe('lossy encodings equal an independent decoder', () => {
  it('JPEG baseline 8-bit equals DCMTK dcmdjpeg exactly', async () => {
    const path = fixture('pixel', 'ct-jpeg-baseline-8bit.dcm');
    const { format, frames } = await decodeFile(path);
    expect(frames[0]).toBeInstanceOf(Uint8Array);
    expect(firstDifference(frames[0] as StoredFrame, storedValuesOfCells(dcmtkPixelCells(path, work, 'dcmdjpeg'), format))).toBeUndefined();
  });

  it('JPEG extended 12-bit equals DCMTK dcmdjpeg exactly', async () => {
    const path = fixture('pixel', 'ct-jpeg-extended-12bit.dcm');
    const { format, frames } = await decodeFile(path);
    expect(format.bitsStored).toBe(12);
    expect(firstDifference(frames[0] as StoredFrame, storedValuesOfCells(dcmtkPixelCells(path, work, 'dcmdjpeg'), format))).toBeUndefined();
  });

  it('JPEG-LS near-lossless equals DCMTK dcmdjpls exactly and stays within NEAR=2 of the original', async () => {
    const path = fixture('pixel', 'mr-jpegls-near-lossless.dcm');
    const { format, frames } = await decodeFile(path);
    const frame = frames[0] as StoredFrame;
    expect(firstDifference(frame, storedValuesOfCells(dcmtkPixelCells(path, work, 'dcmdjpls'), format))).toBeUndefined();
    let worst = 0;
    for (let i = 0; i < frame.length; i++) worst = Math.max(worst, Math.abs((frame[i] ?? 0) - (mr[i] ?? 0)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("JPEG 2000 lossy equals OpenJPEG 2.5.0 opj_decompress's output (SHA-256 recorded in SOURCE.md)", async () => {
    const { frames } = await decodeFile(fixture('pixel', 'mr-j2k-lossy.dcm'));
    const frame = frames[0] as StoredFrame;
    const digest = createHash('sha256').update(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)).digest('hex');
    expect(digest).toBe('4af909f231242f0ae83f0e4d39335d33cc36755ee746bc47ca8cf28c618a0e7d');
  });
});
