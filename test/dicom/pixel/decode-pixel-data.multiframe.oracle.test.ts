/**
 * Multi-frame data: dcm_qa_xa30's enhanced 3D T1w (96 frames of 128×128, native explicit LE), and
 * encapsulated variants DCMTK makes from it at test time, with and without a Basic Offset Table and
 * with frames split over several fragments (PS3.5 A.4).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFrame } from '../../../core/dicom/pixel/pixel-format.js';
import { sharedDataset, tempDir } from '../../support/paths.js';
import { runTool } from '../../support/tools.js';
import { dcmtkPixelCells, decodeFile, firstDifference, flatten, storedValuesOfCells } from './pixel-oracles.js';

const SERIES = sharedDataset('dcm_qa', 'dcm_qa_xa30', 'In', '5_anat-T1w_acq-tfl');
const source = join(SERIES, readdirSync(SERIES).find((name) => name.endsWith('.dcm')) ?? 'missing.dcm');
const work = tempDir('delineate-pixel-multiframe-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let native: StoredFrame[];
beforeAll(async () => {
  native = (await decodeFile(source)).frames;
});

describe('multi-frame pixel data', () => {
  it('native: 96 frames of 128×128, together equal to the cells DCMTK reads', async () => {
    const { format } = await decodeFile(source);
    expect(format.numberOfFrames).toBe(96);
    expect(native).toHaveLength(96);
    for (const frame of native) expect(frame).toHaveLength(128 * 128);
    expect(firstDifference(flatten(native), storedValuesOfCells(dcmtkPixelCells(source, work), format))).toBeUndefined();
  });

  const variants = [
    { name: 'explicit big endian', tool: 'dcmconv', args: ['+tb'] },
    { name: 'JPEG lossless with offset table, one fragment per frame', tool: 'dcmcjpeg', args: ['+e1'] },
    { name: 'JPEG lossless without offset table, 1 KiB fragments', tool: 'dcmcjpeg', args: ['+e1', '-ot', '+fs', '1'] },
    { name: 'JPEG-LS without offset table, 1 KiB fragments', tool: 'dcmcjpls', args: ['-ot', '+fs', '1'] },
    { name: 'RLE without offset table', tool: 'dcmcrle', args: ['-ot'] },
    { name: 'RLE split into 1 KiB fragments (non-standard)', tool: 'dcmcrle', args: ['-ot', '+fs', '1'] },
  ];
  it.each(variants)('$name decodes to the native frames', async ({ tool, args }) => {
    const path = join(work, `${tool}${args.join('')}.dcm`);
    const made = runTool(tool, ['-q', ...args, source, path]);
    expect(made.status, made.stderr).toBe(0);
    const { frames } = await decodeFile(path);
    expect(frames).toHaveLength(96);
    frames.forEach((frame, i) => expect(firstDifference(frame, native[i] ?? []), `frame ${i + 1}`).toBeUndefined());
  });
});
