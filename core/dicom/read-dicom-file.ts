import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Dataset } from './dcmjs.js';
import { dcmjs } from './dcmjs.js';
import type { PixelDataLocation } from './verify-structure.js';
import { metaTransferSyntax, walkStructure } from './verify-structure.js';

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
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

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
function looksLikeBareDataset(bytes: Buffer): 'implicit' | 'explicit' | undefined {
  if (bytes.length < 16) return undefined;
  const group = bytes.readUInt16LE(0);
  if (group !== 0x0008) return undefined;
  const vr = bytes.toString('latin1', 4, 6);
  if (/^[A-Z][A-Z]$/.test(vr) && bytes.readUInt16LE(6) < bytes.length) return 'explicit';
  return bytes.readUInt32LE(4) < bytes.length ? 'implicit' : undefined;
}

function wrapBareDataset(bytes: Buffer, encoding: 'implicit' | 'explicit'): Buffer {
  const uid = encoding === 'explicit' ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
  const ts = Buffer.from(uid.length % 2 === 1 ? `${uid}\0` : uid, 'latin1'); // UI padded to even length with NUL
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

/**
 * Pixel Data as byte views into the file buffer: native data as one view; encapsulated data as
 * one view per frame when the Basic Offset Table gives frame starts, else one per fragment
 * (the same shape dcmjs produces, PS3.5 A.4).
 */
function pixelViews(bytes: Buffer, location: PixelDataLocation): Uint8Array[] {
  const view = (offset: number, length: number): Uint8Array => new Uint8Array(bytes.buffer, bytes.byteOffset + offset, length);
  if (location.kind === 'native') return [view(location.offset, location.length)];
  const fragments = location.fragments;
  const table = location.basicOffsetTable;
  if (table.length <= 1 || fragments.length === 0) return fragments.map((f) => view(f.offset, f.length));
  // Offsets count from the first fragment's item tag; each fragment item has an 8-byte header.
  const firstItem = fragments[0]!.offset - 8;
  const frames: Uint8Array[] = [];
  for (let f = 0; f < table.length; f++) {
    const start = firstItem + table[f]!;
    const end = f + 1 < table.length ? firstItem + table[f + 1]! : Infinity;
    const parts = fragments.filter((x) => x.offset - 8 >= start && x.offset - 8 < end).map((x) => view(x.offset, x.length));
    if (parts.length === 1) frames.push(parts[0]!);
    else frames.push(Buffer.concat(parts));
  }
  return frames;
}

/** Parse a buffer already in memory (see readDicomFile). */
export function parseDicom(path: string, stored: Buffer, options: ReadOptions = {}): DicomFile {
  let bytes = stored;
  if (bytes.length === 0) throw new DicomReadError(path, 'empty file (0 bytes)');
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new DicomReadError(path, `gzip data is corrupt (${describe(error)})`);
    }
  }
  if (!hasPreamble(bytes)) {
    const encoding = looksLikeBareDataset(bytes);
    if (!encoding) throw new DicomReadError(path, 'not a DICOM file (no DICM preamble)');
    bytes = wrapBareDataset(bytes, encoding);
  }
  const syntax = metaTransferSyntax(bytes) ?? IMPLICIT_VR_LITTLE_ENDIAN;
  const walk = walkStructure(bytes, syntax);
  if (walk.truncation) {
    const t = walk.truncation;
    throw new DicomReadError(path, `file is truncated: element ${t.tag} declares ${t.declaredBytes} bytes but only ${Math.max(0, t.availableBytes)} remain`);
  }
  // dcmjs parses everything before Pixel Data; the pixel bytes are taken as views from the walk,
  // so a 512×512 slice is never copied by the parser (elements after Pixel Data, such as
  // trailing padding, are not read).
  const headerEnd = walk.pixelData ? walk.pixelData.elementStart : bytes.length;
  let parsed;
  try {
    const view = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + headerEnd) as ArrayBuffer;
    parsed = dcmjs.data.DicomMessage.readFile(view);
  } catch (error) {
    const detail = describe(error);
    // dcmjs words a read past the end in several ways; say what it means.
    const truncated = /past end|more than currently allocated|out of bounds|offset/i.test(detail);
    throw new DicomReadError(path, truncated ? 'file is truncated: the DICOM data ends inside an element' : `DICOM data is malformed (${detail})`);
  }
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.meta);
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(parsed.dict);
  const transferSyntaxUid = (typeof meta['TransferSyntaxUID'] === 'string' ? meta['TransferSyntaxUID'] : syntax).replace(/\0/g, '').trim();
  if (walk.pixelData && !options.headerOnly) dataset['PixelData'] = pixelViews(bytes, walk.pixelData);
  else if (walk.pixelData) dataset['PixelData'] = [];
  return { path, meta, dataset, transferSyntaxUid, sizeBytes: stored.length, raw: stored };
}

/**
 * The largest file read as DICOM. A multi-frame image of several gigabytes is beyond what a
 * planning image is; anything larger is refused by name rather than exhausting memory.
 */
export const MAX_DICOM_FILE_BYTES = 2 * 1024 ** 3;

function readFully(fd: number, into: Buffer, from: number): number {
  let at = from;
  while (at < into.length) {
    const n = readSync(fd, into, at, into.length - at, at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

/**
 * Read one DICOM Part 10 file, gzip-compressed or not. Throws DicomReadError naming the file.
 * Only regular files are opened; the first bytes are checked before the rest is read, so a
 * folder full of videos or archives is scanned without loading them.
 */
export function readDicomFile(path: string, options: ReadOptions = {}): DicomFile {
  let fd: number;
  try {
    // Opening a named pipe blocks until someone writes to it: look before opening.
    if (!statSync(path).isFile()) throw new DicomReadError(path, 'not a regular file');
    fd = openSync(path, 'r');
  } catch (error) {
    if (error instanceof DicomReadError) throw error;
    throw new DicomReadError(path, `cannot read file (${describe(error)})`);
  }
  try {
    let stored: Buffer;
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) throw new DicomReadError(path, 'not a regular file');
      if (stats.size === 0) throw new DicomReadError(path, 'empty file (0 bytes)');
      if (stats.size > MAX_DICOM_FILE_BYTES) {
        throw new DicomReadError(path, `file is ${(stats.size / 1024 ** 3).toFixed(1)} GiB, larger than the ${MAX_DICOM_FILE_BYTES / 1024 ** 3} GiB this application reads as DICOM`);
      }
      stored = Buffer.allocUnsafe(stats.size);
      const head = readFully(fd, stored.subarray(0, Math.min(stats.size, 132)), 0);
      const start = stored.subarray(0, head);
      if (!isGzip(start) && !hasPreamble(start) && !(start.length >= 16 && start.readUInt16LE(0) === 0x0008)) {
        throw new DicomReadError(path, 'not a DICOM file (no DICM preamble)');
      }
      const total = readFully(fd, stored, head);
      stored = stored.subarray(0, total);
    } catch (error) {
      if (error instanceof DicomReadError) throw error;
      throw new DicomReadError(path, `cannot read file (${describe(error)})`);
    }
    return parseDicom(path, stored, options);
  } finally {
    closeSync(fd);
  }
}
