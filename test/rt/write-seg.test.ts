import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../core/dicom/dcmjs.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { packFrames, unpackFrame } from '../../core/rt/seg-pixels.js';
import { writeSegFile } from '../../core/rt/write-seg.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { allGrids } from '../contours/support/grids.js';
import { analyticShapes } from '../contours/support/shapes.js';
import { tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';
import { syntheticReference } from './support/reference.js';

const seq = (ds: Dataset, key: string): Dataset[] => ds[key] as Dataset[];

describe('packFrames', () => {
  it('packs LSB first with frames running on mid-byte and pads to even length', () => {
    const mask = Uint8Array.from([1, 0, 1, 1, 0, /* slice 1 */ 0, 1, 1, 1, 1]);
    const packed = new Uint8Array(packFrames([{ mask, k: 0 }, { mask, k: 1 }], 5));
    expect(Array.from(packed)).toEqual([0b11001101, 0b00000011]);
    expect(Array.from(unpackFrame(packed, 5, 1))).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('writeSegFile', () => {
  for (const { name: gridName, volume } of allGrids()) {
    it(`${gridName} grid: passes dciodvfy and every frame holds its segment's slice`, () => {
      const shapes = analyticShapes(volume).slice(0, 5);
      const segments = shapes.map((s, n) => ({ number: 10 + n, name: s.name, mask: s.mask, color: [200, 30 * n, 10] as const, generationAlgorithm: n === 0 ? ('MANUAL' as const) : ('AUTOMATIC' as const) }));
      const file = join(tempDir('delineate-seg-'), 'SEG.dcm');
      const built = writeSegFile(file, volume, syntheticReference(), segments);
      const verdict = dciodvfy(file);
      expect(verdict.errors, verdict.output).toEqual([]);
      const ds = readDicomFile(file).dataset;
      expect(ds['SegmentationType']).toBe('BINARY');
      expect(seq(ds, 'SegmentSequence').map((s) => s['SegmentLabel'])).toEqual(shapes.map((s) => s.name));
      const frames = seq(ds, 'PerFrameFunctionalGroupsSequence');
      expect(frames).toHaveLength(built.frameCount);
      expect(ds['NumberOfFrames']).toBe(built.frameCount);
      const pixels = new Uint8Array((ds['PixelData'] as ArrayBuffer[])[0]!);
      const [nx, ny] = volume.dims;
      const counts = segments.map(() => 0);
      frames.forEach((f, index) => {
        const segment = seq(f, 'SegmentIdentificationSequence')[0]!['ReferencedSegmentNumber'] as number;
        const position = seq(f, 'PlanePositionSequence')[0]!['ImagePositionPatient'] as number[];
        const source = seq(seq(f, 'DerivationImageSequence')[0]!, 'SourceImageSequence')[0]!['ReferencedSOPInstanceUID'];
        const k = volume.sliceSources.findIndex((s) => s.sopInstanceUid === source);
        const expected = applyToPoint(volume.ijkToLps, vec3<'IJK'>(0, 0, k));
        position.forEach((v, a) => expect(v).toBeCloseTo(expected[a]!, 4));
        const frame = unpackFrame(pixels, nx * ny, index);
        const mask = segments[segment - 1]!.mask;
        for (let p = 0; p < nx * ny; p++) expect(frame[p]).toBe(mask[k * nx * ny + p]);
        counts[segment - 1]! += frame.reduce((a, b) => a + b, 0);
      });
      segments.forEach((s, n) => expect(counts[n]).toBe(s.mask.reduce((a, b) => a + b, 0)));
    });
  }
});
