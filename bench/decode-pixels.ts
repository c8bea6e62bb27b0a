/**
 * Decode time per frame for each transfer syntax, warm (decoders loaded, after 3 untimed runs),
 * median of 15 runs. Run from the repository root:
 *   npm run build && node dist/bench/decode-pixels.js
 * Data: ../shared/datasets (or DELINEATE_DATASETS) and test/fixtures/pixel.
 *
 * Measured once (Node 20.20, 2 shared cores under load average ~5, so read as rough figures), ms/frame:
 * explicit LE 0.8, implicit LE 0.3, big endian 1.1, RLE 2.9, JPEG lossless SV1 6.9, JPEG-LS 4.2,
 * JPEG 2000 39 (384×384 mosaic); JPEG lossless SV7 0.7, baseline 8-bit 0.2, extended 12-bit 0.7
 * (161×143 CT); JPEG-LS near-lossless 1.0, JPEG 2000 lossy 0.9 (115×90 MR).
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodePixelData, pixelFormatOf } from '../core/dicom/pixel/decode-pixel-data.js';
import { readDicomFile } from '../core/dicom/read-dicom-file.js';

const DATASETS = process.env['DELINEATE_DATASETS'] ?? resolve(process.cwd(), '../shared/datasets');
const QA_TS = join(DATASETS, 'dcm_qa', 'dcm_qa_ts', 'In');
const FIXTURES = resolve(process.cwd(), 'test/fixtures/pixel');

const CASES: readonly [string, string][] = [
  ['explicit VR LE, 384×384 16-bit', join(QA_TS, '1.dcm')],
  ['implicit VR LE, 384×384', join(QA_TS, '2.dcm')],
  ['explicit VR BE, 384×384', join(QA_TS, '3.dcm')],
  ['RLE, 384×384', join(QA_TS, '4.dcm')],
  ['JPEG lossless SV1, 384×384', join(QA_TS, '5.dcm')],
  ['JPEG-LS lossless, 384×384', join(QA_TS, '7.dcm')],
  ['JPEG 2000 lossless, 384×384', join(QA_TS, '9.dcm')],
  ['JPEG lossless SV7, CT 161×143', join(FIXTURES, 'ct-jpeg-lossless-sv7.dcm')],
  ['JPEG baseline 8-bit, CT 161×143', join(FIXTURES, 'ct-jpeg-baseline-8bit.dcm')],
  ['JPEG extended 12-bit, CT 161×143', join(FIXTURES, 'ct-jpeg-extended-12bit.dcm')],
  ['JPEG-LS near-lossless, MR 115×90', join(FIXTURES, 'mr-jpegls-near-lossless.dcm')],
  ['JPEG 2000 lossy, MR 115×90', join(FIXTURES, 'mr-j2k-lossy.dcm')],
];

async function main(): Promise<void> {
  for (const [name, path] of CASES) {
    const file = readDicomFile(path);
    const format = pixelFormatOf(file.dataset);
    const decode = (): Promise<unknown> => decodePixelData(file.transferSyntaxUid, file.dataset['PixelData'], format);
    for (let i = 0; i < 3; i++) await decode();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      await decode();
      times.push((performance.now() - start) / format.numberOfFrames);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(36)} ${(times[7] ?? 0).toFixed(2).padStart(7)} ms/frame`);
  }
}

await main();
