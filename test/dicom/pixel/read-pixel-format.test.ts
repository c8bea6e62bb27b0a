import { describe, expect, it } from 'vitest';
import { pixelFormatOf } from '../../../core/dicom/pixel/decode-pixel-data.js';

const CT = { Rows: 512, Columns: 512, BitsAllocated: 16, BitsStored: 12, HighBit: 11, PixelRepresentation: 1, SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2' };

describe('pixelFormatOf (PS3.3 C.7.6.3)', () => {
  it('reads the Image Pixel module, with defaults for what ACR-NEMA files omit', () => {
    expect(pixelFormatOf(CT)).toEqual({ rows: 512, columns: 512, bitsAllocated: 16, bitsStored: 12, highBit: 11, pixelRepresentation: 1, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', planarConfiguration: 0, numberOfFrames: 1 });
    const bare = pixelFormatOf({ Rows: 4, Columns: 4, BitsAllocated: 8, BitsStored: 8, PixelRepresentation: 0 });
    expect(bare).toMatchObject({ highBit: 7, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', numberOfFrames: 1 });
  });

  it('accepts IS values as strings and single values as one-element arrays', () => {
    expect(pixelFormatOf({ ...CT, NumberOfFrames: '96 ', Rows: [512], PhotometricInterpretation: ['MONOCHROME1'] })).toMatchObject({ numberOfFrames: 96, rows: 512, photometricInterpretation: 'MONOCHROME1' });
  });

  it.each([
    ['Rows', 'missing or empty Rows (0028,0010)'],
    ['Columns', 'missing or empty Columns (0028,0011)'],
    ['BitsAllocated', 'missing or empty BitsAllocated (0028,0100)'],
    ['PixelRepresentation', 'missing or empty PixelRepresentation (0028,0103)'],
  ])('names a missing %s', (keyword, message) => {
    expect(() => pixelFormatOf({ ...CT, [keyword]: undefined })).toThrow(message);
  });

  it('rejects inconsistent values', () => {
    expect(() => pixelFormatOf({ ...CT, BitsStored: 17 })).toThrow('BitsStored (0028,0101) 17 does not fit BitsAllocated 16');
    expect(() => pixelFormatOf({ ...CT, HighBit: 3 })).toThrow('HighBit (0028,0102) 3 does not fit BitsStored 12 in BitsAllocated 16');
    expect(() => pixelFormatOf({ ...CT, BitsAllocated: 1, BitsStored: 1, HighBit: 0 })).toThrow('BitsAllocated (0028,0100) 1 is not supported');
    expect(() => pixelFormatOf({ ...CT, SamplesPerPixel: 3, PhotometricInterpretation: undefined })).toThrow('missing PhotometricInterpretation');
  });
});
