import { decodeEncapsulatedFrame } from './decode-frame.js';
import { encapsulatedFrames } from './encapsulated-frames.js';
import { nativeFrames } from './native-frames.js';
import { pixelDataBuffers } from './pixel-data-buffers.js';
import type { PixelFormat, StoredFrame } from './pixel-format.js';
import { PixelDecodeError, UnsupportedTransferSyntaxError } from './pixel-format.js';
import { pixelEncodingOf } from './pixel-transfer-syntax.js';

export { pixelFormatOf } from './read-pixel-format.js';

function asDecodeError(error: unknown, context: string): PixelDecodeError {
  if (error instanceof PixelDecodeError) return new PixelDecodeError(`${context}: ${error.message}`);
  const detail = error instanceof Error ? error.message : String(error);
  return new PixelDecodeError(`${context}: unexpected decoder failure (${detail})`);
}

/**
 * Stored pixel values of every frame of a DICOM image (PS3.5 §8, Annex A).
 *
 * `pixelData` is dcmjs's PixelData value (an array of ArrayBuffers). Each returned frame holds
 * Rows×Columns×SamplesPerPixel values, colour-by-pixel whatever PlanarConfiguration says. Values
 * are stored values: taken from HighBit down over BitsStored bits, sign-extended when
 * PixelRepresentation is 1, not rescaled, MONOCHROME1 not inverted. Colour JPEG, JPEG-LS and
 * JPEG 2000 frames come back in the colour space their codec outputs (not verified: see the codec
 * wrappers); only greyscale has been checked against references.
 *
 * Throws UnsupportedTransferSyntaxError for a syntax we do not read, PixelDecodeError for missing,
 * truncated or corrupt pixel data (the message names the frame and the cause).
 */
export async function decodePixelData(transferSyntaxUid: string, pixelData: unknown, format: PixelFormat): Promise<StoredFrame[]> {
  const encoding = pixelEncodingOf(transferSyntaxUid);
  if (![8, 16, 32].includes(format.bitsAllocated)) throw new PixelDecodeError(`BitsAllocated ${format.bitsAllocated} is not supported (8, 16 or 32)`);
  const buffers = pixelDataBuffers(pixelData);
  try {
    if (encoding === 'native-little-endian') return nativeFrames(buffers, format, 'little');
    if (encoding === 'native-big-endian') return nativeFrames(buffers, format, 'big');
  } catch (error) {
    if (error instanceof PixelDecodeError) throw error;
    throw asDecodeError(error, 'native pixel data');
  }
  let frames: Uint8Array[];
  try {
    frames = encapsulatedFrames(buffers, format.numberOfFrames, encoding);
  } catch (error) {
    throw error instanceof PixelDecodeError ? error : asDecodeError(error, 'encapsulated pixel data');
  }
  const decoded: StoredFrame[] = [];
  for (const [index, frame] of frames.entries()) {
    try {
      // One frame at a time keeps peak memory to the output plus one decoded frame.
      decoded.push(await decodeEncapsulatedFrame(frame, encoding, format));
    } catch (error) {
      if (error instanceof UnsupportedTransferSyntaxError) throw error;
      throw asDecodeError(error, `frame ${index + 1} of ${frames.length}`);
    }
  }
  return decoded;
}
