import { describe, expect, it } from 'vitest';
import { checkStructures } from '../../core/rt/check-structures.js';
import type { RoiInput } from '../../core/rt/roi-input.js';
import { axialGrid } from '../contours/support/grids.js';
import { analyticShapes } from '../contours/support/shapes.js';

describe('checkStructures', () => {
  const { volume } = axialGrid();
  const shapes = analyticShapes(volume);
  const mask = (name: string) => shapes.find((s) => s.name === name)!.mask;
  const ok: RoiInput = { number: 1, name: 'Sphere', mask: mask('sphere'), color: [255, 0, 0], interpretedType: 'ORGAN' };

  it('says nothing about a clean structure', () => {
    expect(checkStructures([ok], volume, { specificCharacterSet: 'ISO_IR 192' })).toEqual([]);
  });

  it('flags what a planning system would reject or a reviewer should see', () => {
    const [nx, ny, nz] = volume.dims;
    const gap = new Uint8Array(nx * ny * nz);
    gap[10 + nx * (10 + ny * 3)] = gap[11 + nx * (10 + ny * 3)] = 1;
    for (let i = 5; i < 25; i++) gap[i + nx * (12 + ny * 7)] = 1;
    const rois: RoiInput[] = [
      ok,
      { number: 2, name: 'sphere ', mask: mask('cube'), color: [0, 255, 0], interpretedType: 'ORGAN' },
      { number: 3, name: 'Empty', mask: new Uint8Array(nx * ny * nz), color: [0, 0, 255], interpretedType: 'ORGAN' },
      { number: 4, name: 'x'.repeat(65), mask: mask('1 voxel'), color: [1, 2, 3], interpretedType: 'NERVE' },
      { number: 5, name: 'Röhre', mask: gap, color: [1, 2, 3], interpretedType: 'ORGAN' },
      { number: 5, name: 'Edge', mask: mask('touching every image edge'), interpretedType: 'EXTERNAL' },
      { number: 6, name: 'A very long structure name', mask: mask('sphere'), color: [1, 2, 3], interpretedType: 'EXTERNAL' },
    ];
    const issues = checkStructures(rois, volume);
    const text = (roi: number | null, severity: string) => issues.filter((i) => i.roi === roi && i.severity === severity).map((i) => i.message);
    expect(text(1, 'error')).toEqual([`2 ROIs are named 'Sphere' (ROI numbers 1, 2); planning systems match structures by name, ignoring case`]);
    expect(text(2, 'warning')).toEqual([`'sphere ' has leading or trailing spaces, which DICOM readers strip`]);
    expect(text(3, 'warning')).toEqual([`'Empty' is empty: it will be written without contours`]);
    expect(text(4, 'error')).toEqual([`'${'x'.repeat(65)}' is 65 characters; ROI Name (LO) allows 64`]);
    expect(text(4, 'warning')).toEqual([
      `'${'x'.repeat(65)}': 'NERVE' is not an RT ROI Interpreted Type defined term (PS3.3 C.8.8.8.1)`,
      `'${'x'.repeat(65)}' is tiny: 1 voxel(s), 0.002 mL (under 10 voxels)`,
    ]);
    expect(text(5, 'error')).toEqual([
      `'Röhre' has non-ASCII characters but no Specific Character Set will be declared`,
      'ROI number 5 is used by 2 ROIs; numbers must be unique',
    ]);
    expect(text(5, 'warning')).toEqual([
      `'Röhre' is missing on slice(s) 4–6 between its first and last slice`,
      `'Edge' touches the edge of the image: it may be cut off by the field of view`,
    ]);
    expect(text(5, 'info')).toEqual([`'Edge' has no colour; a default colour will be written`]);
    expect(text(6, 'warning')).toEqual([`'A very long structure name' is 26 characters; some planning systems keep only 16`]);
    expect(text(null, 'warning')).toEqual(['2 ROIs are of type EXTERNAL; planning systems expect one body outline']);
  });

  it('names that read the same are one name: look-alike letters of another script, full-width forms, invisible characters', () => {
    const rois: RoiInput[] = [
      { ...ok, number: 1, name: 'GTV' },
      { ...ok, number: 2, name: 'G\u0422V' },
      { ...ok, number: 3, name: '\uff27\uff34\uff36' },
      { ...ok, number: 4, name: 'PTV\u200b' },
    ];
    const issues = checkStructures(rois, volume, { specificCharacterSet: 'ISO_IR 192' });
    expect(issues.filter((i) => i.severity === 'error').map((i) => [i.roi, i.message])).toEqual([
      [1, "3 ROIs have names that read the same ('GTV', 'G\u0422V', '\uff27\uff34\uff36'; ROI numbers 1, 2, 3): they differ only in look-alike letters of another script or compatibility forms, which a reader cannot tell apart"],
    ]);
    expect(issues.filter((i) => i.roi === 4 && i.severity === 'warning').map((i) => i.message)).toContain(
      "'PTV\u200b' contains invisible characters (zero-width or direction marks): it may look like another name but does not match it",
    );
  });

  it('only warns about non-ASCII names when the file declares a character set', () => {
    const issues = checkStructures([{ ...ok, name: 'Blase (Harnblase) Ü' }], volume, { specificCharacterSet: 'ISO_IR 192' });
    expect(issues.map((i) => i.severity)).toEqual(['warning', 'warning']);
  });
});
