import { PixelDecodeError } from '../pixel-format.js';
import type { HuffmanLookup } from './huffman-table.js';

/**
 * Reads Huffman-coded differences from an entropy-coded segment (T.81 F.2.2.5, H.2.2). A stuffed
 * 0xFF00 is a data byte 0xFF. At a marker (or the end of the data) the reader supplies zero bits
 * as IJG and DCMTK do, but more than 7 such bits means the segment was cut short (an encoder can
 * at most fail to flush its last byte), which is reported rather than decoded as zeros.
 */
export class EntropyReader {
  private pos: number;
  private bits = 0;
  private count = 0;
  /** Position of the marker that ended the data, once reached. */
  private markerAt: number | undefined;
  private syntheticBits = 0;

  constructor(private readonly data: Uint8Array, start: number) {
    this.pos = start;
  }

  private fill(): void {
    while (this.count <= 24) {
      let byte = 0;
      if (this.markerAt === undefined) {
        if (this.pos >= this.data.length) {
          this.markerAt = this.data.length;
        } else if (this.data[this.pos] !== 0xff) {
          byte = this.data[this.pos++] ?? 0;
        } else {
          const next = this.data[this.pos + 1];
          if (next === 0x00) {
            byte = 0xff;
            this.pos += 2;
          } else if (next === 0xff) {
            this.pos += 1; // fill byte ahead of a marker (T.81 B.1.1.2)
            continue;
          } else {
            this.markerAt = this.pos;
          }
        }
      }
      if (this.markerAt !== undefined) this.syntheticBits += 8;
      this.bits = (this.bits << 8) | byte;
      this.count += 8;
    }
  }

  private checkNotPastEnd(): void {
    // Bits still buffered were never consumed; only consumed synthetic bits count.
    if (this.syntheticBits - this.count > 7) throw new PixelDecodeError('JPEG lossless entropy-coded data ends before the last sample');
  }

  /** One difference value: a Huffman-coded category SSSS then SSSS extra bits (T.81 H.1.2.2, F.2.2.1). */
  decodeDifference(table: HuffmanLookup): number {
    if (this.count < 16) this.fill();
    const entry = table[(this.bits >>> (this.count - 16)) & 0xffff] ?? 0;
    if (entry === 0) throw new PixelDecodeError('JPEG lossless data holds a code that is not in its Huffman table');
    this.count -= entry >> 8;
    const ssss = entry & 0xff;
    if (ssss === 0 || ssss === 16) {
      if (this.syntheticBits > 0) this.checkNotPastEnd();
      return ssss === 0 ? 0 : 32768; // no extra bits follow category 16 (T.81 H.1.2.2)
    }
    if (this.count < ssss) this.fill();
    const value = (this.bits >>> (this.count - ssss)) & ((1 << ssss) - 1);
    this.count -= ssss;
    if (this.syntheticBits > 0) this.checkNotPastEnd();
    return value < 1 << (ssss - 1) ? value - (1 << ssss) + 1 : value;
  }

  /** Skip to just after the next RSTn marker and drop buffered bits (T.81 F.2.2.5, H.2.1). */
  restart(): void {
    if (this.syntheticBits > 0) this.checkNotPastEnd();
    let at = this.markerAt;
    if (at === undefined) {
      at = this.pos;
      while (at + 1 < this.data.length && !(this.data[at] === 0xff && this.data[at + 1] !== 0x00 && this.data[at + 1] !== 0xff)) at++;
    }
    const marker = this.data[at + 1] ?? 0;
    if (this.data[at] !== 0xff || marker < 0xd0 || marker > 0xd7) throw new PixelDecodeError('JPEG lossless restart marker missing where the restart interval expects one');
    this.pos = at + 2;
    this.bits = 0;
    this.count = 0;
    this.markerAt = undefined;
    this.syntheticBits = 0;
  }

  /** Where the marker after this scan's data starts, so parsing can resume there. */
  endOfScan(): number {
    if (this.markerAt !== undefined) return this.markerAt;
    let at = this.pos;
    while (at + 1 < this.data.length && !(this.data[at] === 0xff && this.data[at + 1] !== 0x00 && this.data[at + 1] !== 0xff)) at++;
    return at + 1 < this.data.length ? at : this.data.length;
  }
}
