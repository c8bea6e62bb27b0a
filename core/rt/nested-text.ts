import { gunzipSync } from 'node:zlib';
import type { Dataset } from '../dicom/dcmjs.js';
import type { DicomFile } from '../dicom/read-dicom-file.js';

/**
 * dcmjs 0.51 decodes text inside sequence items with a fresh stream whose decoder is always
 * windows-1252, whatever Specific Character Set (0008,0005) the dataset declares; and it rewrites
 * the declared value to ISO_IR 192 on read. ROI names live in sequence items, so a UTF-8 name like
 * 'Sphère' would come back as 'SphÃ¨re'. This module recovers the declared character set from the
 * file bytes and re-decodes the text of nested items with it (PS3.5 6.1.2.5: the character set of
 * the enclosing dataset applies to its items unless an item declares its own).
 */

/** DICOM defined terms (PS3.3 C.12.1.1.2) → WHATWG encoding labels, for single-byte and UTF-8 sets. */
const DECODERS: Record<string, string> = {
  'ISO_IR 6': 'windows-1252', 'ISO_IR 100': 'windows-1252', 'ISO_IR 101': 'iso-8859-2', 'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4', 'ISO_IR 144': 'iso-8859-5', 'ISO_IR 127': 'iso-8859-6', 'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8', 'ISO_IR 148': 'windows-1254', 'ISO_IR 203': 'iso-8859-15', 'ISO_IR 166': 'windows-874',
  'ISO_IR 192': 'utf-8', GB18030: 'gb18030', GBK: 'gbk', 'ISO_IR 13': 'shift_jis',
};

/** windows-1252 is a bijection on bytes in WHATWG TextDecoder: invert it to recover the raw bytes. */
const CP1252_BYTE = (() => {
  const map = new Map<string, number>();
  const decoder = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  return map;
})();

export function repairNestedText(file: DicomFile): string[] {
  const declared = declaredCharacterSet(file);
  if (!declared) return [];
  const label = DECODERS[declared];
  if (!label) return [`Specific Character Set '${declared}' is not supported; text in sequences may be garbled`];
  for (const [key, value] of Object.entries(file.dataset)) {
    if (key !== '_vrMap' && Array.isArray(value)) for (const item of value) if (isItem(item)) repairItem(item, label);
  }
  return [];
}

function repairItem(item: Dataset, inherited: string): void {
  const own = typeof item['SpecificCharacterSet'] === 'string' ? DECODERS[item['SpecificCharacterSet']] : undefined;
  const label = own ?? inherited;
  for (const [key, value] of Object.entries(item)) {
    if (key === '_vrMap') continue;
    if (Array.isArray(value) && value.some(isItem)) {
      for (const sub of value) if (isItem(sub)) repairItem(sub, label);
    } else if (!own) {
      item[key] = redecode(value, label);
    }
  }
}

function isItem(v: unknown): v is Dataset {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v) && !('Alphabetic' in v);
}

function redecode(value: unknown, label: string): unknown {
  if (typeof value === 'string') return /^[\x00-\x7f]*$/.test(value) || label === 'windows-1252' ? value : decodeAs(value, label);
  if (Array.isArray(value)) return value.map((v) => redecode(v, label));
  if (value && typeof value === 'object' && 'Alphabetic' in value) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redecode(v, label)]));
  }
  return value;
}

function decodeAs(s: string, label: string): string {
  const bytes = new Uint8Array(s.length);
  for (let n = 0; n < s.length; n++) {
    const b = CP1252_BYTE.get(s[n] as string);
    if (b === undefined) return s; // not a windows-1252 decoding: leave it alone
    bytes[n] = b;
  }
  return new TextDecoder(label).decode(bytes);
}

/** The first value of the top-level (0008,0005) as written in the file, or undefined. */
export function declaredCharacterSet(file: Pick<DicomFile, 'raw' | 'transferSyntaxUid'>): string | undefined {
  let bytes = file.raw;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  let offset = 0;
  if (bytes.length >= 144 && bytes.toString('latin1', 128, 132) === 'DICM') offset = 132 + 12 + bytes.readUInt32LE(140);
  const implicit = file.transferSyntaxUid === '1.2.840.10008.1.2';
  // Walk the first elements of group 0008 (Specific Character Set comes first in practice, PS3.5 7.1).
  for (let n = 0; n < 8 && offset + 8 <= bytes.length; n++) {
    const group = bytes.readUInt16LE(offset), element = bytes.readUInt16LE(offset + 2);
    if (group > 0x0008 || (group === 0x0008 && element > 0x0005)) return undefined;
    let length: number, start: number;
    if (implicit) {
      length = bytes.readUInt32LE(offset + 4);
      start = offset + 8;
    } else {
      const vr = bytes.toString('latin1', offset + 4, offset + 6);
      const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR', 'OD', 'OL', 'OV'].includes(vr);
      length = long ? bytes.readUInt32LE(offset + 8) : bytes.readUInt16LE(offset + 6);
      start = offset + (long ? 12 : 8);
    }
    if (length === 0xffffffff) return undefined;
    if (group === 0x0008 && element === 0x0005) {
      const first = bytes.toString('latin1', start, start + length).split('\\')[0]?.trim();
      return first === '' ? undefined : first;
    }
    offset = start + length;
  }
  return undefined;
}
