import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/command.js';
import { command as derive } from '../../cli/commands/derive.js';
import { contractMask, expandMask, ringMask } from '../../core/editing/margins.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { fixture, tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';
import { differing } from './support/grids.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const RS = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');

async function run(...argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  try {
    return { code: await derive.run(argv, io), out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    return { code: 1, out: out.join('\n'), err: `${err.join('\n')}${error instanceof Error ? error.message : String(error)}` };
  }
}

const RULES = [
  'PTV_5 = GTV_Mass_CT + 5mm',
  'Ring_2_7 = ring(GTV_Mass_CT, 2mm, 7mm)',
  'GTV_core = GTV_Mass_CT - 3mm',
  'PTV_aniso = GTV_Mass_CT + [R5,L5,A3,P3,S10,I10]mm',
  '"PTV minus core" = PTV_5 - GTV_core',
];

describe('delineate derive (fixture mirp-sts STS_002 CT)', async () => {
  const { volume } = await loadSeriesFromFolder(CT);
  const original = readRtStruct(RS);
  const gtv = rasterizeStructureSet(original, volume)[0]!.mask!;
  const outPath = join(tempDir('derive-'), 'RS-derived.dcm');
  const result = await run(RS, '--image', CT, '--out', outPath, ...RULES.flatMap((r) => ['--rule', r]));

  it('writes a structure set that dciodvfy accepts', () => {
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain("ROI 2 'PTV_5'");
    const v = dciodvfy(outPath);
    expect(v.errors, v.output).toEqual([]);
  });

  it('reads back: the original ROI unchanged, then the derived ROIs marked with their rule', () => {
    const back = readRtStruct(outPath);
    expect(back.rois.map((r) => [r.number, r.name, r.interpretedType, r.generationAlgorithm])).toEqual([
      [1, 'GTV_Mass_CT', 'GTV', 'MANUAL'],
      [2, 'PTV_5', 'PTV', 'SEMIAUTOMATIC'],
      [3, 'Ring_2_7', 'CONTROL', 'SEMIAUTOMATIC'],
      [4, 'GTV_core', 'GTV', 'SEMIAUTOMATIC'],
      [5, 'PTV_aniso', 'PTV', 'SEMIAUTOMATIC'],
      [6, 'PTV minus core', 'PTV', 'SEMIAUTOMATIC'],
    ]);
    expect(back.rois[2]!.generationDescription).toBe('rule: Ring_2_7 = ring(GTV_Mass_CT, 2mm, 7mm)');
    expect(back.rois[5]!.description).toContain('from PTV_5, GTV_core with the rule');
    // Original contours keep their points (to the 0.0001 mm the writer formats) and colour.
    const before = original.rois[0]!, after = back.rois[0]!;
    expect(after.contours.length).toBe(before.contours.length);
    expect(after.color).toEqual(before.color);
    after.contours.forEach((c, n) => {
      const p = before.contours[n]!.points;
      expect(c.points.length).toBe(p.length);
      expect(Math.max(...c.points.map((x, m) => Math.abs(x - p[m]!)))).toBeLessThan(1e-4);
      expect(c.images[0]!.sopInstanceUid).toMatch(/^1\.3\.6\.1\.4\.1\.14519/);
      expect(volume.sliceSources.some((s) => s.sopInstanceUid === c.images[0]!.sopInstanceUid)).toBe(true);
    });
  });

  it('the derived ROIs rasterise back to exactly the evaluated masks', () => {
    const back = rasterizeStructureSet(readRtStruct(outPath), volume);
    const byName = new Map(back.map((r) => [r.roi.name, r.mask!]));
    const ptv = expandMask(gtv, volume, 5), core = contractMask(gtv, volume, 3);
    expect(differing(byName.get('GTV_Mass_CT'), gtv)).toBe(0);
    expect(differing(byName.get('PTV_5'), ptv)).toBe(0);
    expect(differing(byName.get('Ring_2_7'), ringMask(gtv, volume, 2, 7))).toBe(0);
    expect(differing(byName.get('GTV_core'), core)).toBe(0);
    expect(differing(byName.get('PTV_aniso'), expandMask(gtv, volume, { right: 5, left: 5, anterior: 3, posterior: 3, superior: 10, inferior: 10 }))).toBe(0);
    expect(differing(byName.get('PTV minus core'), ptv.map((v, n) => (v && !core[n] ? 1 : 0)))).toBe(0);
  });

  it('warns when a grown structure reaches the image edge, where the margin may be cut off', async () => {
    expect(result.err).not.toMatch(/reaches the edge of the image grid/);
    const big = await run(RS, '--image', CT, '--out', join(tempDir('derive-big-'), 'RS.dcm'), '--rule', 'Big = GTV_Mass_CT + 10cm');
    expect(big.code, big.err).toBe(0);
    expect(big.err).toMatch(/warning: ROI \d+ 'Big' reaches the edge of the image grid: a margin may have been cut off there/);
  });

  it('a bad rule fails before anything is written, showing where and what is known', async () => {
    const bad = await run(RS, '--image', CT, '--out', join(tempDir('derive-bad-'), 'x.dcm'), '--rule', 'PTV = GTV + 5mm');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("unknown structure 'GTV' (at character 7); did you mean 'GTV_Mass_CT'?");
    expect(bad.err).toContain("known structures: 'GTV_Mass_CT'");
    const syntax = await run(RS, '--image', CT, '--out', join(tempDir('derive-bad-'), 'x.dcm'), '--rule', 'PTV = GTV_Mass_CT + 5');
    expect(syntax.err).toContain('a length needs a unit, mm or cm');
  });

  it('refuses a target that would read as an existing name, before anything is written', async () => {
    const dir = tempDir('derive-names-');
    const cases: [string[], string][] = [
      // DICOM readers strip the spaces: this would be a second 'GTV_Mass_CT'.
      [['"GTV_Mass_CT " = GTV_Mass_CT + 2mm'], "'GTV_Mass_CT ' has leading or trailing spaces, which DICOM readers strip"],
      [['gtv_mass_ct = GTV_Mass_CT + 1mm'], "'gtv_mass_ct' differs from the existing 'GTV_Mass_CT' only in case"],
      // Cyrillic Т and М in the target.
      [['G\u0422V_\u041cass_CT = GTV_Mass_CT + 2mm'], "looks the same as the existing 'GTV_Mass_CT'"],
      [['PTV = GTV_Mass_CT + 5mm', 'ptv = GTV_Mass_CT'], "'ptv' differs from the existing 'PTV' only in case"],
      [['"PTV\u200b" = GTV_Mass_CT + 5mm'], 'no backslash, control or invisible characters'],
    ];
    for (const [rules, message] of cases) {
      const out = join(dir, 'x.dcm');
      const r = await run(RS, '--image', CT, '--out', out, ...rules.flatMap((rule) => ['--rule', rule]));
      expect(r.code, rules.join(' ; ')).toBe(1);
      expect(r.err, rules.join(' ; ')).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
