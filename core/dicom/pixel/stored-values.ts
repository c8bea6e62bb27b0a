import type { PixelFormat, StoredFrame } from './pixel-format.js';

/** Decoded samples as a codec or the native reader hands them over, one sample per element. */
export type RawSamples = Uint8Array | Uint8ClampedArray | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

function outputArray(format: PixelFormat, length: number): StoredFrame {
  const signed = format.pixelRepresentation === 1;
  switch (format.bitsAllocated) {
    case 8:
      return signed ? new Int8Array(length) : new Uint8Array(length);
    case 16:
      return signed ? new Int16Array(length) : new Uint16Array(length);
    default:
      return signed ? new Int32Array(length) : new Uint32Array(length);
  }
}

/**
 * Stored values from raw samples: shift the pixel cell down so HighBit lands on bit BitsStored-1,
 * drop the bits above it and sign-extend when PixelRepresentation is 1 (PS3.5 §8.1.1, PS3.3
 * C.7.6.3.1). Bits above HighBit may hold overlays or junk (dcm_qa_12bit's 0x0F0F stripes);
 * they are not part of the value. `bitOffset` is HighBit+1-BitsStored for native data and 0 for
 * codec output, whose codestream only carries the stored bits (PS3.5 §8.2).
 */
export function storedFrameOf(raw: RawSamples, format: PixelFormat, bitOffset: number): StoredFrame {
  // Full-width cells need no masking: reinterpret the samples in place (a 512×512×200 CT is
  // 50 M voxels, and this saves a copy of each).
  if (bitOffset === 0 && format.bitsStored === format.bitsAllocated) {
    const signed = format.pixelRepresentation === 1;
    if (format.bitsAllocated === 16 && (raw instanceof Uint16Array || raw instanceof Int16Array)) {
      return signed ? new Int16Array(raw.buffer, raw.byteOffset, raw.length) : new Uint16Array(raw.buffer, raw.byteOffset, raw.length);
    }
    if (format.bitsAllocated === 8 && (raw instanceof Uint8Array || raw instanceof Int8Array)) {
      return signed ? new Int8Array(raw.buffer, raw.byteOffset, raw.length) : new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
    }
  }
  const out = outputArray(format, raw.length);
  // One 32-bit shift pair masks and (for signed) sign-extends; valid for 1..32 stored bits.
  const left = 32 - format.bitsStored;
  if (format.pixelRepresentation === 1) {
    for (let i = 0; i < raw.length; i++) out[i] = (((raw[i] ?? 0) >>> bitOffset) << left) >> left;
  } else {
    for (let i = 0; i < raw.length; i++) out[i] = (((raw[i] ?? 0) >>> bitOffset) << left) >>> left;
  }
  return out;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Samples of 1, 2 or 4 bytes from a byte run in the given byte order, copied into a fresh aligned
 * buffer (pixel data may start at an odd offset inside the file buffer, and the caller may reuse
 * the source). Swaps when the data's byte order differs from the host's.
 */
export function samplesFromBytes(bytes: Uint8Array, bytesPerSample: 1 | 2 | 4, byteOrder: 'little' | 'big'): Uint8Array | Uint16Array | Uint32Array {
  const copy = new Uint8Array(bytes.length - (bytes.length % bytesPerSample));
  copy.set(bytes.subarray(0, copy.length));
  if (bytesPerSample === 1) return copy;
  if ((byteOrder === 'little') !== HOST_LITTLE_ENDIAN) {
    if (bytesPerSample === 2) {
      for (let i = 0; i < copy.length; i += 2) {
        const a = copy[i] ?? 0;
        copy[i] = copy[i + 1] ?? 0;
        copy[i + 1] = a;
      }
    } else {
      for (let i = 0; i < copy.length; i += 4) {
        const a = copy[i] ?? 0;
        const b = copy[i + 1] ?? 0;
        copy[i] = copy[i + 3] ?? 0;
        copy[i + 1] = copy[i + 2] ?? 0;
        copy[i + 2] = b;
        copy[i + 3] = a;
      }
    }
  }
  return bytesPerSample === 2 ? new Uint16Array(copy.buffer) : new Uint32Array(copy.buffer);
}

/** Colour-by-plane (PlanarConfiguration 1, PS3.3 C.7.6.3.1.3) to colour-by-pixel order. */
export function interleavePlanes<T extends RawSamples>(planar: T, samplesPerPixel: number): T {
  if (samplesPerPixel === 1) return planar;
  const pixels = Math.floor(planar.length / samplesPerPixel);
  const out = planar.slice() as T;
  for (let s = 0; s < samplesPerPixel; s++) {
    const plane = s * pixels;
    for (let p = 0; p < pixels; p++) out[p * samplesPerPixel + s] = planar[plane + p] ?? 0;
  }
  return out;
}
