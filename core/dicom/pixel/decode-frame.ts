import { codestreamKind, sofName } from './codestream-kind.js';
import { decodeJpegLs } from './codecs/charls.js';
import { decodeJpeg12Bit } from './codecs/dcmjs-codecs.js';
import type { DecodedImage } from './codecs/decoded-image.js';
import { decodeJpeg8Bit } from './codecs/libjpeg-turbo.js';
import { decodeJpeg2000 } from './codecs/openjpeg.js';
import { decodeJpegLossless } from './jpeg-lossless/decode-jpeg-lossless.js';
import type { PixelFormat, StoredFrame } from './pixel-format.js';
import { PixelDecodeError } from './pixel-format.js';
import type { PixelEncoding } from './pixel-transfer-syntax.js';
import { decodeRleFrame } from './rle-decode.js';
import { interleavePlanes, storedFrameOf } from './stored-values.js';

/** Hierarchical DCT processes (SOF5-7, SOF13-15) and lossless arithmetic (SOF11) have no decoder here. */
const LIBJPEG_SOFS = new Set([0xc0, 0xc1, 0xc2, 0xc9, 0xca]);

/** Pick the codec from the codestream's own markers; the transfer syntax only said "JPEG family". */
async function decodeCodestream(frame: Uint8Array, format: PixelFormat): Promise<DecodedImage> {
  const kind = codestreamKind(frame);
  switch (kind.kind) {
    case 'jpeg-lossless': {
      const image = decodeJpegLossless(frame, format.rows);
      return { width: image.width, height: image.height, components: image.components, samples: image.samples, planar: false };
    }
    case 'jpeg-dct':
      if (!LIBJPEG_SOFS.has(kind.sof)) throw new PixelDecodeError(`JPEG process with frame marker ${sofName(kind.sof)} is not supported`);
      if (kind.precision === 8) return decodeJpeg8Bit(frame);
      if (kind.precision === 12) return decodeJpeg12Bit(frame, kind, format.pixelRepresentation, format.photometricInterpretation);
      throw new PixelDecodeError(`DCT JPEG with ${kind.precision}-bit precision is not valid (8 or 12, T.81 B.2.2)`);
    case 'jpeg-ls':
      return decodeJpegLs(frame);
    case 'jpeg2000':
      return decodeJpeg2000(frame);
    case 'unknown':
      throw new PixelDecodeError(kind.reason);
  }
}

/** One encapsulated frame (one codestream, PS3.5 A.4) to stored values in colour-by-pixel order. */
export async function decodeEncapsulatedFrame(frame: Uint8Array, encoding: PixelEncoding, format: PixelFormat): Promise<StoredFrame> {
  if (encoding === 'rle') {
    // RLE segments hold whole pixel cells, so HighBit places the stored bits as in native data.
    return storedFrameOf(decodeRleFrame(frame, format), format, format.highBit + 1 - format.bitsStored);
  }
  const image = await decodeCodestream(frame, format);
  if (image.width !== format.columns || image.height !== format.rows || image.components !== format.samplesPerPixel) {
    throw new PixelDecodeError(
      `decoded frame is ${image.width}×${image.height}×${image.components}, the dataset says ` +
        `${format.columns}×${format.rows}×${format.samplesPerPixel} (Columns×Rows×SamplesPerPixel)`,
    );
  }
  const expected = format.rows * format.columns * format.samplesPerPixel;
  if (image.samples.length < expected) throw new PixelDecodeError(`decoder returned ${image.samples.length} samples, expected ${expected}`);
  const samples = image.samples.length === expected ? image.samples : image.samples.subarray(0, expected);
  return storedFrameOf(image.planar ? interleavePlanes(samples, image.components) : samples, format, 0);
}
