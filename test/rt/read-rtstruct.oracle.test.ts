import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { sharedDataset } from '../support/paths.js';

const eclipseDir = sharedDataset('slicerrt-eclipse-rs');
const eclipseRs = join(eclipseDir, readdirSync(eclipseDir).find((f) => f.startsWith('RS.'))!);

/** The table in ../shared/datasets/slicerrt-eclipse-rs/SOURCE.md: number, name, type, colour, contours, points, z range. */
const ECLIPSE_ROIS: [number, string, string, [number, number, number], number, number, [number, number] | null][] = [
  [1, 'BODY', 'EXTERNAL', [0, 255, 0], 92, 47848, [-122.5, 105.0]],
  [2, 'Bladder', 'AVOIDANCE', [192, 192, 254], 21, 2152, [-60.0, -10.0]],
  [3, 'CTV', 'CTV', [0, 0, 220], 0, 0, null],
  [4, 'Rectum', 'AVOIDANCE', [128, 64, 64], 40, 1594, [-117.5, -20.0]],
  [5, 'Vessels - left', 'ORGAN', [255, 0, 0], 0, 0, null],
  [6, 'Vessels - right', 'ORGAN', [255, 0, 0], 0, 0, null],
  [7, 'XApprox', 'MARKER', [255, 255, 128], 0, 0, null],
  [8, 'PROS', 'PTV', [10, 10, 250], 0, 0, null],
  [9, 'optBladder', 'AVOIDANCE', [192, 192, 255], 0, 0, null],
  [10, 'optRectum', 'AVOIDANCE', [128, 64, 64], 0, 0, null],
  [11, 'Femoral Head RT', 'AVOIDANCE', [187, 255, 187], 18, 1342, [-72.5, -30.0]],
  [12, 'Femoral Head Lt', 'AVOIDANCE', [128, 255, 255], 19, 1380, [-75.0, -30.0]],
  [13, 'PTV', 'PTV', [0, 0, 220], 20, 1404, [-97.5, -50.0]],
  [14, 'X1', '', [255, 0, 0], 0, 0, null],
  [15, 'X2', '', [255, 0, 0], 0, 0, null],
  [16, 'X3', '', [255, 0, 0], 0, 0, null],
];

describe('readRtStruct on a Varian Eclipse export (slicerrt-eclipse-rs, implicit VR)', () => {
  const set = readRtStruct(eclipseRs);

  it('keeps all 16 ROIs, empty ones included, with the header fields', () => {
    expect(set.rois).toHaveLength(16);
    expect(set.label).toBe('PROS');
    expect(set.manufacturer).toBe('VARIAN Medical Systems');
    expect(set.softwareVersions).toBe('OS 8.1.20');
    expect(set.frameOfReferenceUid).toBe('1.2.840.113619.2.55.3.671756986.106.1316467036.462.11505.1');
    expect(set.referencedSeriesUids).toEqual(['1.2.840.113619.2.55.3.671756986.106.1316467036.465']);
    expect(set.warnings).toEqual([]);
  });

  for (const [number, name, type, color, contours, points, z] of ECLIPSE_ROIS) {
    it(`ROI ${number} '${name}': ${type || '(empty type)'}, colour ${color.join('\\')}, ${contours} contours, ${points} points`, () => {
      const roi = set.rois.find((r) => r.number === number)!;
      expect(roi.name).toBe(name);
      expect(roi.interpretedType).toBe(type);
      expect(roi.color).toEqual(color);
      expect(roi.colorDefaulted).toBe(false);
      expect(roi.contours).toHaveLength(contours);
      expect(roi.contours.every((c) => c.geometricType === 'CLOSED_PLANAR')).toBe(true);
      expect(roi.contours.reduce((s, c) => s + c.points.length / 3, 0)).toBe(points);
      if (z) {
        const zs = roi.contours.map((c) => c.points[2]!);
        expect([Math.min(...zs), Math.max(...zs)]).toEqual(z);
        // Every contour is planar and references one of the 92 CT images.
        for (const c of roi.contours) {
          for (let v = 2; v < c.points.length; v += 3) expect(c.points[v]).toBe(c.points[2]);
          expect(c.images).toHaveLength(1);
          expect(c.images[0]!.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.2');
        }
      }
    });
  }

  it('keeps the file order of ROIs, which is not ROI Number order', () => {
    expect(set.rois.map((r) => r.number).slice(0, 5)).toEqual([1, 2, 3, 12, 11]);
  });
});
