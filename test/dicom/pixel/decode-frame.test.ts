/**
 * The codec is chosen from the codestream's frame marker, not from the transfer syntax UID:
 * streams labelled with the wrong JPEG process must still decode correctly.
 */
import { describe, expect, it } from 'vitest';
import { codestreamKind } from '../../../core/dicom/pixel/codestream-kind.js';
import { decodePixelData, pixelFormatOf } from '../../../core/dicom/pixel/decode-pixel-data.js';
import type { StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { PixelDecodeError } from '../../../core/dicom/pixel/pixel-format.js';
import { readDicomFile } from '../../../core/dicom/read-dicom-file.js';
import { fixture } from '../../support/paths.js';
import { firstDifference } from './pixel-oracles.js';

const BASELINE = '1.2.840.10008.1.2.4.50';
const LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';

async function decodeAs(name: string, uid: string): Promise<{ honest: StoredFrame; relabelled: StoredFrame }> {
  const file = readDicomFile(fixture('pixel', name));
  const format = pixelFormatOf(file.dataset);
  const pixelData = file.dataset['PixelData'];
  const [honest] = await decodePixelData(file.transferSyntaxUid, pixelData, format);
  const [relabelled] = await decodePixelData(uid, pixelData, format);
  if (honest === undefined || relabelled === undefined) throw new Error('no frame decoded');
  return { honest, relabelled };
}

describe('decoder choice by frame marker', () => {
  it.each([
    ['ct-jpeg-baseline-8bit.dcm', LOSSLESS_SV1],
    ['ct-jpeg-lossless-sv7.dcm', BASELINE],
    ['ct-jpegls-lossless.dcm', BASELINE],
    ['ct-jpeg-extended-12bit.dcm', BASELINE],
  ])('%s labelled %s decodes as it would under its own syntax', async (name, uid) => {
    const { honest, relabelled } = await decodeAs(name, uid);
    expect(firstDifference(relabelled, honest)).toBeUndefined();
  });

  it('reads the frame header past APPn segments and fill bytes', () => {
    const stream = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xff, 0xc1, 0x00, 0x0b, 0x0c, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00]);
    expect(codestreamKind(stream)).toEqual({ kind: 'jpeg-dct', sof: 0xc1, precision: 12, rows: 2, columns: 3, components: 1 });
    expect(codestreamKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xf7, 0x00, 0x0b]))).toEqual({ kind: 'jpeg-ls' });
    expect(codestreamKind(Uint8Array.from([0xff, 0x4f, 0xff, 0x51]))).toEqual({ kind: 'jpeg2000' });
    expect(codestreamKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toMatchObject({ kind: 'unknown', reason: '0xFFDA before any frame header' });
    expect(codestreamKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x40]))).toMatchObject({ kind: 'unknown' });
  });

  it('refuses hierarchical JPEG with a clear message', async () => {
    const file = readDicomFile(fixture('pixel', 'ct-jpeg-baseline-8bit.dcm'));
    const bytes = new Uint8Array((file.dataset['PixelData'] as ArrayBuffer[])[0] ?? new ArrayBuffer(0)).slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    bytes[sof + 1] = 0xc5;
    const attempt = decodePixelData(BASELINE, [bytes.buffer], pixelFormatOf(file.dataset));
    await expect(attempt).rejects.toThrow(PixelDecodeError);
    await expect(attempt).rejects.toThrow('frame 1 of 1: JPEG process with frame marker 0xFFC5 is not supported');
  });
});
