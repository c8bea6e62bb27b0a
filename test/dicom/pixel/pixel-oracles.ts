/**
 * Reference readings of pixel data made without our decoder: DCMTK decompresses and writes the
 * raw pixel cells (`dcmdump +W`, little endian), and this file turns cells into stored values
 * with the plain PS3.5 §8.1.1 rule, one value at a time.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PixelFormat, StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { decodePixelData, pixelFormatOf } from '../../../core/dicom/pixel/decode-pixel-data.js';
import { readDicomFile } from '../../../core/dicom/read-dicom-file.js';
import { runTool } from '../../support/tools.js';

export type DcmtkDecompressor = 'dcmdjpeg' | 'dcmdjpls' | 'dcmdrle';

/** Decode a DICOM file with our decoder. */
export async function decodeFile(path: string): Promise<{ format: PixelFormat; frames: StoredFrame[]; transferSyntaxUid: string }> {
  const file = readDicomFile(path);
  const format = pixelFormatOf(file.dataset);
  const frames = await decodePixelData(file.transferSyntaxUid, file.dataset['PixelData'], format);
  return { format, frames, transferSyntaxUid: file.transferSyntaxUid };
}

function run(command: string, args: string[]): void {
  const result = runTool(command, args, { timeoutMs: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

/** The pixel cells DCMTK reads from `path`, after decompressing it with `decompressor` if given. */
export function dcmtkPixelCells(path: string, workDir: string, decompressor?: DcmtkDecompressor): Buffer {
  let source = path;
  if (decompressor !== undefined) {
    source = join(workDir, `${basename(path)}.${decompressor}.dcm`);
    run(decompressor, ['-q', path, source]);
  }
  const rawDir = join(workDir, `${basename(source)}.raw.d`);
  mkdirSync(rawDir, { recursive: true });
  run('dcmdump', ['-q', '+W', rawDir, source]);
  const raws = readdirSync(rawDir).filter((name) => name.endsWith('.raw'));
  if (raws.length !== 1 || raws[0] === undefined) throw new Error(`dcmdump +W wrote ${raws.length} raw files for ${source}`);
  return readFileSync(join(rawDir, raws[0]));
}

/** Stored values from little-endian pixel cells: shift by HighBit, keep BitsStored bits, sign-extend. */
export function storedValuesOfCells(cells: Buffer, format: PixelFormat): number[] {
  const bytes = format.bitsAllocated / 8;
  const count = format.rows * format.columns * format.samplesPerPixel * format.numberOfFrames;
  const shift = format.highBit + 1 - format.bitsStored;
  const range = 2 ** format.bitsStored;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const cell = bytes === 1 ? cells.readUInt8(i) : bytes === 2 ? cells.readUInt16LE(2 * i) : cells.readUInt32LE(4 * i);
    let value = Math.floor(cell / 2 ** shift) % range;
    if (format.pixelRepresentation === 1 && value >= range / 2) value -= range;
    values.push(value);
  }
  return values;
}

/** All frames one after another, as plain numbers. */
export function flatten(frames: readonly StoredFrame[]): number[] {
  return frames.flatMap((frame) => Array.from(frame));
}

/** Index and values of the first difference, or undefined when equal (short failure messages). */
export function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} vs ${expected.length}`;
  let count = 0;
  let first = -1;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) {
      if (first < 0) first = i;
      count++;
    }
  }
  return first < 0 ? undefined : `${count} values differ; first at ${first}: ${actual[first]} vs ${expected[first]}`;
}
