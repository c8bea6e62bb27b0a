import { describe, expect, it } from 'vitest';
import { nativeFrames } from '../../../core/dicom/pixel/native-frames.js';
import type { PixelFormat } from '../../../core/dicom/pixel/pixel-format.js';

const BASE: PixelFormat = {
  rows: 1,
  columns: 3,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  samplesPerPixel: 1,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  numberOfFrames: 1,
};

describe('nativeFrames (PS3.5 §8.1.1)', () => {
  it('splits frames of 8, 16 and 32 bits', () => {
    const eight = nativeFrames([Uint8Array.from([1, 2, 3, 4, 5, 6, 0])], { ...BASE, bitsAllocated: 8, bitsStored: 8, highBit: 7, numberOfFrames: 2 }, 'little');
    expect(eight.map((f) => Array.from(f))).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(eight[0]).toBeInstanceOf(Uint8Array);
    const sixteen = nativeFrames([new Uint8Array(Uint16Array.from([1, 2, 3, 65535, 5, 6]).buffer)], { ...BASE, numberOfFrames: 2 }, 'little');
    expect(sixteen.map((f) => Array.from(f))).toEqual([[1, 2, 3], [65535, 5, 6]]);
    const thirtyTwo = nativeFrames([new Uint8Array(Int32Array.from([-1, 2, -2147483648]).buffer)], { ...BASE, bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelRepresentation: 1 }, 'little');
    expect(thirtyTwo[0]).toBeInstanceOf(Int32Array);
    expect(Array.from(thirtyTwo[0] ?? [])).toEqual([-1, 2, -2147483648]);
  });

  it('reads an odd start offset and an 8-bit odd-length value padded to even length', () => {
    const backing = Uint8Array.from([9, 0x34, 0x12, 0x78, 0x56, 0xbc, 0x9a]);
    expect(Array.from(nativeFrames([backing.subarray(1)], BASE, 'little')[0] ?? [])).toEqual([0x1234, 0x5678, 0x9abc]);
  });

  it('swaps big-endian cells of 16 and 32 bits (PS3.5 A.3)', () => {
    expect(Array.from(nativeFrames([Uint8Array.from([0x12, 0x34, 0xff, 0xfe, 0x00, 0x01])], { ...BASE, pixelRepresentation: 1 }, 'big')[0] ?? [])).toEqual([0x1234, -2, 1]);
    const be32 = Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xfe, 0x80, 0, 0, 0]);
    expect(Array.from(nativeFrames([be32], { ...BASE, bitsAllocated: 32, bitsStored: 32, highBit: 31 }, 'big')[0] ?? [])).toEqual([0x00010203, 0xfffffffe, 0x80000000]);
  });

  it('masks to BitsStored below HighBit and sign-extends (PS3.3 C.7.6.3.1)', () => {
    const cells = new Uint8Array(Uint16Array.from([0xf7ff, 0x0800, 0xffff]).buffer);
    expect(Array.from(nativeFrames([cells], { ...BASE, bitsStored: 12, highBit: 11 }, 'little')[0] ?? [])).toEqual([0x7ff, 0x800, 0xfff]);
    expect(Array.from(nativeFrames([cells], { ...BASE, bitsStored: 12, highBit: 11, pixelRepresentation: 1 }, 'little')[0] ?? [])).toEqual([2047, -2048, -1]);
    // HighBit 15 with 12 bits stored: the value sits in the top bits (retired but legal layout).
    expect(Array.from(nativeFrames([cells], { ...BASE, bitsStored: 12, highBit: 15 }, 'little')[0] ?? [])).toEqual([0xf7f, 0x080, 0xfff]);
    const signed8 = nativeFrames([Uint8Array.from([0x7f, 0x80, 0x3f])], { ...BASE, bitsAllocated: 8, bitsStored: 7, highBit: 6, pixelRepresentation: 1 }, 'little');
    expect(signed8[0]).toBeInstanceOf(Int8Array);
    expect(Array.from(signed8[0] ?? [])).toEqual([-1, 0, 63]);
  });

  it('returns colour-by-pixel for PlanarConfiguration 1', () => {
    const planar = Uint8Array.from([1, 2, 3, 10, 20, 30, 100, 200, 250]);
    const rgb = { ...BASE, bitsAllocated: 8, bitsStored: 8, highBit: 7, samplesPerPixel: 3, photometricInterpretation: 'RGB', planarConfiguration: 1 as const };
    expect(Array.from(nativeFrames([planar], rgb, 'little')[0] ?? [])).toEqual([1, 10, 100, 2, 20, 200, 3, 30, 250]);
  });

  it('names expected and actual sizes when data is short', () => {
    expect(() => nativeFrames([new Uint8Array(11)], { ...BASE, numberOfFrames: 2 }, 'little')).toThrow(
      'native pixel data is truncated: expected 12 bytes (2 frame(s) of 1×3×1 at 16 bits), got 11',
    );
  });
});
