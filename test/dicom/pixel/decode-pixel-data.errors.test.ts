/**
 * Bad input: every failure is a PixelDecodeError or UnsupportedTransferSyntaxError with a message
 * that says what is wrong, comes back promptly (the 10 s limit per test catches a hang), and leaves
 * the shared decoders able to decode the next good frame.
 */
import { describe, expect, it } from 'vitest';
import { decodePixelData, pixelFormatOf } from '../../../core/dicom/pixel/decode-pixel-data.js';
import type { PixelFormat, StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { PixelDecodeError, UnsupportedTransferSyntaxError } from '../../../core/dicom/pixel/pixel-format.js';
import { readDicomFile } from '../../../core/dicom/read-dicom-file.js';
import { fixture } from '../../support/paths.js';
import { firstDifference } from './pixel-oracles.js';

const HANG_LIMIT_MS = 10_000;

function load(name: string): { uid: string; format: PixelFormat; bytes: Uint8Array } {
  const file = readDicomFile(fixture('pixel', name));
  const buffers = file.dataset['PixelData'] as ArrayBuffer[];
  return { uid: file.transferSyntaxUid, format: pixelFormatOf(file.dataset), bytes: new Uint8Array(buffers[0] ?? new ArrayBuffer(0)) };
}

/** Deterministic noise (a linear congruential generator), so failures reproduce. */
function noise(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
}

async function decodeError(uid: string, pixelData: unknown, format: PixelFormat): Promise<Error> {
  try {
    await decodePixelData(uid, pixelData, format);
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('decoded without error');
}

const ENCAPSULATED = ['ct-rle.dcm', 'ct-jpeg-lossless-sv7.dcm', 'ct-jpegls-lossless.dcm', 'ct-j2k-lossless.dcm', 'ct-jpeg-baseline-8bit.dcm', 'ct-jpeg-extended-12bit.dcm'];

describe('decodePixelData on bad input', () => {
  it('truncated native pixel data states expected and actual bytes', async () => {
    const { uid, format, bytes } = load('ct-implicit-le.dcm');
    const error = await decodeError(uid, [bytes.slice(0, 30_000).buffer], format);
    expect(error).toBeInstanceOf(PixelDecodeError);
    expect(error.message).toBe('native pixel data is truncated: expected 46046 bytes (1 frame(s) of 143×161×1 at 16 bits), got 30000');
  });

  it('missing pixel data', async () => {
    const { uid, format } = load('ct-implicit-le.dcm');
    for (const missing of [undefined, null, []]) {
      const error = await decodeError(uid, missing, format);
      expect(error).toBeInstanceOf(PixelDecodeError);
      expect(error.message).toBe('no pixel data');
    }
  });

  it.each(['1.2.840.10008.1.2.4.100', '1.2.840.10008.1.2.4.201', 'not-a-uid'])('unsupported transfer syntax %s', async (uid) => {
    const { format, bytes } = load('ct-implicit-le.dcm');
    const error = await decodeError(uid, [bytes.buffer], format);
    expect(error).toBeInstanceOf(UnsupportedTransferSyntaxError);
    expect(error.message).toBe(`transfer syntax ${uid} is not supported`);
  });

  it.each(ENCAPSULATED)('%s: a fragment of pure noise', { timeout: HANG_LIMIT_MS }, async (name) => {
    const { uid, format, bytes } = load(name);
    const error = await decodeError(uid, [noise(bytes.length, 7).buffer], format);
    expect(error).toBeInstanceOf(PixelDecodeError);
    expect(error.message).toMatch(/^frame 1 of 1: (RLE header declares \d+ segments|frame does not start with a JPEG SOI or JPEG 2000 SOC marker)/);
  });

  it.each(ENCAPSULATED.filter((n) => !n.includes('extended')))('%s: noise after the first 200 bytes, then the good frame decodes', { timeout: HANG_LIMIT_MS }, async (name) => {
    const { uid, format, bytes } = load(name);
    const bad = bytes.slice();
    bad.set(noise(bad.length - 200, 11), 200);
    const started = Date.now();
    const error = name.includes('j2k') ? undefined : await decodeError(uid, [bad.buffer], format);
    // OpenJPEG conceals corrupt packets instead of failing, as JPEG 2000 allows; it must still return.
    if (name.includes('j2k')) await decodePixelData(uid, [bad.buffer], format);
    else {
      expect(error).toBeInstanceOf(PixelDecodeError);
      expect(error?.message).toMatch(/^frame 1 of 1: /);
    }
    expect(Date.now() - started).toBeLessThan(HANG_LIMIT_MS);
    const good = await decodePixelData(uid, [bytes.buffer], format);
    const reference = await decodePixelData(uid, [bytes.slice().buffer], format);
    expect(firstDifference(good[0] as StoredFrame, reference[0] as StoredFrame)).toBeUndefined();
  });

  it.each(['ct-rle.dcm', 'ct-jpeg-lossless-sv1.dcm', 'ct-jpegls-lossless.dcm', 'ct-j2k-lossless.dcm', 'ct-jpeg-baseline-8bit.dcm'])(
    '%s cut in half fails with PixelDecodeError',
    { timeout: HANG_LIMIT_MS },
    async (name) => {
      const { uid, format, bytes } = load(name);
      const error = await decodeError(uid, [bytes.slice(0, bytes.length >> 1).buffer], format);
      expect(error).toBeInstanceOf(PixelDecodeError);
      expect(error.message).toMatch(/^frame 1 of 1: .*(ends|passes the segment end|returned no pixels|could not decode)/);
    },
  );

  it('a failed JPEG 2000 frame after a good one fails instead of returning the good one again', async () => {
    // A reused OpenJPEG J2KDecoder hands back the previous image when a decode fails (see openjpeg.ts).
    const { uid, format, bytes } = load('ct-j2k-lossless.dcm');
    await decodePixelData(uid, [bytes.buffer], format);
    const error = await decodeError(uid, [bytes.slice(0, bytes.length >> 1).buffer], format);
    expect(error).toBeInstanceOf(PixelDecodeError);
    expect(error.message).toMatch(/^frame 1 of 1: JPEG 2000 decoder \(OpenJPEG\) returned no pixels/);
  });

  it('a frame whose size disagrees with Rows/Columns', async () => {
    const { uid, format, bytes } = load('ct-jpeg-lossless-sv1.dcm');
    const error = await decodeError(uid, [bytes.buffer], { ...format, rows: 100 });
    expect(error).toBeInstanceOf(PixelDecodeError);
    expect(error.message).toBe('frame 1 of 1: decoded frame is 161×143×1, the dataset says 161×100×1 (Columns×Rows×SamplesPerPixel)');
  });

  it('more frames declared than fragments hold', async () => {
    const { uid, format, bytes } = load('ct-jpegls-lossless.dcm');
    const error = await decodeError(uid, [bytes.buffer], { ...format, numberOfFrames: 3 });
    expect(error).toBeInstanceOf(PixelDecodeError);
    expect(error.message).toBe('encapsulated pixel data has 1 fragment(s) for 3 frames');
  });

  it('pixelFormatOf names the missing attribute', () => {
    const dataset = { Rows: 2, Columns: 2, BitsAllocated: 16, PixelRepresentation: 0 };
    expect(() => pixelFormatOf(dataset)).toThrow(PixelDecodeError);
    expect(() => pixelFormatOf(dataset)).toThrow('missing or empty BitsStored (0028,0101)');
  });
});
