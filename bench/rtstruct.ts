/**
 * RTSTRUCT benchmark: export (masks → RTSTRUCT) and import (RTSTRUCT → masks) of 20 structures on a
 * 512×512×N CT, ours against plastimatch 1.9 on the same inputs, in one run. Run from the root:
 *   npx tsc -p tsconfig.build.json && node dist/bench/rtstruct.js [SLICES]
 * The CT is bench/make-ct-series.ts's (real mirp-sts STS_002 slices padded to 512×512).
 *
 * Timed, each best of 2:
 * - core export: trace + encode + write the file (masks and series already in memory);
 * - core import: parse the file + rasterise all ROIs onto the grid;
 * - CLI export/import: the whole commands in-process (`nifti-to-rtstruct --masks`, `rtstruct-to-nifti`),
 *   which also load the CT series and read/write 20 gzip NIfTI masks;
 * - plastimatch export: `convert --input-prefix MASKS --referenced-ct CT --output-dicom OUT`;
 *   plastimatch import: `convert --input RS --referenced-ct CT --output-prefix OUT --xor-contours`
 *   (uncompressed .mha output). Both load the CT series as well.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as niftiToRtstruct } from '../cli/commands/nifti-to-rtstruct.js';
import { command as rtstructToNifti } from '../cli/commands/rtstruct-to-nifti.js';
import type { CliIo } from '../cli/command.js';
import { LPS_TO_RAS, multiply } from '../core/geometry/mat4.js';
import { loadSeriesFromFolder } from '../core/import/load-series.js';
import { writeNiftiFile } from '../core/nifti/write-nifti.js';
import { rasterizeStructureSet } from '../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../core/rt/read-rtstruct.js';
import { writeRtStructFile } from '../core/rt/write-rtstruct.js';
import { makeCtSeries } from './make-ct-series.js';
import { benchStructures } from './rtstruct-structures.js';

const repo = process.cwd();
const slices = Number(process.argv[2] ?? 200);
const ct = join(tmpdir(), `delineate-bench-ct512x${slices}`);
if (!existsSync(ct) || readdirSync(ct).length !== slices) makeCtSeries(join(repo, 'test/fixtures/mirp-sts/STS_002/CT/dicom/image'), ct, 512, slices);
const work = mkdtempSync(join(tmpdir(), 'delineate-bench-rt-'));
const quiet: CliIo = { out: () => undefined, err: () => undefined };

async function best<T>(label: string, f: () => T | Promise<T>): Promise<{ seconds: number; value: T }> {
  let result: { seconds: number; value: T } | undefined;
  for (let run = 0; run < 2; run++) {
    const start = process.hrtime.bigint();
    const value = await f();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (!result || seconds < result.seconds) result = { seconds, value };
  }
  console.log(`${label.padEnd(34)} ${result!.seconds.toFixed(2)} s`);
  return result!;
}

function plastimatch(args: string[]): void {
  const r = spawnSync('plastimatch', ['convert', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`plastimatch failed: ${r.stderr || r.stdout}`);
}

const { volume, referenceDataset } = await loadSeriesFromFolder(ct);
const structures = benchStructures(volume.dims);
const masksDir = join(work, 'masks');
mkdirSync(masksDir);
const ijkToRas = multiply(LPS_TO_RAS, volume.ijkToLps);
for (const s of structures) writeNiftiFile(join(masksDir, `${s.name}.nii.gz`), { dims: [...volume.dims, 1], data: s.mask, ijkToRas });
const oursDir = join(work, 'ours');
mkdirSync(oursDir);
console.log(`20 structures on CT 512×512×${slices}; ${structures.reduce((n, s) => n + s.mask.reduce((a, b) => a + b, 0), 0)} voxels in all`);

const rois = structures.map((s) => ({ number: s.number, name: s.name, mask: s.mask, interpretedType: s.type }));
const rs = join(oursDir, 'RS.dcm');
const coreExport = await best('ours core export (trace+write)', () => writeRtStructFile(rs, volume, referenceDataset, rois));
const coreImport = await best('ours core import (parse+rasterise)', () => rasterizeStructureSet(readRtStruct(rs), volume));
const differing = coreImport.value.map((r, n) => {
  let d = 0;
  for (let p = 0; p < rois[n]!.mask.length; p++) if ((r.mask?.[p] ?? 0) !== rois[n]!.mask[p]) d++;
  return d;
});
console.log(`  ${coreExport.value.contourCount} contours written; ${differing.filter((d) => d === 0).length}/20 ROIs voxel-identical on re-import`);
differing.forEach((d, n) => { if (d > 0) console.log(`  ${rois[n]!.name}: ${d} voxels differ; ${coreImport.value[n]!.warnings.slice(0, 3).join('; ')}`); });

const rsCli = join(oursDir, 'RS-cli.dcm');
// Our CLI reads masks as rtstruct-to-nifti writes them; produce that folder once (untimed).
await rtstructToNifti.run([rs, '--image', ct, '--out', join(work, 'folder')], quiet);
const cliExport = await best('ours CLI export (nifti-to-rtstruct)', () => niftiToRtstruct.run(['--masks', join(work, 'folder'), '--image', ct, '--out', rsCli, '--force'], quiet));
const cliImport = await best('ours CLI import (rtstruct-to-nifti)', () => rtstructToNifti.run([rs, '--image', ct, '--out', join(work, 'cli-out'), '--force'], quiet));

const pmExport = await best('plastimatch export', () => plastimatch(['--input-prefix', masksDir, '--referenced-ct', ct, '--output-dicom', join(work, 'pm-export')]));
const pmImport = await best('plastimatch import (--xor-contours)', () => plastimatch(['--input', rs, '--referenced-ct', ct, '--output-prefix', join(work, 'pm-import'), '--prefix-format', 'mha', '--xor-contours']));

console.log(`ratio ours/plastimatch, export: CLI ${(cliExport.seconds / pmExport.seconds).toFixed(2)}, core ${(coreExport.seconds / pmExport.seconds).toFixed(2)}`);
console.log(`ratio ours/plastimatch, import: CLI ${(cliImport.seconds / pmImport.seconds).toFixed(2)}, core ${(coreImport.seconds / pmImport.seconds).toFixed(2)}`);
console.log(`work files in ${work}`);
