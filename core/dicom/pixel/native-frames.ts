import type { PixelFormat, StoredFrame } from './pixel-format.js';
import { PixelDecodeError } from './pixel-format.js';
import { concatBytes } from './pixel-data-buffers.js';
import { interleavePlanes, samplesFromBytes, storedFrameOf } from './stored-values.js';

/**
 * Frames of native (uncompressed) pixel data: frame after frame, each Rows×Columns×SamplesPerPixel
 * cells of BitsAllocated bits (PS3.5 §8.1.1, PS3.3 C.7.6.3). Explicit VR Big Endian keeps pixel cells
 * in big-endian order (PS3.5 Annex A.3) and dcmjs hands them over as stored in the file, so they are
 * swapped here. 8-bit data in big-endian files is assumed to be OB (no swap), as DCMTK writes it.
 */
export function nativeFrames(buffers: readonly Uint8Array[], format: PixelFormat, byteOrder: 'little' | 'big'): StoredFrame[] {
  const bytes = concatBytes(buffers);
  const bytesPerSample = (format.bitsAllocated / 8) as 1 | 2 | 4;
  const samplesPerFrame = format.rows * format.columns * format.samplesPerPixel;
  const frameBytes = samplesPerFrame * bytesPerSample;
  const expected = frameBytes * format.numberOfFrames;
  if (bytes.length < expected) {
    throw new PixelDecodeError(
      `native pixel data is truncated: expected ${expected} bytes (${format.numberOfFrames} frame(s) of ` +
        `${format.rows}×${format.columns}×${format.samplesPerPixel} at ${format.bitsAllocated} bits), got ${bytes.length}`,
    );
  }
  const bitOffset = format.highBit + 1 - format.bitsStored;
  const frames: StoredFrame[] = [];
  for (let f = 0; f < format.numberOfFrames; f++) {
    let raw = samplesFromBytes(bytes.subarray(f * frameBytes, (f + 1) * frameBytes), bytesPerSample, byteOrder);
    if (format.planarConfiguration === 1) raw = interleavePlanes(raw, format.samplesPerPixel);
    frames.push(storedFrameOf(raw, format, bitOffset));
  }
  return frames;
}
