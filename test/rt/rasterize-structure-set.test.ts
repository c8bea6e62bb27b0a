import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import type { Dataset } from '../../core/dicom/dcmjs.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { defaultRoiColor } from '../../core/rt/colors.js';
import { encodeDicom } from '../../core/rt/encode-dicom.js';
import { declaredCharacterSet } from '../../core/rt/nested-text.js';
import { FrameOfReferenceMismatchError, rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { axialGrid } from '../contours/support/grids.js';
import { fixture, tempDir } from '../support/paths.js';

const { volume } = axialGrid();

/** Contour Data of a rectangle of voxel edges on slice k, written by hand (not by our writer). */
function rectangle(i0: number, j0: number, i1: number, j1: number, k: number): number[] {
  return [[i0, j0], [i1, j0], [i1, j1], [i0, j1]].flatMap(([i, j]) => [...applyToPoint(volume.ijkToLps, vec3<'IJK'>(i!, j!, k))]);
}

/** A hand-built RTSTRUCT as a third-party system might write it, in either transfer syntax. */
function handMade(rois: Dataset[], contours: Dataset[], observations: Dataset[], syntax: 'explicit' | 'implicit', frameOfReference = volume.frameOfReferenceUid): string {
  const file = join(tempDir('delineate-hand-'), 'RS.dcm');
  writeFileSync(file, encodeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.481.3',
    SOPInstanceUID: '2.25.77',
    ReferencedFrameOfReferenceSequence: [{ FrameOfReferenceUID: frameOfReference }],
    StructureSetROISequence: rois,
    ROIContourSequence: contours,
    RTROIObservationsSequence: observations,
  }, syntax));
  return file;
}

describe('rasterizeStructureSet on third-party structure sets', () => {
  for (const syntax of ['implicit', 'explicit'] as const) {
    it(`${syntax} VR: keeps empty ROIs, defaults a missing colour, keeps POINT/OPEN_PLANAR as markers, needs no Contour Image Sequence`, () => {
      const file = handMade(
        [
          { ROINumber: 4, ROIName: 'Box', ROIGenerationAlgorithm: 'MANUAL' },
          { ROINumber: 2, ROIName: 'Empty', ROIGenerationAlgorithm: '' },
          { ROINumber: 9, ROIName: 'Iso', ROIGenerationAlgorithm: '' },
        ],
        [
          // Outer box and a hole on slice 5, both anticlockwise (winding must not matter), no Contour Image Sequence.
          { ReferencedROINumber: 4, ROIDisplayColor: [10, 20, 30], ContourSequence: [
            { ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 4, ContourData: rectangle(2.5, 2.5, 12.5, 9.5, 5) },
            { ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 4, ContourData: rectangle(4.5, 4.5, 6.5, 6.5, 5) },
          ] },
          { ReferencedROINumber: 2 },
          { ReferencedROINumber: 9, ContourSequence: [
            { ContourGeometricType: 'POINT', NumberOfContourPoints: 1, ContourData: [1.5, -2.25, -870] },
            { ContourGeometricType: 'OPEN_PLANAR', NumberOfContourPoints: 2, ContourData: [0, 0, -870, 5, 5, -870] },
          ] },
        ],
        [{ ObservationNumber: 1, ReferencedROINumber: 4, RTROIInterpretedType: 'ORGAN', ROIInterpreter: '' }],
        syntax,
      );
      const set = readRtStruct(file);
      expect(set.rois.map((r) => [r.number, r.name, r.interpretedType, r.generationAlgorithm])).toEqual([[4, 'Box', 'ORGAN', 'MANUAL'], [2, 'Empty', '', ''], [9, 'Iso', '', '']]);
      expect(set.rois[0]!.color).toEqual([10, 20, 30]);
      expect(set.rois[1]!.color).toEqual(defaultRoiColor(2));
      expect(set.rois[1]!.colorDefaulted).toBe(true);
      const [box, empty, iso] = rasterizeStructureSet(set, volume);
      expect(box!.voxels).toBe(10 * 7 - 2 * 2);
      expect(box!.mask![5 + volume.dims[0] * (5 + volume.dims[1] * 5)]).toBe(0);
      expect(box!.mask![3 + volume.dims[0] * (3 + volume.dims[1] * 5)]).toBe(1);
      expect(empty!.mask).toBeNull();
      expect(iso!.mask).toBeNull();
      expect(iso!.markers.map((m) => [m.geometricType, Array.from(m.points)])).toEqual([['POINT', [1.5, -2.25, -870]], ['OPEN_PLANAR', [0, 0, -870, 5, 5, -870]]]);
    });
  }

  it('refuses a structure set in another Frame of Reference, naming both UIDs', () => {
    const file = handMade([{ ROINumber: 1, ROIName: 'A' }], [{ ReferencedROINumber: 1 }], [], 'explicit', '2.25.999');
    expect(() => rasterizeStructureSet(readRtStruct(file), volume)).toThrow(FrameOfReferenceMismatchError);
    expect(() => rasterizeStructureSet(readRtStruct(file), volume)).toThrow(`Frame of Reference 2.25.999, but the image series is in Frame of Reference ${volume.frameOfReferenceUid}`);
  });

  it('reports a contour whose Contour Image Sequence names another slice than the one it lies on', () => {
    const file = handMade(
      [{ ROINumber: 1, ROIName: 'A' }],
      [{ ReferencedROINumber: 1, ContourSequence: [{
        ContourImageSequence: [{ ReferencedSOPClassUID: volume.sliceSources[3]!.sopClassUid, ReferencedSOPInstanceUID: volume.sliceSources[3]!.sopInstanceUid }],
        ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 4, ContourData: rectangle(2.5, 2.5, 5.5, 5.5, 4),
      }] }],
      [],
      'explicit',
    );
    const [a] = rasterizeStructureSet(readRtStruct(file), volume);
    expect(a!.voxels).toBe(9);
    expect(a!.warnings).toEqual(["ROI 1 'A': 1 contour(s) reference a different image than the slice they lie on"]);
  });

  it('finds the declared character set that dcmjs hides', () => {
    expect(declaredCharacterSet(readDicomFile(fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm')))).toBe('ISO_IR 192');
  });
});
