/**
 * Checks that a Part 10 byte stream ends on an element boundary. dcmjs pads a value cut short by
 * the end of the file instead of failing, so a file truncated inside Pixel Data would decode to an
 * image with a silent block of zeros; this walk catches it (PS3.5 §7.1 element encoding, §7.5
 * sequences and items with defined and undefined length).
 */

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;

/** Where the top-level Pixel Data value lies in the file bytes. */
export type PixelDataLocation =
  | { readonly kind: 'native'; readonly elementStart: number; readonly offset: number; readonly length: number }
  | { readonly kind: 'encapsulated'; readonly elementStart: number; readonly basicOffsetTable: readonly number[]; readonly fragments: readonly { offset: number; length: number }[] };

export interface Truncation {
  readonly tag: string;
  readonly declaredBytes: number;
  readonly availableBytes: number;
}

interface Syntax {
  readonly explicit: boolean;
  readonly little: boolean;
}

const PIXEL_DATA = 0x7fe00010;

class Walker {
  pixelData: PixelDataLocation | undefined;
  private depth = 0;

  constructor(private readonly bytes: Uint8Array, private readonly view: DataView) {}

  /** Items of encapsulated pixel data: the Basic Offset Table, then the fragments (PS3.5 A.4). */
  private encapsulated(start: number, pos: number, end: number, little: boolean): number | Truncation {
    const items: { offset: number; length: number }[] = [];
    while (pos + 8 <= end) {
      const tag = ((this.u16(pos, little) << 16) | this.u16(pos + 2, little)) >>> 0;
      const length = this.u32(pos + 4, little);
      pos += 8;
      if (tag === SEQUENCE_END) {
        const [table, ...fragments] = items;
        const offsets: number[] = [];
        if (table) for (let o = table.offset; o + 4 <= table.offset + table.length; o += 4) offsets.push(this.u32(o, little));
        this.pixelData = { kind: 'encapsulated', elementStart: start, basicOffsetTable: offsets, fragments };
        return pos;
      }
      if (tag !== ITEM) return { tag: '(7FE0,0010) fragment', declaredBytes: 8, availableBytes: 0 };
      if (pos + length > end) return { tag: '(7FE0,0010) fragment', declaredBytes: length, availableBytes: end - pos };
      items.push({ offset: pos, length });
      pos += length;
    }
    return { tag: '(7FE0,0010)', declaredBytes: 8, availableBytes: end - pos };
  }

  private u16(pos: number, little: boolean): number {
    return this.view.getUint16(pos, little);
  }

  private u32(pos: number, little: boolean): number {
    return this.view.getUint32(pos, little);
  }

