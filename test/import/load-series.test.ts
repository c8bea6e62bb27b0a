import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyToPoint, LPS_TO_RAS, multiply } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { imageSeriesOf, loadSeries, loadSeriesFromFolder } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { fixture, tempDir } from '../support/paths.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';
import { runTool } from '../support/tools.js';
import { compareInWorld } from '../support/world-compare.js';

const MR = fixture('mirp-sts/STS_002/MR_T1/dicom/image');
const CT = fixture('mirp-sts/STS_002/CT/dicom/image');

const sopToFile = new Map<string, string>();
function sourceFileOf(sopInstanceUid: string): string {
  if (sopToFile.size === 0) {
    for (const f of readdirSync(CT)) {
      const uid = readDicomFile(join(CT, f), { headerOnly: true }).dataset['SOPInstanceUID'];
      sopToFile.set(String(uid), f);
    }
  }
  return sopToFile.get(sopInstanceUid) ?? '';
}

describe('loadSeries on real series (committed fixtures)', () => {
  it('MR T1 equals its published NIfTI reference in world space', async () => {
    const { volume } = await loadSeriesFromFolder(MR);
    const ref = readNiftiFile(fixture('mirp-sts/STS_002/MR_T1/nifti/image/image.nii.gz'));
    const result = compareInWorld({ dims: [...volume.dims, 1], data: volume.data, ijkToRas: multiply(LPS_TO_RAS, volume.ijkToLps) }, ref);
    expect(result.maxCornerErrorMm).toBeLessThan(1e-3);
    expect(result.mismatches).toBe(0);
    expect(result.voxelsCompared).toBe(90 * 115 * 35);
  });

  it('CT: first slice at the documented position, HU after rescale, slices ascending', async () => {
    const { volume } = await loadSeriesFromFolder(CT);
    expect(volume.modality).toBe('CT');
    expect(volume.dims).toEqual([161, 143, 48]);
    const origin = applyToPoint(volume.ijkToLps, vec3<'IJK'>(0, 0, 0));
    expect(origin[0]).toBeCloseTo(1.952996, 5);
    expect(origin[1]).toBeCloseTo(59.570154, 5);
    expect(origin[2]).toBeCloseTo(-629.04, 5);
    expect(volume.spacingMm[2]).toBeCloseTo(3.27, 3);
    let min = Infinity;
    let max = -Infinity;
    for (const v of volume.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect([min, max]).toEqual([-1000, 1156]);
    expect(volume.data).toBeInstanceOf(Int16Array);
    expect(volume.sliceSources).toHaveLength(48);
  });

  it('reads a folder with a DICOMDIR the same as without, listing the DICOMDIR as an index', async () => {
    const root = tempDir('dicomdir-');
    mkdirSync(join(root, 'DICOM/S1'), { recursive: true });
    readdirSync(MR).forEach((f, n) => copyFileSync(join(MR, f), join(root, 'DICOM/S1', `IM${n + 1}`)));
    const made = runTool('dcmmkdir', ['+r', '+I', '--output-file', 'DICOMDIR', 'DICOM'], { cwd: root });
    expect(made.status, made.stderr).toBe(0);
    const report = await scanFolder(root);
    expect(report.skipped).toEqual([{ path: join(root, 'DICOMDIR'), reason: 'DICOMDIR media index (the files it lists are read directly)' }]);
    const [series] = imageSeriesOf(report);
    const loaded = await loadSeries(series!);
    expect(loaded.volume.dims).toEqual([115, 90, 35]);
  });

  it('MONOCHROME1 keeps modality values and flags the volume for inverted display', async () => {
    const root = tempDir('mono1-');
    for (const f of readdirSync(MR)) {
      rewriteDicom(join(MR, f), join(root, f), (_meta, ds) => {
        ds['PhotometricInterpretation'] = 'MONOCHROME1';
      });
    }
    const plain = await loadSeriesFromFolder(MR);
    const inverted = await loadSeriesFromFolder(root);
    expect(inverted.volume.monochrome1).toBe(true);
    expect(plain.volume.monochrome1).toBeUndefined();
    expect(Buffer.from(inverted.volume.data.buffer).equals(Buffer.from(plain.volume.data.buffer))).toBe(true);
  });

  it('applies Rescale Slope and Intercept per instance, promoting to float when needed', async () => {
    const root = tempDir('rescale-');
    const files = readdirSync(CT).sort();
    files.forEach((f, n) =>
      rewriteDicom(join(CT, f), join(root, f), (_meta, ds) => {
        // A per-slice fractional slope, as PET and some MR series carry.
        ds['RescaleSlope'] = n % 2 === 0 ? 1 : 0.5;
        ds['RescaleIntercept'] = -1024;
      }),
    );
    const plain = await loadSeriesFromFolder(CT);
    const scaled = await loadSeriesFromFolder(root);
    expect(scaled.volume.data).toBeInstanceOf(Float32Array);
    // Both folders hold the same stored values; the original rescale is slope 1, intercept 0 (SOURCE.md).
    const [nx, ny, nz] = plain.volume.dims;
    let checked = 0;
    for (let k = 0; k < nz; k++) {
      const uid = plain.volume.sliceSources[k]!.sopInstanceUid;
      expect(scaled.volume.sliceSources[k]!.sopInstanceUid).toBe(uid);
      const slope = files.findIndex((f) => f === sourceFileOf(uid)) % 2 === 0 ? 1 : 0.5;
      for (let n = 0; n < nx * ny; n += 97) {
        expect(scaled.volume.data[k * nx * ny + n]).toBe(plain.volume.data[k * nx * ny + n]! * slope - 1024);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
