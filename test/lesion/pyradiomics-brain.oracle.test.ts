/**
 * The lesion table and one-click growth on a real T1 post-contrast glioblastoma: pyradiomics'
 * brain1 (TCGA-02-0003, 256×256×25, 0.78125×0.78125×6.5 mm) with its tumour label
 * (../shared/datasets/pyradiomics-brain, SOURCE.md). Reference values are pyradiomics' own
 * (baseline_shape.csv, original image, label 1).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDifference } from '../../core/geometry/mat4.js';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import type { LesionImage, LesionRow } from '../../core/lesion/index.js';
import { growLesion, lesionTable, lesionTableCsv } from '../../core/lesion/index.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { dice } from '../../core/review/agreement.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';
import { sharedDataset } from '../support/paths.js';

const DIR = sharedDataset('pyradiomics-brain');

/** pyradiomics' baseline for brain1, read from its CSV (the features used here, by name). */
function baseline(feature: string): string {
  const line = readFileSync(`${DIR}/baseline_shape.csv`, 'utf8').split('\n').find((l) => l.startsWith(`${feature},`));
  if (!line) throw new Error(`baseline_shape.csv has no ${feature}`);
  // The diagnostics rows hold the original-image value under brain1_resampling (the same mask), quoted.
  const fields = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
  return fields[1] || fields[2]!;
}

let image: LesionImage;
let label: Uint8Array;
let row: LesionRow;
const SPACING = [0.78125, 0.78125, 6.5] as const;

beforeAll(() => {
  const img = readNiftiFile(`${DIR}/nifti/brain1_image.nii.gz`);
  const lab = readNiftiFile(`${DIR}/nifti/brain1_label.nii.gz`);
  expect(maxAbsDifference(img.ijkToRas, lab.ijkToRas)).toBe(0);
  image = segmentationInputFromNifti(img);
  label = lab.data as Uint8Array;
  row = lesionTable([{ name: 'GTV', mask: label }], image)[0]!;
});

describe('lesion table of the brain1 tumour label against pyradiomics', () => {
  it('voxel count and volume exactly', () => {
    expect(Number(baseline('diagnostics_Mask-original_VoxelNum'))).toBe(4137);
    expect(row.voxelCount).toBe(4137);
    expect(row.volumeCc * 1000).toBeCloseTo(Number(baseline('original_shape_VoxelVolume')), 6); // 16412.658691 mm³
  });

  it('Maximum3DDiameter within one voxel (the same definition: it agrees to 1e-6 mm)', () => {
    const reference = Number(baseline('original_shape_Maximum3DDiameter')); // 69.6009903059 mm
    console.info(`brain1 longest 3D diameter: ours ${row.diameter3dMm.toFixed(6)} mm, pyradiomics ${reference} mm`);
    expect(Math.abs(row.diameter3dMm - reference)).toBeLessThan(Math.min(...SPACING));
    expect(row.diameter3dMm).toBeCloseTo(reference, 6);
  });

  it('centroid is pyradiomics\' centre of mass (LPS mm)', () => {
    const reference = baseline('diagnostics_Mask-original_CenterOfMass').replace(/[()]/g, '').split(',').map(Number);
    console.info(`brain1 centroid: ours (${row.centroidLps!.map((v) => v.toFixed(4)).join(', ')}), pyradiomics (${reference.join(', ')})`);
    for (let a = 0; a < 3; a++) expect(row.centroidLps![a]).toBeCloseTo(reference[a]!, 3);
  });

  it('the longest axial diameter is measured within one image (never more than pyradiomics\' between-slice Maximum2DDiameterSlice)', () => {
    const slice = Number(baseline('original_shape_Maximum2DDiameterSlice')); // 53.59 mm, vertices between slices included
    console.info(`brain1 longest axial diameter: ${row.axialDiameterMm.toFixed(3)} mm on slice ${row.axialSlice}; pyradiomics Maximum2DDiameterSlice ${slice} mm`);
    expect(row.axialDiameterMm).toBeLessThanOrEqual(slice);
    // A brute-force check of every in-slice vertex pair (numpy/scipy, no pruning) gave 47.96900 mm.
    expect(row.axialDiameterMm).toBeCloseTo(47.969004, 5);
    expect(row.axialSlice).not.toBeNull();
    expect(row.nearestOrgan).toBeNull();
  });

  it('exports as CSV', () => {
    const csv = lesionTableCsv([row]);
    expect(csv.split('\r\n')[1]).toMatch(/^GTV,4137,16\.413,69\.60,47\.97,\d+,46\.47,16\.52,15\.53,,,,$/);
  });
});

describe('one click on the enhancing rim of the brain1 glioblastoma', () => {
  it('overlaps the tumour label (Dice printed; timing: bench/lesion.ts)', () => {
    // The click: the label's brightest 3×3 in-plane spot on its largest slice (k = 16), i.e. on
    // the enhancing rim where a user would click. The tumour is 70 mm long, so the bound is 45 mm.
    const [nx, ny] = image.dims;
    const k = 16;
    let best = -Infinity, at = [0, 0];
    for (let j = 1; j < ny - 1; j++) {
      for (let i = 1; i < nx - 1; i++) {
        if (!label[i + nx * (j + ny * k)]) continue;
        let sum = 0;
        for (let b = -1; b <= 1; b++) for (let a = -1; a <= 1; a++) sum += image.data[i + a + nx * (j + b + ny * k)]!;
        if (sum > best) [best, at] = [sum, [i, j]];
      }
    }
    const seed = applyToPoint(image.ijkToLps, vec3<'IJK'>(at[0]!, at[1]!, k));
    const started = performance.now();
    const growth = growLesion(image, seed, { maxRadiusMm: 45 });
    const ms = performance.now() - started;
    const d = dice(growth.mask, label);
    let overlap = 0;
    for (let n = 0; n < label.length; n++) if (label[n] && growth.mask[n]) overlap++;
    console.info(
      `brain1 click at voxel (${at.join(', ')}, ${k}): ${growth.voxelCount} voxels (label ${row.voxelCount}), overlap ${overlap}, Dice ${d.toFixed(3)}, ` +
        `threshold ${growth.threshold.toFixed(0)} between ${growth.backgroundLevel.toFixed(0)} and ${growth.lesionLevel.toFixed(0)}, ${ms.toFixed(0)} ms`,
    );
    expect(overlap).toBeGreaterThan(0);
    // Observed 0.634: the label (semi-automatic FSL clustering) also holds the weakly enhancing
    // tissue and a second, separate 613-voxel cluster that no single click reaches.
    expect(d).toBeGreaterThan(0.55);
    expect(growth.hitRadiusBound).toBe(false);
  });
});