  /** Walk elements from `pos` until `end`, or until `stopTag` is met; returns the position after. */
  walk(pos: number, end: number, syntax: Syntax, stopTag?: number): number | Truncation {
    while (pos < end) {
      if (pos + 8 > end) return { tag: 'element header', declaredBytes: 8, availableBytes: end - pos };
      const group = this.u16(pos, syntax.little);
      const element = this.u16(pos + 2, syntax.little);
      const tag = ((group << 16) | element) >>> 0;
      const name = `(${group.toString(16).padStart(4, '0').toUpperCase()},${element.toString(16).padStart(4, '0').toUpperCase()})`;
      if (group === 0xfffe) {
        const length = this.u32(pos + 4, syntax.little);
        pos += 8;
        if (tag === stopTag || tag === SEQUENCE_END || tag === ITEM_END) return pos;
        if (tag !== ITEM) continue;
        if (length === UNDEFINED) {
          this.depth++;
          const after = this.walk(pos, end, syntax, ITEM_END);
          this.depth--;
          if (typeof after !== 'number') return after;
          pos = after;
        } else {
          if (pos + length > end) return { tag: `item in ${name}`, declaredBytes: length, availableBytes: end - pos };
          pos += length;
        }
        continue;
      }
      let vr = '';
      let length: number;
      let header: number;
      if (syntax.explicit && this.bytes[pos + 4]! >= 0x41 && this.bytes[pos + 4]! <= 0x5a) {
        vr = String.fromCharCode(this.bytes[pos + 4]!, this.bytes[pos + 5]!);
        if (LONG_VRS.has(vr)) {
          if (pos + 12 > end) return { tag: name, declaredBytes: 12, availableBytes: end - pos };
          length = this.u32(pos + 8, syntax.little);
          header = 12;
        } else {
          length = this.u16(pos + 6, syntax.little);
          header = 8;
        }
      } else {
        length = this.u32(pos + 4, syntax.little);
        header = 8;
      }
      const elementStart = pos;
      pos += header;
      if (tag === PIXEL_DATA && this.depth === 0) {
        if (length === UNDEFINED) {
          const after = this.encapsulated(elementStart, pos, end, syntax.little);
          if (typeof after !== 'number') return after;
          pos = after;
          continue;
        }
        if (pos + length > end) return { tag: name, declaredBytes: length, availableBytes: end - pos };
        this.pixelData = { kind: 'native', elementStart, offset: pos, length };
        pos += length;
        continue;
      }
      if (length === UNDEFINED) {
        // A sequence (or nested encapsulated data, e.g. an icon): items until the sequence delimiter.
        this.depth++;
        const after = this.walk(pos, end, syntax, SEQUENCE_END);
        this.depth--;
        if (typeof after !== 'number') return after;
        pos = after;
        continue;
      }
      if (pos + length > end) return { tag: name, declaredBytes: length, availableBytes: end - pos };
      pos += length;
    }
    return stopTag === undefined ? pos : { tag: 'sequence', declaredBytes: 0, availableBytes: 0 };
  }
}

/**
 * `bytes` is a whole Part 10 file (preamble included). Returns where it is truncated, if it is,
 * and where the top-level Pixel Data lies. Deflated data sets are not walked (dcmjs inflates
 * them and fails on a truncated stream).
 */
export interface StructureWalk {
  readonly truncation?: Truncation;
  readonly pixelData?: PixelDataLocation;
}

export function walkStructure(bytes: Uint8Array, transferSyntaxUid: string): StructureWalk {
  if (transferSyntaxUid === '1.2.840.10008.1.2.1.99') return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const walker = new Walker(bytes, view);
  const explicitLe: Syntax = { explicit: true, little: true };
  // File meta group: explicit VR little endian, length from (0002,0000).
  let pos = 132;
  const metaLength = bytes.length >= 144 && view.getUint16(132, true) === 0x0002 && view.getUint16(134, true) === 0x0000 ? view.getUint32(140, true) : undefined;
  if (metaLength === undefined) {
    // No group length: a non-conformant meta header; only check that it is complete.
    const after = walker.walk(pos, bytes.length, explicitLe);
    return typeof after === 'number' ? {} : { truncation: after };
  }
  pos = 144 + metaLength;
  if (pos > bytes.length) return { truncation: { tag: 'file meta information', declaredBytes: metaLength, availableBytes: bytes.length - 144 } };
  const syntax: Syntax = {
    explicit: transferSyntaxUid !== '1.2.840.10008.1.2',
    little: transferSyntaxUid !== '1.2.840.10008.1.2.2',
  };
  const result = walker.walk(pos, bytes.length, syntax);
  if (typeof result !== 'number') return { truncation: result };
  return walker.pixelData ? { pixelData: walker.pixelData } : {};
}

/** Transfer Syntax UID (0002,0010) from the explicit-little-endian file meta group, if present. */
export function metaTransferSyntax(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 132;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const element = view.getUint16(pos + 2, true);
    const vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const start = pos + (long ? 12 : 8);
    if (element === 0x0010) return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(length, bytes.length - start)).toString('latin1').replace(/\0/g, '').trim();
    pos = start + length;
  }
  return undefined;
}
