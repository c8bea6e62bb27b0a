/**
 * External oracle: real scanner DICOM from the dcm_qa suites against dcm2niix's reference NIfTI,
 * and the mirp-sts CT/MR series against their NIfTI references. Compared in world space.
 */
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LPS_TO_RAS, multiply } from '../../core/geometry/mat4.js';
import { loadSeries, imageSeriesOf } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { sharedDataset, tempDir } from '../support/paths.js';
import { compareInWorld, positionDeviations } from '../support/world-compare.js';

interface Case {
  readonly name: string;
  /** Folder (or single files copied into a folder of their own) holding exactly one image series. */
  readonly input: string[];
  readonly reference: string[];
  /** Expected grid (nx·ny·nz and volumes), independent of array order. */
  readonly voxels: number;
  readonly volumes: number;
  /** Relative value tolerance for floating-point scaling (Philips); 0 means exact. */
  readonly relativeTolerance?: number;
  /**
   * dcm2niix takes the slice step from the first two slices only. Where the scanner's positions
   * jitter by micrometres, that step drifts from the true positions along the stack; our affine
   * follows the first and last positions. Then the slice axis is checked against the DICOM
   * positions themselves (see below) and the reference is matched on the first slice.
   */
  readonly referenceStepFromFirstGap?: boolean;
}

const qa = (...p: string[]): string[] => ['dcm_qa', ...p];

const CASES: Case[] = [
  { name: 'Siemens mosaic, axial 6° oblique, 2 volumes', input: qa('dcm_qa/In/Orientation/ax/axasc35'), reference: qa('dcm_qa/Ref/ax_asc_35sl_6.nii'), voxels: 64 * 64 * 35, volumes: 2 },
  { name: 'Siemens mosaic, coronal oblique', input: qa('dcm_qa/In/Orientation/cor/corasc35'), reference: qa('dcm_qa/Ref/cor_asc_35sl_16.nii'), voxels: 64 * 64 * 35, volumes: 2 },
  { name: 'Siemens mosaic, sagittal', input: qa('dcm_qa/In/Orientation/sag/sagasc35'), reference: qa('dcm_qa/Ref/sag_asc_35sl_22.nii'), voxels: 64 * 64 * 35, volumes: 2 },
  { name: 'mosaic + JPEG lossless, multiband', input: qa('dcm_qa/In/Orientation/axmb/AxAsc36mb2a'), reference: qa('dcm_qa/Ref/fMRI_MB_asc_25.nii'), voxels: 86 * 86 * 36, volumes: 2 },
  { name: 'mosaic + JPEG 2000', input: qa('dcm_qa/In/Orientation/axmb/AxInt36mb'), reference: qa('dcm_qa/Ref/fMRI_MB_int_26.nii'), voxels: 86 * 86 * 36, volumes: 2 },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({
    name: `transfer syntax file ${n}.dcm`,
    input: qa(`dcm_qa_ts/In/${n}.dcm`),
    reference: qa(`dcm_qa_ts/Ref/${n}.nii`),
    voxels: 64 * 64 * 35,
    volumes: 1,
  })),
  { name: '12-bit unsigned', input: qa('dcm_qa_12bit/In/12bitUnsigned.dcm'), reference: qa('dcm_qa_12bit/Ref/2.nii'), voxels: 64 * 64 * 35, volumes: 1 },
  { name: '12-bit unsigned, 0x0F0F stripes', input: qa('dcm_qa_12bit/In/12bitUnsigned_0x0F0F.dcm'), reference: qa('dcm_qa_12bit/Ref/3.nii'), voxels: 64 * 64 * 35, volumes: 1 },
  { name: '12-bit signed, 0x0F0F stripes', input: qa('dcm_qa_12bit/In/12bitSigned_0x0F0F.dcm'), reference: qa('dcm_qa_12bit/Ref/4.nii'), voxels: 64 * 64 * 35, volumes: 1 },
  { name: 'Siemens XA10 enhanced multi-frame, 4 volumes', input: qa('dcm_qa_enh/In/Siemens/XA10'), reference: qa('dcm_qa_enh/Ref/Siemens_REST1_w_SMS_PF7-8_6.nii'), voxels: 64 * 64 * 6, volumes: 4 },
  {
    name: 'Philips enhanced multi-frame, magnitude echo',
    input: qa('dcm_qa_enh/In/Philips/IM_0027_fMAP.dcm'),
    reference: qa('dcm_qa_enh/Ref/Philips_WIP_B0_NS_801_e1.nii'),
    voxels: 64 * 64 * 32,
    volumes: 1,
    relativeTolerance: 1e-5,
  },
  { name: 'Siemens XA30 enhanced 3D T1w', input: qa('dcm_qa_xa30/In/5_anat-T1w_acq-tfl'), reference: qa('dcm_qa_xa30/Ref/5_anat-T1w_acq-tfl.nii'), voxels: 96 * 128 * 128, volumes: 1 },
  {
    name: 'Philips 3D T1, gzip files, oblique, private FP scaling',
    input: qa('dcm_qa_philips_enh/In/cl'),
    reference: qa('dcm_qa_philips_enh/Ref_regenerated_dcm2niix_v1.0.20220720/1301_WIP_ADNI_Sag3D_MPRAGE_cl.nii.gz'),
    voxels: 170 * 256 * 256,
    volumes: 1,
    relativeTolerance: 1e-5,
    referenceStepFromFirstGap: true,
  },
  ...['STS_001', 'STS_002'].flatMap((p) =>
    ['CT', 'MR_T1'].map((m) => ({
      name: `mirp-sts ${p} ${m}`,
      input: ['mirp-sts', p, m, 'dicom/image'],
      reference: ['mirp-sts', p, m, 'nifti/image/image.nii.gz'],
      voxels: -1,
      volumes: 1,
    })),
  ),
];

