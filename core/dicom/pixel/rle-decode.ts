import type { PixelFormat } from './pixel-format.js';
import { PixelDecodeError } from './pixel-format.js';

/** The RLE header: segment count then 15 segment offsets, little-endian uint32 each (PS3.5 G.5). */
const HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

function uint32At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16) | ((bytes[offset + 3] ?? 0) << 24)) >>> 0;
}

/** The segment offsets of an RLE header, or undefined when the bytes cannot be one (used to find frame starts). */
export function rleSegmentOffsets(fragment: Uint8Array): number[] | undefined {
  if (fragment.length < HEADER_BYTES) return undefined;
  const count = uint32At(fragment, 0);
  if (count < 1 || count > MAX_SEGMENTS) return undefined;
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(uint32At(fragment, 4 + 4 * i));
  // Offsets start right after the header and increase; unused slots are zero (PS3.5 G.5).
  if (offsets[0] !== HEADER_BYTES) return undefined;
  for (let i = 1; i < count; i++) if ((offsets[i] ?? 0) <= (offsets[i - 1] ?? 0)) return undefined;
  for (let i = count; i < MAX_SEGMENTS; i++) if (uint32At(fragment, 4 + 4 * i) !== 0) return undefined;
  return offsets;
}

/**
 * One segment of PackBits-style runs into `out` (PS3.5 G.3.2): a header byte n (as int8) of 0..127
 * copies the next n+1 bytes, -1..-127 repeats the next byte 1-n times, -128 does nothing. Decoding
 * stops once the segment holds Rows×Columns bytes; a segment may end with a pad byte (G.3.1) that
 * is not decoded. A run that overshoots the segment, or input that ends early, is corrupt data.
 */
function decodeSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, segment: number): void {
  let i = start;
  let o = 0;
  const size = out.length;
  while (o < size) {
    if (i >= end) throw new PixelDecodeError(`RLE segment ${segment} ends after ${o} of ${size} bytes`);
    const header = src[i++] ?? 0;
    if (header < 128) {
      const count = header + 1;
      if (i + count > end) throw new PixelDecodeError(`RLE segment ${segment}: literal run of ${count} bytes passes the segment end`);
      if (o + count > size) throw new PixelDecodeError(`RLE segment ${segment}: literal run overruns the ${size}-byte segment`);
      out.set(src.subarray(i, i + count), o);
      i += count;
      o += count;
    } else if (header > 128) {
      const count = 257 - header;
      if (i >= end) throw new PixelDecodeError(`RLE segment ${segment}: replicate run has no byte to repeat`);
      if (o + count > size) throw new PixelDecodeError(`RLE segment ${segment}: replicate run overruns the ${size}-byte segment`);
      out.fill(src[i++] ?? 0, o, o + count);
      o += count;
    }
  }
}

/**
 * One RLE Lossless frame (PS3.5 Annex G) to raw samples in colour-by-pixel order. Each sample of
 * BitsAllocated bits is split over BitsAllocated/8 byte segments, most significant byte first, and
 * the segments of sample 0 come before those of sample 1 (G.2), so the data is colour-by-plane
 * whatever PlanarConfiguration says.
 */
export function decodeRleFrame(fragment: Uint8Array, format: PixelFormat): Uint8Array | Uint16Array | Uint32Array {
  if (fragment.length < HEADER_BYTES) throw new PixelDecodeError(`RLE frame of ${fragment.length} bytes is shorter than its 64-byte header`);
  const bytesPerSample = format.bitsAllocated / 8;
  const expectedSegments = format.samplesPerPixel * bytesPerSample;
  const count = uint32At(fragment, 0);
  if (count !== expectedSegments) {
    throw new PixelDecodeError(`RLE header declares ${count} segments; ${format.samplesPerPixel} sample(s) of ${format.bitsAllocated} bits need ${expectedSegments}`);
  }
  const offsets = rleSegmentOffsets(fragment);
  if (offsets === undefined || (offsets[count - 1] ?? 0) > fragment.length) throw new PixelDecodeError('RLE header segment offsets are invalid');

  const pixels = format.rows * format.columns;
  const segments = offsets.map((start, s) => {
    const out = new Uint8Array(pixels);
    decodeSegment(fragment, start, offsets[s + 1] ?? fragment.length, out, s);
    return out;
  });

  const spp = format.samplesPerPixel;
  const samples = bytesPerSample === 1 ? new Uint8Array(pixels * spp) : bytesPerSample === 2 ? new Uint16Array(pixels * spp) : new Uint32Array(pixels * spp);
  for (let s = 0; s < spp; s++) {
    for (let b = 0; b < bytesPerSample; b++) {
      const segment = segments[s * bytesPerSample + b] ?? new Uint8Array(pixels);
      const shift = 8 * (bytesPerSample - 1 - b);
      for (let p = 0; p < pixels; p++) samples[p * spp + s] = ((samples[p * spp + s] ?? 0) + (segment[p] ?? 0) * 2 ** shift);
    }
  }
  return samples;
}
