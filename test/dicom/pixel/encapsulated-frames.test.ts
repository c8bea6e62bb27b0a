import { describe, expect, it } from 'vitest';
import { encapsulatedFrames } from '../../../core/dicom/pixel/encapsulated-frames.js';

const jpeg = (...body: number[]): Uint8Array => Uint8Array.from([0xff, 0xd8, ...body, 0xff, 0xd9]);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('encapsulatedFrames (PS3.5 A.4)', () => {
  it('one buffer per frame (offset table present) is used as is', () => {
    const frames = [jpeg(1), jpeg(2)];
    expect(encapsulatedFrames(frames, 2, 'jpeg')).toEqual(frames);
  });

  it('a single frame joins all its fragments', () => {
    expect(encapsulatedFrames([bytes(0xff, 0xd8, 1), bytes(2, 0xff, 0xd9)], 1, 'jpeg')).toEqual([jpeg(1, 2)]);
  });

  it('without an offset table, splits where an EOI-terminated fragment (even-length padded) is followed by SOI', () => {
    const fragments = [bytes(0xff, 0xd8, 1), bytes(0xff, 0xd8, 0xff, 0xd9, 0x00), bytes(0xff, 0xd8, 3), bytes(4, 0xff, 0xd9), jpeg(5)];
    // The second fragment starts with 0xFFD8 but follows an unterminated one, so it continues frame 1.
    expect(encapsulatedFrames(fragments, 3, 'jpeg-ls')).toEqual([
      bytes(0xff, 0xd8, 1, 0xff, 0xd8, 0xff, 0xd9, 0x00),
      jpeg(3, 4),
      jpeg(5),
    ]);
  });

  it('JPEG 2000 frames start with SOC+SIZ and end with EOC', () => {
    const start = bytes(0xff, 0x4f, 0xff, 0x51, 9);
    const end = bytes(7, 0xff, 0xd9);
    expect(encapsulatedFrames([start, end, start, end], 2, 'jpeg2000')).toEqual([bytes(0xff, 0x4f, 0xff, 0x51, 9, 7, 0xff, 0xd9), bytes(0xff, 0x4f, 0xff, 0x51, 9, 7, 0xff, 0xd9)]);
  });

  it('says when fragments and NumberOfFrames disagree', () => {
    expect(() => encapsulatedFrames([jpeg(1)], 2, 'jpeg')).toThrow('encapsulated pixel data has 1 fragment(s) for 2 frames');
    expect(() => encapsulatedFrames([jpeg(1), jpeg(2), jpeg(3)], 2, 'jpeg')).toThrow('found 3 codestream(s) in 3 fragments, but NumberOfFrames is 2');
  });
});
