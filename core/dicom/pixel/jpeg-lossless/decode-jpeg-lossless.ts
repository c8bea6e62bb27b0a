import { PixelDecodeError } from '../pixel-format.js';
import { EntropyReader } from './entropy-reader.js';
import type { HuffmanLookup } from './huffman-table.js';
import { buildHuffmanLookup } from './huffman-table.js';

/**
 * A decoder for JPEG lossless, non-hierarchical, Huffman-coded streams (T.81 Annex H, process 14;
 * DICOM 1.2.840.10008.1.2.4.57 and .70). Written here rather than taken from jpeg-lossless-decoder-js,
 * which computes predictor 7 in floating point and can lose the last sample; this one follows the
 * integer arithmetic of T.81 H.1.2.1 exactly as IJG/DCMTK implement it.
 */

export interface LosslessImage {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly precision: number;
  /** Samples in colour-by-pixel order, already scaled up by the point transform. */
  readonly samples: Uint16Array;
}

interface FrameComponent {
  readonly id: number;
  readonly plane: Uint16Array;
  pointTransform: number;
  decoded: boolean;
}

interface Frame {
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  readonly components: FrameComponent[];
}

function u16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

function segmentEnd(data: Uint8Array, at: number): number {
  const length = u16(data, at + 2);
  if (length < 2 || at + 2 + length > data.length) throw new PixelDecodeError(`JPEG marker segment at byte ${at} runs past the end of the stream`);
  return at + 2 + length;
}

/** DHT: one or more tables per segment (T.81 B.2.4.2). */
function readHuffmanTables(data: Uint8Array, at: number, end: number, tables: (HuffmanLookup | undefined)[]): void {
  let p = at + 4;
  while (p < end) {
    const id = (data[p] ?? 0) & 0x0f;
    const counts = data.subarray(p + 1, p + 17);
    const total = counts.reduce((a, b) => a + b, 0);
    if (p + 17 + total > end || id > 3) throw new PixelDecodeError('JPEG Huffman table segment is malformed');
    tables[id] = buildHuffmanLookup(counts, data.subarray(p + 17, p + 17 + total));
    p += 17 + total;
  }
}

/** SOF3 (T.81 B.2.2). Subsampled components are not used in DICOM lossless images and are refused. */
function readFrame(data: Uint8Array, at: number, expectedRows: number): Frame {
  const precision = data[at + 4] ?? 0;
  const height = u16(data, at + 5) || expectedRows; // 0 lines means a DNL marker follows; DICOM Rows says the same
  const width = u16(data, at + 7);
  const count = data[at + 9] ?? 0;
  if (precision < 2 || precision > 16) throw new PixelDecodeError(`JPEG lossless precision ${precision} is outside 2..16`);
  if (width === 0 || height === 0 || count === 0 || count > 4) throw new PixelDecodeError(`JPEG lossless frame header is invalid (${width}×${height}, ${count} components)`);
  const components: FrameComponent[] = [];
  for (let c = 0; c < count; c++) {
    const sampling = data[at + 11 + 3 * c] ?? 0;
    if (count > 1 && sampling !== 0x11) throw new PixelDecodeError('subsampled JPEG lossless components are not supported');
    components.push({ id: data[at + 10 + 3 * c] ?? 0, plane: new Uint16Array(width * height), pointTransform: 0, decoded: false });
  }
  return { precision, width, height, components };
}

/** Prediction from neighbours a (left), b (above), c (above-left): T.81 Table H.1, in IJG's integer arithmetic. */
function predict(selection: number, a: number, b: number, c: number): number {
  switch (selection) {
    case 1: return a;
    case 2: return b;
    case 3: return c;
    case 4: return a + b - c;
    case 5: return a + ((b - c) >> 1);
    case 6: return b + ((a - c) >> 1);
    default: return (a + b) >> 1;
  }
}

interface Scan {
  readonly components: { readonly component: FrameComponent; readonly table: HuffmanLookup }[];
  readonly predictor: number;
  readonly pointTransform: number;
}

function readScan(data: Uint8Array, at: number, frame: Frame, tables: readonly (HuffmanLookup | undefined)[]): Scan {
  const count = data[at + 4] ?? 0;
  const components = [];
  for (let i = 0; i < count; i++) {
    const id = data[at + 5 + 2 * i] ?? 0;
    const component = frame.components.find((c) => c.id === id);
    const table = tables[((data[at + 6 + 2 * i] ?? 0) >> 4) & 0x0f];
    if (component === undefined) throw new PixelDecodeError(`JPEG lossless scan names component ${id}, which the frame lacks`);
    if (table === undefined) throw new PixelDecodeError('JPEG lossless scan uses a Huffman table that was never defined');
    components.push({ component, table });
  }
  const p = at + 5 + 2 * count;
  const predictor = data[p] ?? 0;
  const pointTransform = (data[p + 2] ?? 0) & 0x0f;
  if (count === 0 || predictor < 1 || predictor > 7) throw new PixelDecodeError(`JPEG lossless scan has predictor ${predictor} (1..7 expected)`);
  if (pointTransform >= frame.precision) throw new PixelDecodeError(`JPEG lossless point transform ${pointTransform} is not below precision ${frame.precision}`);
  return { components, predictor, pointTransform };
}