/**
 * Left out on purpose: dcm_qa_enh Philips_WIP_B0_NS_801_e2_fieldmaphz.nii. dcm2niix derives that
 * field map in Hz from private Philips fields, which is outside what a planning import does; the
 * frames of the same file that form the magnitude echo are compared above.
 */
function inputFolder(parts: string[]): string {
  const path = sharedDataset(...parts);
  if (!/\.dcm$/.test(path)) return path;
  const dir = tempDir('dcm-qa-');
  copyFileSync(path, join(dir, basename(path)));
  return dir;
}

describe('DICOM → volume against dcm2niix and published NIfTI references', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = inputFolder(c.input);
      const report = await scanFolder(dir);
      expect(report.skipped).toEqual([]);
      const [series] = imageSeriesOf(report);
      expect(series).toBeDefined();
      const { volume } = await loadSeries(series!);
      const ref = readNiftiFile(sharedDataset(...c.reference));
      if (c.voxels > 0) expect(volume.dims[0] * volume.dims[1] * volume.dims[2]).toBe(c.voxels);
      expect(volume.frames).toBe(c.volumes);
      const tolerance = c.relativeTolerance ?? 0;
      const result = compareInWorld(
        { dims: [...volume.dims, volume.frames], data: volume.data, ijkToRas: multiply(LPS_TO_RAS, volume.ijkToLps) },
        ref,
        (b) => tolerance * Math.max(1, Math.abs(b)),
      );
      if (c.referenceStepFromFirstGap) {
        expect(result.firstSliceCornerErrorMm, 'voxel→patient affine, first slice').toBeLessThan(1e-3);
        // Every slice of ours sits on its own DICOM Image Position (Patient) within 0.1 µm; the
        // reference's far slices drift by up to 1.3 µm, hence the wider bound on all corners.
        const deviations = positionDeviations(series!.instances.map((i) => i.imagePositionPatient!), volume.ijkToLps);
        expect(Math.max(...deviations)).toBeLessThan(1e-4);
        expect(result.maxCornerErrorMm).toBeLessThan(2e-3);
      } else {
        expect(result.maxCornerErrorMm, 'voxel→patient affine').toBeLessThan(1e-3);
      }
      expect(result.firstMismatch).toBeUndefined();
      expect(result.mismatches).toBe(0);
      expect(result.voxelsCompared).toBe(volume.data.length);
    });
  }
});
