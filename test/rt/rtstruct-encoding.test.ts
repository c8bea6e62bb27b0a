import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcmjs } from '../../core/dicom/dcmjs.js';
import { encodeDicom } from '../../core/rt/encode-dicom.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { writeFileSync } from 'node:fs';
import { affine, makeVolume } from '../contours/support/grids.js';
import { dciodvfy, runTool } from '../support/tools.js';
import { tempDir } from '../support/paths.js';
import { syntheticReference } from './support/reference.js';
import { differingVoxels, roundTrip } from './support/roundtrip.js';

/**
 * A 512×512 CT-sized grid with a body-sized outline (472 × 392 voxels, 55 × 46 cm) whose edge is a
 * comb of 1-voxel teeth: one contour per slice with ~3500 points, well past 64 KiB of Contour Data.
 */
function bodyOutline() {
  const s: [number, number, number] = [1.171875, 1.171875, 3];
  const grid = makeVolume('body', [512, 512, 3], affine([1, 0, 0], [0, 1, 0], [0, 0, 1], s, [-299.4140625, -480.4140625, -1203.5]), s);
  const [nx, ny, nz] = grid.volume.dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 56; j <= 456; j++)
      for (let i = 16; i <= 496; i++) {
        const core = i >= 20 && i <= 492 && j >= 60 && j <= 452;
        const tooth = (j < 60 || j > 452) && i >= 20 && i <= 492 ? i % 2 === 0 : (i < 20 || i > 492) && j >= 60 && j <= 452 ? j % 2 === 0 : false;
        if (core || tooth) mask[i + nx * (j + ny * k)] = 1;
      }
  return { volume: grid.volume, mask };
}

/** Lines of dcmdump output for Contour Data elements: "VR length". */
function contourDataElements(file: string): { vr: string; bytes: number }[] {
  const dump = runTool('dcmdump', ['+L', '+P', '3006,0050', file]).stdout;
  return dump.split('\n').filter((l) => l.includes('ContourData')).map((l) => {
    const m = /\(3006,0050\) (\w\w) .*#\s*(\d+),/.exec(l);
    return { vr: m?.[1] ?? '?', bytes: Number(m?.[2]) };
  });
}

describe('long Contour Data (body outline > 64 KiB)', () => {
  const body = bodyOutline();
  const rois = [{ number: 1, name: 'BODY', mask: body.mask, interpretedType: 'EXTERNAL' }];

  it('implicit VR keeps each slice in one contour over 64 KiB, as DS', () => {
    const { file, set, rasters } = roundTrip(body.volume, syntheticReference(), rois, { transferSyntax: 'implicit' });
    const elements = contourDataElements(file);
    expect(elements).toHaveLength(3);
    expect(Math.min(...elements.map((e) => e.bytes))).toBeGreaterThan(65534);
    expect(elements.every((e) => e.vr === 'DS')).toBe(true);
    expect(set.rois[0]!.contours).toHaveLength(3);
    expect(dciodvfy(file).errors).toEqual([]);
    expect(differingVoxels(rasters[0]!.mask!, body.mask)).toBe(0);
  });

  it('explicit VR splits such contours into row bands so no value becomes UN, still exact', () => {
    const { file, set, rasters } = roundTrip(body.volume, syntheticReference(), rois, { transferSyntax: 'explicit' });
    const elements = contourDataElements(file);
    expect(elements.length).toBeGreaterThan(3);
    expect(elements.every((e) => e.vr === 'DS' && e.bytes <= 65534)).toBe(true);
    expect(set.rois[0]!.contours.length).toBe(elements.length);
    const verdict = dciodvfy(file);
    expect(verdict.errors, verdict.output).toEqual([]);
    expect(differingVoxels(rasters[0]!.mask!, body.mask)).toBe(0);
  });

  it('why the split: a DS over 64 KiB cannot be explicit VR DS; our encoder refuses, dcmjs writes UN, and we read UN back', () => {
    const values = Array.from({ length: 3 * 3000 }, (_, n) => (n % 3 === 2 ? '-1203.5' : (n * 0.125 - 900).toFixed(4)));
    const dataset = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3',
      SOPInstanceUID: '2.25.1',
      StructureSetROISequence: [{ ROINumber: 1, ROIName: 'X' }],
      ROIContourSequence: [{ ReferencedROINumber: 1, ContourSequence: [{ ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 3000, ContourData: values }] }],
    };
    expect(() => encodeDicom(dataset, 'explicit')).toThrow(/ContourData is \d+ bytes, over the 65534 an explicit-VR DS value can hold/);
    const meta = { FileMetaInformationVersion: new Uint8Array([0, 1]).buffer, MediaStorageSOPClassUID: dataset.SOPClassUID, MediaStorageSOPInstanceUID: '2.25.1', TransferSyntaxUID: '1.2.840.10008.1.2.1' };
    const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
    const file = join(tempDir('delineate-un-'), 'un.dcm');
    writeFileSync(file, Buffer.from(dict.write()));
    expect(contourDataElements(file)[0]!.vr).toBe('UN');
    const points = readRtStruct(file).rois[0]!.contours[0]!.points;
    expect(points).toHaveLength(9000);
    expect(points[3]).toBeCloseTo(3 * 0.125 - 900, 6);
  });
});
