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

export interface Truncation {
  readonly tag: string;
  readonly declaredBytes: number;
  readonly availableBytes: number;
}

interface Syntax {
  readonly explicit: boolean;
  readonly little: boolean;
}

class Walker {
  constructor(private readonly bytes: Uint8Array, private readonly view: DataView) {}

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
          const after = this.walk(pos, end, syntax, ITEM_END);
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
      pos += header;
      if (length === UNDEFINED) {
        // A sequence, or encapsulated pixel data: items until the sequence delimiter.
        const after = this.walk(pos, end, syntax, SEQUENCE_END);
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
 * `bytes` is a whole Part 10 file (preamble included). Returns where it is truncated, or
 * undefined when every element is complete. Deflated data sets are not walked (dcmjs inflates
 * them and fails on a truncated stream).
 */
export function findTruncation(bytes: Uint8Array, transferSyntaxUid: string): Truncation | undefined {
  if (transferSyntaxUid === '1.2.840.10008.1.2.1.99') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const walker = new Walker(bytes, view);
  const explicitLe: Syntax = { explicit: true, little: true };
  // File meta group: explicit VR little endian, length from (0002,0000).
  let pos = 132;
  const metaLength = bytes.length >= 144 && view.getUint16(132, true) === 0x0002 && view.getUint16(134, true) === 0x0000 ? view.getUint32(140, true) : undefined;
  if (metaLength !== undefined) {
    pos = 144 + metaLength;
  } else {
    const after = walker.walk(pos, bytes.length, explicitLe);
    if (typeof after !== 'number') return after;
    return undefined;
  }
  if (pos > bytes.length) return { tag: 'file meta information', declaredBytes: metaLength ?? 0, availableBytes: bytes.length - 144 };
  const syntax: Syntax = {
    explicit: transferSyntaxUid !== '1.2.840.10008.1.2',
    little: transferSyntaxUid !== '1.2.840.10008.1.2.2',
  };
  const result = walker.walk(pos, bytes.length, syntax);
  return typeof result === 'number' ? undefined : result;
}
