import type { Dataset } from '../dicom/dcmjs.js';
import { dcmjs } from '../dicom/dcmjs.js';
import { formatDs } from './decimal-string.js';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './uid.js';

export type TransferSyntaxChoice = 'explicit' | 'implicit';

const TRANSFER_SYNTAX_UID: Record<TransferSyntaxChoice, string> = {
  explicit: '1.2.840.10008.1.2.1',
  implicit: '1.2.840.10008.1.2',
};

/**
 * Our own Part 10 encoder for the objects we write (RTSTRUCT, SEG), little endian only.
 *
 * Why not dcmjs's writer: dcmjs 0.51 keeps the output as a list of small buffers and finds the
 * write position by a linear scan of that list, so a structure set with tens of thousands of
 * elements takes quadratic time (a 20-structure 512×512×200 export did not finish in 7 minutes).
 * And in explicit VR it silently switches a DS over 64 KiB to UN (PS3.5 6.2.2), where we want a
 * loud failure instead. dcmjs still supplies the data dictionary and does all the reading.
 */

/** VRs with a 32-bit length in explicit VR (PS3.5 7.1.2, table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
/** Text VRs affected by Specific Character Set; dcmjs reads them as UTF-8 under ISO_IR 192, so we write UTF-8. */
const ENCODED_TEXT = new Set(['SH', 'LO', 'ST', 'LT', 'PN', 'UC', 'UT']);
const TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'TM', 'UI', 'UR', ...ENCODED_TEXT]);
const BINARY = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

class Sink {
  readonly chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.length += b.length;
  }
}

interface Element {
  readonly tag: number;
  readonly keyword: string;
  readonly vr: string;
  readonly value: unknown;
}

function lookup(keyword: string, vrMap: Record<string, string>): { tag: number; vr: string } {
  const entry = dcmjs.data.DicomMetaDictionary.nameMap[keyword];
  if (!entry) throw new Error(`cannot encode '${keyword}': not a DICOM keyword`);
  const tag = parseInt(entry.tag.replace(/[(),]/g, ''), 16);
  let vr = vrMap[keyword] ?? entry.vr;
  // Ambiguous dictionary VRs: 'ox' = OB or OW, 'xs' = US or SS. Our objects use OB (1-bit SEG) and US.
  if (vr === 'ox') vr = 'OB';
  else if (vr === 'xs') vr = 'US';
  else if (vr.includes(' or ')) vr = vr.split(' or ')[0] as string;
  return { tag, vr };
}

function elementsOf(ds: Dataset): Element[] {
  const vrMap = (ds['_vrMap'] ?? {}) as Record<string, string>;
  return Object.entries(ds)
    .filter(([k, v]) => k !== '_vrMap' && v !== undefined)
    .map(([keyword, value]) => ({ keyword, value, ...lookup(keyword, vrMap) }))
    .sort((a, b) => a.tag - b.tag);
}

function textOf(value: unknown, vr: string): string {
  const list: unknown[] = Array.isArray(value) ? value : value === null || value === '' ? [] : [value];
  return list
    .map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return vr === 'DS' ? formatDs(v) : String(Math.trunc(v));
      if (typeof v === 'string') return v;
      if (typeof v === 'object' && 'Alphabetic' in v) {
        const p = v as { Alphabetic?: string; Ideographic?: string; Phonetic?: string };
        return [p.Alphabetic ?? '', p.Ideographic ?? '', p.Phonetic ?? ''].join('=').replace(/=+$/, '');
      }
      throw new Error(`cannot write ${JSON.stringify(v)} as ${vr}`);
    })
    .join('\\');
}

