import { describe, expect, it } from 'vitest';
import type { PixelFormat } from '../../../core/dicom/pixel/pixel-format.js';
import { PixelDecodeError } from '../../../core/dicom/pixel/pixel-format.js';
import { decodeRleFrame, rleSegmentOffsets } from '../../../core/dicom/pixel/rle-decode.js';

const FORMAT: PixelFormat = {
  rows: 2,
  columns: 4,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  numberOfFrames: 1,
};

/** An RLE frame (PS3.5 G.5): the 64-byte header then the given segments, each padded to even length. */
function rleFrame(segments: readonly number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  const body: number[] = [];
  segments.forEach((segment, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    const padded = segment.length % 2 === 0 ? segment : [...segment, 0x00];
    body.push(...padded);
    offset += padded.length;
  });
  return Uint8Array.from([...header, ...body]);
}

describe('decodeRleFrame (PS3.5 Annex G)', () => {
  it('literal runs, replicate runs and the -128 no-op; a trailing pad byte is not decoded', () => {
    // 0x01: copy 2 bytes; 0xFE (-2): repeat 3 times; 0x80 (-128): nothing; 0x02: copy 3 bytes.
    const frame = rleFrame([[0x01, 10, 20, 0xfe, 7, 0x80, 0x02, 1, 2, 3]]);
    expect(Array.from(decodeRleFrame(frame, FORMAT))).toEqual([10, 20, 7, 7, 7, 1, 2, 3]);
  });

  it('16-bit samples: the most significant byte segment comes first (G.2)', () => {
    const frame = rleFrame([
      [0x07, 0x12, 0x00, 0xff, 0x80, 0x01, 0x02, 0x03, 0x04],
      [0x07, 0x34, 0x01, 0xff, 0x00, 0x05, 0x06, 0x07, 0x08],
    ]);
    const samples = decodeRleFrame(frame, { ...FORMAT, bitsAllocated: 16, bitsStored: 16, highBit: 15 });
    expect(samples).toBeInstanceOf(Uint16Array);
    expect(Array.from(samples)).toEqual([0x1234, 0x0001, 0xffff, 0x8000, 0x0105, 0x0206, 0x0307, 0x0408]);
  });

  it('RGB: one segment per sample, returned colour-by-pixel', () => {
    const frame = rleFrame([[0xf9, 1], [0xf9, 2], [0xf9, 3]]);
    expect(Array.from(decodeRleFrame(frame, { ...FORMAT, samplesPerPixel: 3, photometricInterpretation: 'RGB' }))).toEqual(
      Array.from({ length: 24 }, (_, i) => (i % 3) + 1),
    );
  });

  it('reports corrupt segments', () => {
    expect(() => decodeRleFrame(rleFrame([[0x01, 1, 2, 0x80]]), FORMAT)).toThrow('RLE segment 0 ends after 2 of 8 bytes');
    expect(() => decodeRleFrame(rleFrame([[0x01, 1, 2]]), FORMAT)).toThrow('RLE segment 0: literal run of 1 bytes passes the segment end');
    expect(() => decodeRleFrame(rleFrame([[0xf7, 1]]), FORMAT)).toThrow('RLE segment 0: replicate run overruns the 8-byte segment');
    expect(() => decodeRleFrame(rleFrame([[0x09, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]), FORMAT)).toThrow('literal run overruns');
    expect(() => decodeRleFrame(rleFrame([[0xf9, 1], [0xf9, 1]]), FORMAT)).toThrow('RLE header declares 2 segments; 1 sample(s) of 8 bits need 1');
    expect(() => decodeRleFrame(new Uint8Array(10), FORMAT)).toThrow(PixelDecodeError);
  });

  it('recognises headers only where offsets start at 64 and increase', () => {
    expect(rleSegmentOffsets(rleFrame([[0xf9, 1], [0xf9, 2]]))).toEqual([64, 66]);
    const broken = rleFrame([[0xf9, 1]]);
    broken[4] = 60;
    expect(rleSegmentOffsets(broken)).toBeUndefined();
    expect(rleSegmentOffsets(new Uint8Array(64))).toBeUndefined();
  });
});
