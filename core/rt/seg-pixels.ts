/** One frame of a binary segmentation: slice k of a mask on the image grid. */
export interface MaskFrame {
  readonly mask: Uint8Array;
  readonly k: number;
}

/**
 * Binary segmentation frames packed one bit per pixel (PS3.5 8.1.1, Bits Allocated 1): pixel n of
 * the whole multi-frame stream is bit (n mod 8) of byte floor(n / 8), least significant bit first,
 * and frames follow each other with no padding, so a frame may start mid-byte. The total is
 * padded to an even length (PS3.5 7.1.1).
 */
export function packFrames(frames: readonly MaskFrame[], sliceSize: number): ArrayBuffer {
  const bytesUsed = Math.ceil((frames.length * sliceSize) / 8);
  const bytes = new Uint8Array(bytesUsed + (bytesUsed % 2));
  let n = 0;
  for (const { mask, k } of frames) {
    const base = k * sliceSize;
    for (let p = 0; p < sliceSize; p++, n++) if (mask[base + p] === 1) bytes[n >> 3]! |= 1 << (n & 7);
  }
  return bytes.buffer;
}

/** Inverse of packFrames for one frame (tests, readers). */
export function unpackFrame(packed: Uint8Array, sliceSize: number, frameIndex: number): Uint8Array {
  const out = new Uint8Array(sliceSize);
  const start = frameIndex * sliceSize;
  for (let p = 0; p < sliceSize; p++) {
    const n = start + p;
    out[p] = ((packed[n >> 3] as number) >> (n & 7)) & 1;
  }
  return out;
}
