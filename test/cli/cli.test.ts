import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LPS_TO_RAS, maxAbsDifference, multiply } from '../../core/geometry/mat4.js';
import { imageSeriesOf, loadSeriesFromFolder } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { main } from '../../cli/main.js';
import { fixture, REPO_ROOT, tempDir } from '../support/paths.js';
import { seriesWithGap } from '../support/series-gap.js';
import { runTool } from '../support/tools.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { compareInWorld, positionDeviations } from '../support/world-compare.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const MR = fixture('mirp-sts/STS_002/MR_T1/dicom/image');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('delineate CLI', () => {
  it('scan --json lists the hierarchy and the skipped files', async () => {
    const root = tempDir('cli-scan-');
    for (const f of readdirSync(MR)) copyFileSync(join(MR, f), join(root, f));
    writeFileSync(join(root, 'notes.txt'), 'not DICOM');
    const r = await run('scan', root, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { patients: { studies: { series: { modality: string; instances: unknown[] }[] }[] }[]; skipped: { path: string; reason: string }[] };
    expect(report.patients[0]!.studies[0]!.series[0]!.instances).toHaveLength(35);
    expect(report.skipped).toEqual([{ path: join(root, 'notes.txt'), reason: 'not a DICOM file (no DICM preamble)' }]);
  });

  it('convert writes the volume as NIfTI with the RAS affine and rescaled values', async () => {
    const out = join(tempDir('cli-convert-'), 'ct.nii.gz');
    const r = await run('convert', CT, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/CT 161×143×48, 0\.977×0\.977×3\.270 mm/);
    const nii = readNiftiFile(out);
    const { volume } = await loadSeriesFromFolder(CT);
    expect(nii.dims).toEqual([161, 143, 48, 1]);
    expect(maxAbsDifference(nii.ijkToRas, multiply(LPS_TO_RAS, volume.ijkToLps))).toBeLessThan(1e-4);
    expect(Array.from(nii.data)).toEqual(Array.from(volume.data));
  });

  it('convert agrees with dcm2niix run on the same folder, in world space', async () => {
    const dir = tempDir('cli-vs-dcm2niix-');
    const ours = join(dir, 'ours.nii');
    expect((await run('convert', CT, '--out', ours)).code).toBe(0);
    const ref = runTool('dcm2niix', ['-z', 'n', '-b', 'n', '-o', dir, '-f', 'ref', CT]);
    expect(ref.status, ref.stderr).toBe(0);
    const a = readNiftiFile(ours);
    const result = compareInWorld({ dims: a.dims, data: a.data, ijkToRas: a.ijkToRas }, readNiftiFile(join(dir, 'ref.nii')));
    expect(result.firstSliceCornerErrorMm).toBeLessThan(1e-3);
    // The DICOM positions step by exactly 3.27 mm and our affine keeps that; this dcm2niix build
    // writes a 3.2699585 mm step, so its last slice lies 2 µm short of the DICOM position.
    const { volume } = await loadSeriesFromFolder(CT);
    const report = await scanFolder(CT);
    const positions = imageSeriesOf(report)[0]!.instances.map((i) => i.imagePositionPatient!);
    expect(Math.max(...positionDeviations(positions, volume.ijkToLps))).toBeLessThan(1e-6);
    expect(result.maxCornerErrorMm).toBeLessThan(2.5e-3);
    expect(result.mismatches).toBe(0);
    expect(result.voxelsCompared).toBe(161 * 143 * 48);
  });

  it('convert --series picks the named series and refuses an unknown one with one line', async () => {
    const root = tempDir('cli-two-');
    for (const f of readdirSync(MR)) copyFileSync(join(MR, f), join(root, `mr-${f}`));
    for (const f of readdirSync(CT)) copyFileSync(join(CT, f), join(root, `ct-${f}`));
    const { volume } = await loadSeriesFromFolder(MR);
    const out = join(root, 'mr.nii');
    const ok = await run('convert', root, '--out', out, '--series', volume.seriesInstanceUid);
    expect(ok.code, ok.err).toBe(0);
    expect(readNiftiFile(out).dims).toEqual([115, 90, 35, 1]);
    const largest = await run('convert', root, '--out', join(root, 'largest.nii'));
    expect(largest.out).toMatch(/^.*largest\.nii: CT /);
    const bad = await run('convert', root, '--out', join(root, 'x.nii'), '--series', '1.2.3');
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/^delineate convert: series 1\.2\.3 not found in /);
  });

  it('fails with a one-line reason and non-zero exit on bad usage and bad input', async () => {
    const empty = tempDir('cli-empty-');
    writeFileSync(join(empty, 'a.txt'), 'x');
    const cases = [
      await run('convert', empty, '--out', join(empty, 'x.nii')),
      await run('convert', CT, '--out', join(empty, 'x.png')),
      await run('convert', CT),
      await run('scan', '/no/such/folder'),
      await run('scan', empty),
      await run('nonsense'),
      await run('scan', CT, '--bogus'),
    ];
    for (const c of cases) {
      expect(c.code).not.toBe(0);
      expect(c.err.trim().split('\n')).toHaveLength(1);
    }
    expect(cases[0]!.err).toMatch(/no image series found/);
    expect(cases[1]!.err).toMatch(/--out must end in \.nii or \.nii\.gz/);
    expect(cases[2]!.err).toMatch(/--out is required/);
    expect(cases[3]!.err).toMatch(/\/no\/such\/folder: folder cannot be read \(ENOENT\)/);
    expect(cases[4]!.err).toMatch(/no DICOM objects found/);
    expect(cases[6]!.err).toMatch(/unknown option --bogus/);
  });

  it('import records into the local database and is idempotent', async () => {
    const data = tempDir('cli-db-');
    const first = await run('import', MR, '--data', data, '--json');
    expect(first.code, first.err).toBe(0);
    const a = JSON.parse(first.out) as { summary: { instancesAdded: number; seriesAdded: number } };
    expect(a.summary.instancesAdded).toBe(35);
    const second = JSON.parse((await run('import', MR, '--data', data, '--json')).out) as { summary: { instancesAdded: number; instancesUnchanged: number } };
    expect(second.summary.instancesAdded).toBe(0);
    expect(second.summary.instancesUnchanged).toBe(35);
  });

  it('import records a CT with its RT Structure Set (non-image objects carry no frames)', async () => {
    const root = tempDir('cli-rt-');
    for (const f of readdirSync(CT)) copyFileSync(join(CT, f), join(root, f));
    copyFileSync(fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm'), join(root, 'RS.dcm'));
    const r = await run('import', root, '--data', tempDir('cli-rt-db-'), '--json');
    expect(r.code, r.err).toBe(0);
    const summary = (JSON.parse(r.out) as { summary: { instancesAdded: number; seriesAdded: number } }).summary;
    expect(summary).toMatchObject({ instancesAdded: 49, seriesAdded: 2 });
  });

  it('import names every conflict with what the database already holds', async () => {
    const data = tempDir('cli-conflict-db-');
    expect((await run('import', MR, '--data', data)).code).toBe(0);
    const changed = tempDir('cli-conflict-');
    const files = readdirSync(MR).sort();
    rewriteDicom(join(MR, files[0]!), join(changed, files[0]!), (_meta, ds) => {
      ds['SeriesDescription'] = 'changed';
      ds['WindowCenter'] = 1;
    });
    const r = await run('import', changed, '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 conflict\(s\)/);
    expect(r.out).toMatch(/conflict \(series-attributes\) .*: the database holds series_description "IBSI_1_STS_002_MR_T1_image"; this import found series_description "changed"/);
    expect(r.out).toMatch(new RegExp(`conflict \\(instance-content\\) ${join(changed, files[0]!).replace(/[.]/g, '\\.')}: the database holds sha256 [0-9a-f]{64} at `));
    expect(r.err).toMatch(/2 conflict\(s\) with what the database already holds; the stored records were kept/);
  });

  it('scan and import report a missing slice by position and file; convert refuses it', async () => {
    const root = await seriesWithGap(MR, 10, 'cli-gap-');
    const scan = await run('scan', root);
    expect(scan.out).toMatch(/problem: slice positions are not on a regular grid: a step of 6\.540 mm .*slices 10 and 11 of 34.*missing slices\?/);
    expect(scan.out).toMatch(/34 DICOM object\(s\) found in 34 file\(s\); 0 file\(s\) or folder\(s\) skipped/);
    const imported = await run('import', root, '--data', tempDir('cli-gap-db-'));
    expect(imported.out).toMatch(/problem in series .*: slice positions are not on a regular grid/);
    const convert = await run('convert', root, '--out', join(root, 'x.nii'));
    expect(convert.code).toBe(1);
    expect(convert.err).toMatch(/missing slices\?/);
  });

  it('says which series it took when a folder holds several, and refuses a non-image series by name', async () => {
    const root = tempDir('cli-several-');
    for (const f of readdirSync(MR)) copyFileSync(join(MR, f), join(root, `mr-${f}`));
    for (const f of readdirSync(CT)) copyFileSync(join(CT, f), join(root, `ct-${f}`));
    copyFileSync(fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm'), join(root, 'RS.dcm'));
    const r = await run('convert', root, '--out', join(root, 'x.nii'));
    expect(r.err).toMatch(/^warning: 2 image series of 1 patient\(s\) found; took the largest, CT .*\(name another with --series\)/m);
    const rtUid = String(readDicomFile(join(root, 'RS.dcm'), { headerOnly: true }).dataset['SeriesInstanceUID']);
    const bad = await run('convert', root, '--out', join(root, 'y.nii'), '--series', rtUid);
    expect(bad.err).toMatch(/is a RTSTRUCT series, not an image series/);
    const unwritable = await run('convert', root, '--out', join(root, 'no/such/dir/x.nii'));
    expect(unwritable.err).toBe(`delineate convert: cannot write ${join(root, 'no/such/dir/x.nii')}: the folder ${join(root, 'no/such/dir')} does not exist`);
  });

  it('prints its version and per-command help', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await run('--version')).out).toBe(`delineate ${pkg.version}`);
    const help = await run('convert', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: delineate convert DIR --out FILE\.nii\[\.gz\]/);
  });

  it('the installed bin runs as `delineate` (package.json bin → dist)', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/delineate.js'), 'scan', '/no/such/folder'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('delineate scan: /no/such/folder: folder cannot be read (ENOENT)');
  });
});
