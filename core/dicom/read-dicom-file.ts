import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from './dcmjs.js';
import { dcmjs } from './dcmjs.js';
import { findTruncation } from './verify-structure.js';

/** A file that could not be read as DICOM; `reason` is one line a user can act on. */
export class DicomReadError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'DicomReadError';
  }
}

export interface DicomFile {
  readonly path: string;
  /** File meta information (group 0002), naturalized. */
  readonly meta: Dataset;
  /** The dataset, naturalized. PixelData, when present, is dcmjs's array of ArrayBuffers. */
  readonly dataset: Dataset;
  readonly transferSyntaxUid: string;
  /** Bytes read from disk (before gunzip). */
  readonly sizeBytes: number;
  /** The bytes as stored on disk, for content hashing. */
  readonly raw: Buffer;
}

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

function isGzip(bytes: Buffer): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function hasPreamble(bytes: Buffer): boolean {
  return bytes.length >= 132 && bytes.toString('latin1', 128, 132) === 'DICM';
}

/**
 * A dataset without the Part 10 preamble and meta header (older PACS dumps, ACR-NEMA-style files)
 * is taken as implicit VR little endian when it starts with a plausible group-0008 element.
 */
function looksLikeBareDataset(bytes: Buffer): boolean {
  if (bytes.length < 16) return false;
  const group = bytes.readUInt16LE(0);
  const length = bytes.readUInt32LE(4);
  return (group === 0x0008 || group === 0x0002) && length < bytes.length;
}

function wrapBareDataset(bytes: Buffer): Buffer {
  const ts = Buffer.from(`${IMPLICIT_VR_LITTLE_ENDIAN}\0`, 'latin1'); // UI padded to even length with NUL
  const tsElement = Buffer.alloc(8 + ts.length);
  tsElement.writeUInt16LE(0x0002, 0);
  tsElement.writeUInt16LE(0x0010, 2);
  tsElement.write('UI', 4, 'latin1');
  tsElement.writeUInt16LE(ts.length, 6);
  ts.copy(tsElement, 8);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(tsElement.length, 8);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, groupLength, tsElement, bytes]);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'number') return `decoder error code ${error}`;
  return String(error);
}

export interface ReadOptions {
  /** Stop before Pixel Data: headers only, for scanning and planning a volume. */
  readonly headerOnly?: boolean;
}

/** Parse a buffer already in memory (see readDicomFile). */
export function parseDicom(path: string, stored: Buffer, options: ReadOptions = {}): DicomFile {
  let bytes = stored;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new DicomReadError(path, `gzip data is corrupt (${describe(error)})`);
    }
  }
  if (!hasPreamble(bytes)) {
    if (!looksLikeBareDataset(bytes)) throw new DicomReadError(path, 'not a DICOM file (no DICM preamble)');
    bytes = wrapBareDataset(bytes);
  }
  let parsed;
  try {
    const view = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    parsed = dcmjs.data.DicomMessage.readFile(
      view,
      options.headerOnly ? { untilTag: '7FE00010', includeUntilTagValue: false, ignoreErrors: false, noCopy: false, forceStoreRaw: false } : undefined,
    );
  } catch (error) {
    throw new DicomReadError(path, `DICOM data is truncated or malformed (${describe(error)})`);
  }
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.meta);
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.dict);
  const transferSyntaxUid = (typeof meta['TransferSyntaxUID'] === 'string' ? meta['TransferSyntaxUID'] : IMPLICIT_VR_LITTLE_ENDIAN).replace(/\0/g, '').trim();
  const truncation = findTruncation(bytes, transferSyntaxUid);
  if (truncation) {
    throw new DicomReadError(
      path,
      `file is truncated: element ${truncation.tag} declares ${truncation.declaredBytes} bytes but only ${Math.max(0, truncation.availableBytes)} remain`,
    );
  }
  return { path, meta, dataset, transferSyntaxUid, sizeBytes: stored.length, raw: stored };
}

/** Read one DICOM Part 10 file, gzip-compressed or not. Throws DicomReadError naming the file. */
export function readDicomFile(path: string, options: ReadOptions = {}): DicomFile {
  let stored: Buffer;
  try {
    stored = readFileSync(path);
  } catch (error) {
    throw new DicomReadError(path, `cannot read file (${describe(error)})`);
  }
  return parseDicom(path, stored, options);
}
