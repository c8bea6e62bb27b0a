import { describe, expect, it } from 'vitest';
import { decodeJpegLossless } from '../../../core/dicom/pixel/jpeg-lossless/decode-jpeg-lossless.js';
import { PixelDecodeError } from '../../../core/dicom/pixel/pixel-format.js';
import { encodeJpegLossless } from './jpeg-lossless-encoder.js';

/** A smooth ramp plus deterministic noise, so every predictor sees varied differences. */
function plane(width: number, height: number, precision: number, seed: number): number[] {
  let state = seed;
  const max = 2 ** precision - 1;
  return Array.from({ length: width * height }, (_, i) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const ramp = ((i % width) * 37 + Math.floor(i / width) * 11) % (max + 1);
    return Math.min(max, Math.max(0, ramp + ((state >>> 16) % 64) - 32));
  });
}

function interleaved(planes: readonly (readonly number[])[]): number[] {
  const n = planes[0]?.length ?? 0;
  return Array.from({ length: n * planes.length }, (_, k) => planes[k % planes.length]?.[Math.floor(k / planes.length)] ?? -1);
}

describe('decodeJpegLossless (T.81 Annex H)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('predictor %i, 16-bit, with extreme values', (predictor) => {
    const width = 23;
    const height = 9;
    const samples = plane(width, height, 16, predictor);
    // Jumps between 0 and 65535 exercise the modulo-2^16 wrap and difference category 16.
    samples[5] = 65535;
    samples[6] = 0;
    samples[30] = 65535;
    samples[31] = 32768;
    const decoded = decodeJpegLossless(encodeJpegLossless({ width, height, precision: 16, planes: [samples], predictor }), height);
    expect(Array.from(decoded.samples)).toEqual(samples);
  });

  it.each([2, 8, 12])('precision %i', (precision) => {
    const samples = plane(17, 5, precision, precision);
    const decoded = decodeJpegLossless(encodeJpegLossless({ width: 17, height: 5, precision, planes: [samples], predictor: 6 }), 5);
    expect(decoded.precision).toBe(precision);
    expect(Array.from(decoded.samples)).toEqual(samples);
  });

  it('restart intervals of whole lines reset prediction (T.81 H.1.2.1)', () => {
    const samples = plane(16, 12, 12, 3);
    const stream = encodeJpegLossless({ width: 16, height: 12, precision: 12, planes: [samples], predictor: 7, restartInterval: 32 });
    expect(Array.from(stream).filter((b, i) => b === 0xff && (stream[i + 1] ?? 0) >= 0xd0 && (stream[i + 1] ?? 0) <= 0xd7)).toHaveLength(5);
    expect(Array.from(decodeJpegLossless(stream, 12).samples)).toEqual(samples);
  });

  it('refuses restart intervals that split a line, as IJG does', () => {
    const stream = encodeJpegLossless({ width: 16, height: 4, precision: 8, planes: [plane(16, 4, 8, 1)], predictor: 1, restartInterval: 24 });
    expect(() => decodeJpegLossless(stream, 4)).toThrow('JPEG lossless restart interval 24 is not a whole number of 16-sample lines');
  });

  it('three interleaved components come back colour-by-pixel', () => {
    const planes = [plane(9, 7, 8, 1), plane(9, 7, 8, 2), plane(9, 7, 8, 3)];
    const decoded = decodeJpegLossless(encodeJpegLossless({ width: 9, height: 7, precision: 8, planes, predictor: 4 }), 7);
    expect(decoded.components).toBe(3);
    expect(Array.from(decoded.samples)).toEqual(interleaved(planes));
  });

  it('point transform: samples come back scaled up by 2^Pt', () => {
    const samples = plane(10, 6, 12, 9).map((v) => v - (v % 4));
    const decoded = decodeJpegLossless(encodeJpegLossless({ width: 10, height: 6, precision: 12, planes: [samples], predictor: 5, pointTransform: 2 }), 6);
    expect(Array.from(decoded.samples)).toEqual(samples);
  });

  it('a frame header with 0 lines takes the height from DICOM Rows', () => {
    const samples = plane(8, 3, 8, 4);
    const stream = encodeJpegLossless({ width: 8, height: 3, precision: 8, planes: [samples], predictor: 1 });
    const sof = stream.findIndex((b, i) => b === 0xff && stream[i + 1] === 0xc3);
    stream[sof + 5] = 0;
    stream[sof + 6] = 0;
    expect(Array.from(decodeJpegLossless(stream, 3).samples)).toEqual(samples);
  });

  it('rejects DCT streams and streams cut short', () => {
    const stream = encodeJpegLossless({ width: 30, height: 30, precision: 12, planes: [plane(30, 30, 12, 5)], predictor: 1 });
    expect(() => decodeJpegLossless(stream.slice(0, stream.length - 40), 30)).toThrow(PixelDecodeError);
    const dct = stream.slice();
    dct[dct.findIndex((b, i) => b === 0xff && dct[i + 1] === 0xc3) + 1] = 0xc1;
    expect(() => decodeJpegLossless(dct, 30)).toThrow('stream is not JPEG lossless process 14 (frame marker 0xFFC1)');
  });
});
