import { pixelEncodingOf } from './pixel/pixel-transfer-syntax.js';

/** Names of the transfer syntaxes Delineate reads, for reports (PS3.5 §10 and Annex A). */
export const TRANSFER_SYNTAX_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless Only',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
};

/** Whether the pixel decoder reads this syntax (the decoder's table is the one authority). */
export function isSupportedTransferSyntax(uid: string): boolean {
  try {
    pixelEncodingOf(uid);
    return true;
  } catch {
    return false;
  }
}

export function describeTransferSyntax(uid: string): string {
  return TRANSFER_SYNTAX_NAMES[uid] ?? `unknown transfer syntax ${uid}`;
}