function valueBytes(e: Element): Buffer {
  const { vr, value } = e;
  if (TEXT.has(vr)) {
    const b = Buffer.from(textOf(value, vr), ENCODED_TEXT.has(vr) ? 'utf8' : 'latin1');
    // Even length (PS3.5 7.1.1): UI pads with NUL, other text with a space.
    return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.from(vr === 'UI' ? '\0' : ' ', 'latin1')]);
  }
  if (BINARY.has(vr)) {
    const parts = (Array.isArray(value) ? value : [value]).map((p) =>
      p instanceof ArrayBuffer ? Buffer.from(p) : ArrayBuffer.isView(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : Buffer.alloc(0),
    );
    const b = Buffer.concat(parts);
    return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.alloc(1)]);
  }
  const nums = (Array.isArray(value) ? value : value === '' || value === null ? [] : [value]).map(Number);
  const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4, UV: 8, SV: 8 }[vr];
  if (size === undefined) throw new Error(`cannot write VR ${vr} (${e.keyword})`);
  const b = Buffer.alloc(nums.length * size);
  nums.forEach((n, i) => {
    const o = i * size;
    if (vr === 'US') b.writeUInt16LE(n, o);
    else if (vr === 'SS') b.writeInt16LE(n, o);
    else if (vr === 'UL') b.writeUInt32LE(n, o);
    else if (vr === 'SL') b.writeInt32LE(n, o);
    else if (vr === 'FL') b.writeFloatLE(n, o);
    else if (vr === 'FD') b.writeDoubleLE(n, o);
    else if (vr === 'AT') {
      b.writeUInt16LE(n >>> 16, o);
      b.writeUInt16LE(n & 0xffff, o + 2);
    } else if (vr === 'UV') b.writeBigUInt64LE(BigInt(n), o);
    else b.writeBigInt64LE(BigInt(n), o);
  });
  return b;
}

function header(tag: number, vr: string, length: number, explicit: boolean, keyword: string): Buffer {
  const long = LONG_VRS.has(vr);
  const b = Buffer.alloc(explicit && !long ? 8 : explicit ? 12 : 8);
  b.writeUInt16LE(tag >>> 16, 0);
  b.writeUInt16LE(tag & 0xffff, 2);
  if (!explicit) {
    b.writeUInt32LE(length, 4);
  } else if (long) {
    b.write(vr, 4, 'latin1');
    b.writeUInt32LE(length, 8);
  } else {
    // A 16-bit length field (PS3.5 7.1.2) cannot hold more; fail rather than fall back to UN.
    if (length > 0xfffe) throw new Error(`${keyword} is ${length} bytes, over the 65534 an explicit-VR ${vr} value can hold; write implicit VR`);
    b.write(vr, 4, 'latin1');
    b.writeUInt16LE(length, 6);
  }
  return b;
}

const UNDEFINED = 0xffffffff;
function delimiter(element: number, length = 0): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(0xfffe, 0);
  b.writeUInt16LE(element, 2);
  b.writeUInt32LE(length, 4);
  return b;
}

function encodeDataset(ds: Dataset, explicit: boolean, sink: Sink): void {
  for (const e of elementsOf(ds)) {
    if (e.vr === 'SQ') {
      // Undefined-length sequence and items with delimiters (PS3.5 7.5.2).
      sink.push(header(e.tag, 'SQ', UNDEFINED, explicit, e.keyword));
      for (const item of (Array.isArray(e.value) ? e.value : []) as Dataset[]) {
        sink.push(delimiter(0xe000, UNDEFINED));
        encodeDataset(item, explicit, sink);
        sink.push(delimiter(0xe00d));
      }
      sink.push(delimiter(0xe0dd));
    } else {
      const bytes = valueBytes(e);
      sink.push(header(e.tag, e.vr, bytes.length, explicit, e.keyword));
      sink.push(bytes);
    }
  }
}

/**
 * Encode a naturalized dataset as a DICOM Part 10 file (PS3.10 7.1): 128-byte preamble, 'DICM', File
 * Meta Information (explicit VR little endian, with its group length), then the dataset.
 */
export function encodeDicom(dataset: Dataset, transferSyntax: TransferSyntaxChoice = 'explicit'): Buffer {
  const sopClass = dataset['SOPClassUID'];
  const sopInstance = dataset['SOPInstanceUID'];
  if (typeof sopClass !== 'string' || typeof sopInstance !== 'string') throw new Error('dataset needs SOPClassUID and SOPInstanceUID');
  const meta = new Sink();
  encodeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClass,
    MediaStorageSOPInstanceUID: sopInstance,
    TransferSyntaxUID: TRANSFER_SYNTAX_UID[transferSyntax],
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  }, true, meta);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const body = new Sink();
  encodeDataset(dataset, transferSyntax === 'explicit', body);
  const preamble = Buffer.alloc(132);
  preamble.write('DICM', 128, 'latin1');
  return Buffer.concat([preamble, groupLength, ...meta.chunks, ...body.chunks]);
}