/**
 * Decode one scan (T.81 H.1.2.1): the first line of the scan and of every restart interval is
 * predicted from the left (its first sample from 2^(P-Pt-1)), every other line starts from the
 * sample above and then uses the scan's predictor. Sums are kept modulo 2^16 (H.2.1).
 */
function decodeScan(data: Uint8Array, start: number, frame: Frame, scan: Scan, restartInterval: number): number {
  const { width, height } = frame;
  // IJG (and so DCMTK) resets prediction per line, so restart intervals must cover whole lines.
  if (restartInterval % width !== 0) throw new PixelDecodeError(`JPEG lossless restart interval ${restartInterval} is not a whole number of ${width}-sample lines`);
  const linesPerInterval = restartInterval / width;
  const initial = 1 << (frame.precision - scan.pointTransform - 1);
  const reader = new EntropyReader(data, start);
  const parts = scan.components;
  for (let y = 0; y < height; y++) {
    let firstLine = y === 0;
    if (linesPerInterval > 0 && y > 0 && y % linesPerInterval === 0) {
      reader.restart();
      firstLine = true;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      for (const { component, table } of parts) {
        const plane = component.plane;
        const diff = reader.decodeDifference(table);
        let prediction: number;
        if (firstLine) prediction = x === 0 ? initial : plane[i - 1] ?? 0;
        else if (x === 0) prediction = plane[i - width] ?? 0;
        else prediction = predict(scan.predictor, plane[i - 1] ?? 0, plane[i - width] ?? 0, plane[i - width - 1] ?? 0);
        plane[i] = (prediction + diff) & 0xffff;
      }
    }
  }
  for (const { component } of parts) {
    component.decoded = true;
    component.pointTransform = scan.pointTransform;
  }
  return reader.endOfScan();
}

function interleave(frame: Frame): Uint16Array {
  const n = frame.width * frame.height;
  const count = frame.components.length;
  const out = new Uint16Array(n * count);
  frame.components.forEach((component, c) => {
    const shift = component.pointTransform;
    for (let i = 0; i < n; i++) out[i * count + c] = ((component.plane[i] ?? 0) << shift) & 0xffff;
  });
  return out;
}

/** Decode a JPEG lossless (SOF3) stream. `expectedRows` stands in for a frame header with 0 lines. */
export function decodeJpegLossless(data: Uint8Array, expectedRows: number): LosslessImage {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new PixelDecodeError('JPEG lossless stream does not start with SOI');
  const tables: (HuffmanLookup | undefined)[] = [];
  let frame: Frame | undefined;
  let restartInterval = 0;
  let at = 2;
  while (at + 1 < data.length) {
    if (data[at] !== 0xff) throw new PixelDecodeError(`JPEG lossless stream has no marker at byte ${at}`);
    const marker = data[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9) break; // EOI
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const end = segmentEnd(data, at);
    if (marker === 0xc4) readHuffmanTables(data, at, end, tables);
    else if (marker === 0xc3) frame = readFrame(data, at, expectedRows);
    else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8 && marker !== 0xcc) {
      throw new PixelDecodeError(`stream is not JPEG lossless process 14 (frame marker 0xFF${marker.toString(16).toUpperCase()})`);
    } else if (marker === 0xdd) restartInterval = u16(data, at + 4);
    else if (marker === 0xda) {
      if (frame === undefined) throw new PixelDecodeError('JPEG lossless scan comes before its frame header');
      const next = decodeScan(data, end, frame, readScan(data, at, frame, tables), restartInterval);
      at = next;
      continue;
    }
    at = end; // APPn, COM, DNL and others carry nothing the samples depend on
  }
  if (frame === undefined) throw new PixelDecodeError('JPEG lossless stream has no frame header');
  const missing = frame.components.filter((c) => !c.decoded).length;
  if (missing > 0) throw new PixelDecodeError(`JPEG lossless stream ends before ${missing} component(s) were decoded`);
  return { width: frame.width, height: frame.height, components: frame.components.length, precision: frame.precision, samples: interleave(frame) };
}
