import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxAbsDifference } from '../../core/geometry/mat4.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { parseNifti, readNiftiFile } from '../../core/nifti/read-nifti.js';
import { encodeNifti, writeNiftiFile } from '../../core/nifti/write-nifti.js';
import { tempDir } from '../support/paths.js';

describe('NIfTI write/read', () => {
  it('round-trips an oblique affine through sform and qform, .nii and .nii.gz', () => {
    const c = Math.cos(0.2), s = Math.sin(0.2);
    const affine = mat4<'IJK', 'RAS'>([-0.9 * c, 0, 3 * s, 12.5, 0, 0.9, 0, -40.25, 0.9 * s, 0, 3 * c, 7, 0, 0, 0, 1]);
    const data = Int16Array.from({ length: 4 * 3 * 2 }, (_, n) => n * 100 - 1000);
    for (const name of ['a.nii', 'a.nii.gz']) {
      const path = join(tempDir('nifti-'), name);
      writeNiftiFile(path, { dims: [4, 3, 2, 1], data, ijkToRas: affine });
      const back = readNiftiFile(path);
      expect(back.dims).toEqual([4, 3, 2, 1]);
      expect(Array.from(back.data)).toEqual(Array.from(data));
      expect(maxAbsDifference(back.ijkToRas, affine)).toBeLessThan(1e-5);
    }
    // The qform alone (sform_code 0) gives the same affine.
    const bytes = encodeNifti({ dims: [4, 3, 2, 1], data, ijkToRas: affine });
    bytes.writeInt16LE(0, 254);
    expect(maxAbsDifference(parseNifti(bytes).ijkToRas, affine)).toBeLessThan(1e-4);
  });

  it('sets no qform for a sheared (gantry-tilted) affine, which a rotation cannot hold', () => {
    const sheared = mat4<'IJK', 'RAS'>([1, 0, 0, 0, 0, 1, 0.8, 0, 0, 0, 3, 0, 0, 0, 0, 1]);
    const bytes = encodeNifti({ dims: [2, 2, 2, 1], data: new Int16Array(8), ijkToRas: sheared });
    expect(bytes.readInt16LE(252)).toBe(0); // qform_code
    expect(bytes.readInt16LE(254)).toBe(1); // sform_code
    expect(maxAbsDifference(parseNifti(bytes).ijkToRas, sheared)).toBeLessThan(1e-6);
  });
});
