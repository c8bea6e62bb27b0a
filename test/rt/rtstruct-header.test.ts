import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lpsToIjk } from '../../core/contours/slice-grid.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import type { Dataset } from '../../core/dicom/dcmjs.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { defaultRoiColor } from '../../core/rt/colors.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { writeRtStructFile } from '../../core/rt/write-rtstruct.js';
import type { ImageVolume } from '../../core/volume/image-volume.js';
import { axialGrid } from '../contours/support/grids.js';
import { analyticShapes } from '../contours/support/shapes.js';
import { tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';
import { syntheticReference } from './support/reference.js';

const seq = (ds: Dataset, key: string): Dataset[] => ds[key] as Dataset[];

function write(volume: ImageVolume, rois: Parameters<typeof writeRtStructFile>[3], reference = syntheticReference(), options: Parameters<typeof writeRtStructFile>[4] = {}) {
  const file = join(tempDir('delineate-rth-'), 'RS.dcm');
  const built = writeRtStructFile(file, volume, reference, rois, options);
  return { file, built, ds: readDicomFile(file).dataset };
}

describe('RTSTRUCT header and reference tree', () => {
  const { volume } = axialGrid();
  const shapes = analyticShapes(volume);
  const sphere = shapes.find((s) => s.name === 'sphere')!.mask;
  const hollow = shapes.find((s) => s.name === 'hollow sphere')!.mask;

  it('copies patient and study attributes, declares UTF-8 for non-ASCII text, and stamps Delineate', () => {
    const { ds, file } = write(volume, [{ number: 1, name: 'Sphère', mask: sphere }]);
    const ref = syntheticReference();
    for (const key of ['PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate', 'StudyTime', 'StudyID', 'AccessionNumber']) {
      expect(ds[key], key).toBe(ref[key]);
    }
    expect(ds['PatientName']).toEqual([{ Alphabetic: 'Müller^Jürgen' }]);
    expect(ds['ReferringPhysicianName']).toEqual([{ Alphabetic: 'Curie^Marie' }]);
    expect(ds['SpecificCharacterSet']).toBe('ISO_IR 192');
    expect(ds['Manufacturer']).toBe('Delineate');
    expect(ds['SoftwareVersions']).toBe('0.1.0');
    expect(ds['Modality']).toBe('RTSTRUCT');
    expect(ds['StructureSetLabel']).toBe('Delineate');
    expect(ds['StructureSetDate']).toMatch(/^\d{8}$/);
    expect(ds['StructureSetTime']).toMatch(/^\d{6}$/);
    expect(ds['FrameOfReferenceUID']).toBe(volume.frameOfReferenceUid);
    expect(readRtStruct(file).rois[0]!.name).toBe('Sphère');
  });

  it('writes no Specific Character Set when every value is ASCII', () => {
    const ascii: Dataset = { ...syntheticReference(), PatientName: [{ Alphabetic: 'Muller^J' }] };
    delete ascii['SpecificCharacterSet'];
    const { ds, file } = write(volume, [{ number: 1, name: 'Sphere', mask: sphere }], ascii);
    expect(ds['SpecificCharacterSet']).toBeUndefined();
    expect(dciodvfy(file).errors).toEqual([]);
  });

  it('mints new 2.25 UIDs for the series and the instance on every export', () => {
    const a = write(volume, [{ number: 1, name: 'S', mask: sphere }]).ds;
    const b = write(volume, [{ number: 1, name: 'S', mask: sphere }]).ds;
    for (const ds of [a, b]) {
      for (const key of ['SOPInstanceUID', 'SeriesInstanceUID']) {
        expect(ds[key]).toMatch(/^2\.25\.[1-9]\d*$/);
        expect((ds[key] as string).length).toBeLessThanOrEqual(64);
      }
      expect(ds['SOPInstanceUID']).not.toBe(ds['SeriesInstanceUID']);
    }
    expect(a['SOPInstanceUID']).not.toBe(b['SOPInstanceUID']);
    expect(a['SeriesInstanceUID']).not.toBe(b['SeriesInstanceUID']);
  });

  it('lists every image under Referenced Frame of Reference and references its own slice from every contour', () => {
    const { ds } = write(volume, [{ number: 1, name: 'hollow', mask: hollow }]);
    const forItem = seq(ds, 'ReferencedFrameOfReferenceSequence')[0]!;
    expect(forItem['FrameOfReferenceUID']).toBe(volume.frameOfReferenceUid);
    const study = seq(forItem, 'RTReferencedStudySequence')[0]!;
    expect(study['ReferencedSOPInstanceUID']).toBe(syntheticReference()['StudyInstanceUID']);
    const series = seq(study, 'RTReferencedSeriesSequence')[0]!;
    expect(series['SeriesInstanceUID']).toBe(volume.seriesInstanceUid);
    expect(seq(series, 'ContourImageSequence').map((i) => i['ReferencedSOPInstanceUID'])).toEqual(volume.sliceSources.map((s) => s.sopInstanceUid));
    const contours = seq(seq(ds, 'ROIContourSequence')[0]!, 'ContourSequence');
    expect(contours.length).toBeGreaterThan(10);
    const inverse = lpsToIjk(volume);
    for (const c of contours) {
      const data = c['ContourData'] as number[];
      const k = Math.round(applyToPoint(inverse, vec3<'LPS'>(data[0]!, data[1]!, data[2]!))[2]);
      const refs = seq(c, 'ContourImageSequence');
      expect(refs).toHaveLength(1);
      expect(refs[0]!['ReferencedSOPInstanceUID']).toBe(volume.sliceSources[k]!.sopInstanceUid);
      expect(refs[0]!['ReferencedSOPClassUID']).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(c['NumberOfContourPoints']).toBe(data.length / 3);
      expect(data.length / 3).toBeGreaterThanOrEqual(3);
    }
    // Hollow sphere: the middle slices carry an outer contour and a hole.
    expect(contours.length).toBeGreaterThan(new Set(contours.map((c) => (c['ContourData'] as number[])[2])).size);
  });

  it('adds Referenced Frame Number for multi-frame images and passes dciodvfy', () => {
    const multi: ImageVolume = {
      ...volume,
      sliceSources: volume.sliceSources.map((_, k) => ({ sopInstanceUid: '2.25.424242', sopClassUid: '1.2.840.10008.5.1.4.1.1.2.1', frameNumber: k + 1 })),
    };
    const { ds, file } = write(multi, [{ number: 1, name: 'S', mask: sphere }]);
    const listed = seq(seq(seq(seq(ds, 'ReferencedFrameOfReferenceSequence')[0]!, 'RTReferencedStudySequence')[0]!, 'RTReferencedSeriesSequence')[0]!, 'ContourImageSequence');
    expect(listed.map((i) => i['ReferencedFrameNumber'])).toEqual(multi.sliceSources.map((s) => s.frameNumber));
    const first = seq(seq(seq(ds, 'ROIContourSequence')[0]!, 'ContourSequence')[0]!, 'ContourImageSequence')[0]!;
    expect(first['ReferencedFrameNumber']).toBeGreaterThan(0);
    const verdict = dciodvfy(file);
    expect(verdict.errors, verdict.output).toEqual([]);
  });

  it('keeps empty ROIs in all three ROI sequences, with a colour, and reads them back as empty', () => {
    const empty = new Uint8Array(sphere.length);
    const { ds, file, built } = write(volume, [{ number: 5, name: 'Empty', mask: empty }, { number: 2, name: 'S', mask: sphere }]);
    expect(built.warnings).toEqual(["ROI 5 'Empty' is empty: written without contours"]);
    expect(seq(ds, 'StructureSetROISequence').map((r) => r['ROINumber'])).toEqual([5, 2]);
    expect(seq(ds, 'RTROIObservationsSequence').map((r) => r['ReferencedROINumber'])).toEqual([5, 2]);
    const emptyItem = seq(ds, 'ROIContourSequence')[0]!;
    expect(emptyItem['ContourSequence']).toBeUndefined();
    expect(emptyItem['ROIDisplayColor']).toEqual([...defaultRoiColor(5)]);
    expect(readRtStruct(file).rois[0]!.contours).toEqual([]);
    expect(dciodvfy(file).errors).toEqual([]);
  });

  it('takes extra attributes (the Approval module) through the hook, but not ones it owns', () => {
    const extra = { ApprovalStatus: 'UNAPPROVED' };
    const { ds, file } = write(volume, [{ number: 1, name: 'S', mask: sphere }], syntheticReference(), { extraAttributes: extra });
    expect(ds['ApprovalStatus']).toBe('UNAPPROVED');
    expect(dciodvfy(file).errors).toEqual([]);
    expect(() => write(volume, [{ number: 1, name: 'S', mask: sphere }], syntheticReference(), { extraAttributes: { ROIContourSequence: [] } })).toThrow(/may not replace ROIContourSequence/);
  });

  it('writes names as valid LO, and refuses duplicate or non-positive ROI numbers', () => {
    const long = 'x'.repeat(70);
    const { ds, built } = write(volume, [{ number: 1, name: long, mask: sphere }, { number: 2, name: 'a\\b', mask: sphere }]);
    expect(seq(ds, 'StructureSetROISequence').map((r) => r['ROIName'])).toEqual(['x'.repeat(64), 'a/b']);
    expect(built.warnings).toHaveLength(2);
    expect(() => write(volume, [{ number: 1, name: 'a', mask: sphere }, { number: 1, name: 'b', mask: sphere }])).toThrow(/used twice/);
    expect(() => write(volume, [{ number: 0, name: 'a', mask: sphere }])).toThrow(/not a positive integer/);
  });
});
