/**
 * Margins shorter than the spacing between voxel centres add or remove nothing in that direction
 * (core/editing/rules/rule-resolution.ts): a rule that asks for one says so, in the derive CLI and
 * in the editing workspace, rather than silently leaving a PTV on the GTV's slices. And an
 * isotropic margin past the grid's reach gives the same voxels as one just inside it, without the
 * cost of the typed length.
 */
import { describe, expect, it } from 'vitest';
import { contractMask, expandMask } from '../../core/editing/margins.js';
import { parseRule } from '../../core/editing/rules/rule-parser.js';
import { ruleResolutionWarnings, stepsAlongPatientAxes } from '../../core/editing/rules/rule-resolution.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { runCommand } from '../support/run-command.js';
import { command as derive } from '../../cli/commands/derive.js';
import { fixture, tempDir } from '../support/paths.js';
import { join } from 'node:path';

/** The mirp-sts CT's grid shape: 0.977 mm pixels, 3.27 mm slices, axial. */
const CT_GRID = { dims: [40, 40, 12] as const, ijkToLps: mat4<'IJK', 'LPS'>([0.977, 0, 0, 0, 0, 0.977, 0, 0, 0, 0, 3.27, 0, 0, 0, 0, 1]) };
/** A sagittal grid: i runs anterior-posterior (0.5 mm), j superior-inferior (downwards, 0.5 mm), k left-right (4 mm). */
const SAGITTAL = { dims: [30, 30, 8] as const, ijkToLps: mat4<'IJK', 'LPS'>([0, 0, 4, 0, 0.5, 0, 0, 0, 0, -0.5, 0, 0, 0, 0, 0, 1]) };

const warn = (rule: string, grid: typeof CT_GRID | typeof SAGITTAL = CT_GRID): string[] => ruleResolutionWarnings(parseRule(rule), grid);

describe('rule resolution warnings', () => {
  it('measures the step along each patient axis from the grid axis that runs along it', () => {
    expect(stepsAlongPatientAxes(CT_GRID)).toEqual([0.977, 0.977, 3.27]);
    expect(stepsAlongPatientAxes(SAGITTAL)).toEqual([4, 0.5, 0.5]);
  });

  it('names the directions whose margin is shorter than the spacing there, and only those', () => {
    expect(warn('PTV = GTV + 2mm')).toEqual([
      'PTV = GTV + 2mm: the superior and inferior margins (2 mm) are less than the 3.27 mm between voxel centres along superior-inferior, so it adds no voxel in those directions (margins are measured between voxel centres)',
    ]);
    expect(warn('PTV = GTV + [R2,L2,A1,P1,S3,I4]mm')).toEqual([
      'PTV = GTV + [R2,L2,A1,P1,S3,I4]mm: the superior margin (3 mm) is less than the 3.27 mm between voxel centres along superior-inferior, so it adds no voxel to the superior (margins are measured between voxel centres)',
    ]);
    expect(warn('Core = GTV - 3mm')[0]).toMatch(/superior and inferior margins \(3 mm\) .* so it removes no voxel in those directions/);
    expect(warn('PTV = GTV + 5mm')).toEqual([]);
    expect(warn('PTV = GTV + [R0,L0,A0,P0,S5,I5]mm')).toEqual([]);
    // On the sagittal grid the coarse axis is left-right.
    expect(warn('PTV = GTV + 2mm', SAGITTAL)[0]).toMatch(/left and right margins \(2 mm\) are less than the 4 mm between voxel centres along left-right/);
  });

  it('looks inside Booleans and nested margins, and at ring and shell walls', () => {
    expect(warn('HA = (HippoL | HippoR) + 2mm - 1mm')).toHaveLength(2);
    expect(warn('R = ring(PTV, 2mm, 4mm)')[0]).toMatch(/the ring's wall \(2 mm\) is thinner than the 3\.27 mm between voxel centres along one axis/);
    expect(warn('R = ring(PTV, 2mm, 7mm)')).toEqual([]);
    expect(warn('S = shell(PTV, 1mm)')[0]).toMatch(/the shell's wall \(1 mm\)/);
  });

  it('says that margins in a row are not one margin of their sum', () => {
    // On 3.27 mm slices, + 2mm + 3mm adds no slice (each is short of the step) while + 5mm adds one.
    const chained = warn('P = GTV + 2mm + 3mm');
    expect(chained).toContain(
      'P = GTV + 2mm + 3mm: margins in a row are applied one after the other, each measured between voxel centres, so the result can differ ' +
        'from one margin of their sum (write the sum as one margin if that is what is meant)',
    );
    expect(warn('P = GTV - 2mm - 3mm').some((w) => /margins in a row/.test(w))).toBe(true);
    expect(warn('P = GTV + 5mm').some((w) => /margins in a row/.test(w))).toBe(false);
    expect(warn('P = GTV + 4mm - 1mm').some((w) => /margins in a row/.test(w))).toBe(false);
  });

  it('writes a tiny margin with its significant digits, never as 0 mm', () => {
    expect(warn('P = GTV + 0.0000001mm')[0]).toMatch(/^P = GTV \+ 0\.0000001mm: the left and right margins \(1e-7 mm\) are less than the 0\.98 mm/);
  });

  it('derive prints it for the structure set it writes', async () => {
    const out = join(tempDir('derive-resolution-'), 'RS.dcm');
    const r = await runCommand(derive, fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm'), '--image', fixture('mirp-sts/STS_002/CT/dicom/image'), '--out', out, '--rule', 'PTV = GTV_Mass_CT + 2mm');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/warning: PTV = GTV_Mass_CT \+ 2mm: the superior and inferior margins \(2 mm\) are less than the 3\.27 mm between voxel centres/);
  });
});

describe('isotropic margins past the grid', () => {
  const [nx, ny, nz] = CT_GRID.dims;
  const mask = new Uint8Array(nx * ny * nz);
  for (let k = 4; k < 7; k++) for (let j = 10; j < 14; j++) for (let i = 20; i < 25; i++) mask[i + nx * (j + ny * k)] = 1;

  it('1000 mm covers the grid exactly as the grid\'s own diameter does', () => {
    const huge = expandMask(mask, CT_GRID, 1000);
    expect(huge.every((v) => v === 1)).toBe(true);
    expect(expandMask(mask, CT_GRID, 1000)).toEqual(expandMask(mask, CT_GRID, 80));
  });

  it('contracting by 1000 mm empties the mask, or keeps a mask filling the grid when nothing is known beyond it', () => {
    expect(contractMask(mask, CT_GRID, 1000).some((v) => v === 1)).toBe(false);
    const full = new Uint8Array(mask.length).fill(1);
    expect(contractMask(full, CT_GRID, 1000)).toEqual(full);
    expect(contractMask(full, CT_GRID, 1000, { outsideGrid: 'background' }).some((v) => v === 1)).toBe(false);
  });
});
