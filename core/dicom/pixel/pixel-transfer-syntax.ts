import { UnsupportedTransferSyntaxError } from './pixel-format.js';

/**
 * How the Pixel Data of each transfer syntax we read is laid out (PS3.5 §10, Annex A).
 * Native syntaxes carry raw pixel cells; encapsulated ones carry one codestream per frame in
 * fragments (PS3.5 A.4). Which codec decodes an encapsulated frame is decided later from the
 * codestream's own markers, not from this family alone.
 */
export type PixelEncoding = 'native-little-endian' | 'native-big-endian' | 'rle' | 'jpeg' | 'jpeg-ls' | 'jpeg2000';

const ENCODINGS: Readonly<Record<string, PixelEncoding>> = {
  '1.2.840.10008.1.2': 'native-little-endian', // Implicit VR Little Endian
  '1.2.840.10008.1.2.1': 'native-little-endian', // Explicit VR Little Endian
  '1.2.840.10008.1.2.1.99': 'native-little-endian', // Deflated Explicit VR LE: dcmjs inflates while parsing
  '1.2.840.10008.1.2.2': 'native-big-endian', // Explicit VR Big Endian (retired, still found in archives)
  '1.2.840.10008.1.2.5': 'rle', // RLE Lossless, PS3.5 Annex G
  '1.2.840.10008.1.2.4.50': 'jpeg', // JPEG Baseline (Process 1)
  '1.2.840.10008.1.2.4.51': 'jpeg', // JPEG Extended (Process 2 & 4), 12-bit
  '1.2.840.10008.1.2.4.57': 'jpeg', // JPEG Lossless, Non-Hierarchical (Process 14)
  '1.2.840.10008.1.2.4.70': 'jpeg', // JPEG Lossless, Process 14, Selection Value 1
  '1.2.840.10008.1.2.4.80': 'jpeg-ls', // JPEG-LS Lossless
  '1.2.840.10008.1.2.4.81': 'jpeg-ls', // JPEG-LS Near-Lossless
  '1.2.840.10008.1.2.4.90': 'jpeg2000', // JPEG 2000 Lossless Only
  '1.2.840.10008.1.2.4.91': 'jpeg2000', // JPEG 2000
};

/** The pixel layout of a transfer syntax; throws UnsupportedTransferSyntaxError for any other UID. */
export function pixelEncodingOf(transferSyntaxUid: string): PixelEncoding {
  // UI values may carry a trailing NUL pad (PS3.5 §6.2); callers sometimes pass them through.
  const uid = transferSyntaxUid.replace(/\0/g, '').trim();
  const encoding = ENCODINGS[uid];
  if (encoding === undefined) throw new UnsupportedTransferSyntaxError(uid);
  return encoding;
}

export function isEncapsulated(encoding: PixelEncoding): boolean {
  return encoding !== 'native-little-endian' && encoding !== 'native-big-endian';
}
