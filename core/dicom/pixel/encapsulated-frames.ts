import { PixelDecodeError } from './pixel-format.js';
import type { PixelEncoding } from './pixel-transfer-syntax.js';
import { concatBytes } from './pixel-data-buffers.js';
import { rleSegmentOffsets } from './rle-decode.js';

/** Index past the last byte that is not trailing zero padding (fragments are padded to even length, PS3.5 A.4). */
function endWithoutPadding(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x00) end--;
  return end;
}

/** JPEG EOI (T.81 B.1.1.2) and J2K EOC (T.800 A.4.4) are both 0xFFD9. */
function endsCodestream(bytes: Uint8Array): boolean {
  const end = endWithoutPadding(bytes);
  return end >= 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

function startsCodestream(bytes: Uint8Array, encoding: PixelEncoding): boolean {
  if (encoding === 'rle') return rleSegmentOffsets(bytes) !== undefined;
  if (bytes[0] !== 0xff) return false;
  if (encoding === 'jpeg2000') return bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51;
  return bytes[1] === 0xd8;
}

/**
 * One byte run per frame from the buffers dcmjs returns for encapsulated Pixel Data.
 *
 * With a Basic Offset Table dcmjs has already joined each frame's fragments. Without one it
 * returns fragments (PS3.5 A.4): a single frame is all of them; otherwise a frame may span
 * several fragments, so a new frame starts at a fragment that opens a codestream (SOI, SOC, or a
 * valid RLE header) right after one that closed a codestream (EOI/EOC). RLE frames should be one
 * fragment each (PS3.5 A.4.2); split RLE frames are regrouped by their header alone.
 */
export function encapsulatedFrames(buffers: readonly Uint8Array[], numberOfFrames: number, encoding: PixelEncoding): Uint8Array[] {
  if (buffers.length === numberOfFrames) return [...buffers];
  if (numberOfFrames === 1) return [concatBytes(buffers)];
  if (buffers.length < numberOfFrames) {
    throw new PixelDecodeError(`encapsulated pixel data has ${buffers.length} fragment(s) for ${numberOfFrames} frames`);
  }
  const groups: Uint8Array[][] = [];
  let previous: Uint8Array | undefined;
  for (const fragment of buffers) {
    if (fragment.length === 0) continue;
    const current = groups[groups.length - 1];
    const closed = previous === undefined || encoding === 'rle' || endsCodestream(previous);
    if (current === undefined || (closed && startsCodestream(fragment, encoding))) groups.push([fragment]);
    else current.push(fragment);
    previous = fragment;
  }
  if (groups.length !== numberOfFrames) {
    throw new PixelDecodeError(`found ${groups.length} codestream(s) in ${buffers.length} fragments, but NumberOfFrames is ${numberOfFrames}`);
  }
  return groups.map(concatBytes);
}
