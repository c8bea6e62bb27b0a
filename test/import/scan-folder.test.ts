import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageSeriesOf, loadSeries, loadSeriesFromFolder } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { fixture, tempDir } from '../support/paths.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';
import { runTool } from '../support/tools.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const MR = fixture('mirp-sts/STS_002/MR_T1/dicom/image');
const RS = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');

function dcmodify(path: string, ...args: string[]): void {
  const r = runTool('dcmodify', ['-nb', ...args, path]);
  if (r.status !== 0) throw new Error(`dcmodify failed: ${r.stderr}`);
}

describe('scanFolder on a messy export', () => {
  it('finds every series whatever the file names and nesting, lists every unusable file, and never stops', async () => {
    const root = tempDir('scan-');
    const ctFiles = readdirSync(CT).sort();
    mkdirSync(join(root, 'PATIENT/A/B'), { recursive: true });
    ctFiles.forEach((f, n) => copyFileSync(join(CT, f), join(root, 'PATIENT/A/B', `IM${String(n).padStart(4, '0')}`)));
    mkdirSync(join(root, 'mr'));
    for (const f of readdirSync(MR)) writeFileSync(join(root, 'mr', `${f}.gz`), gzipSync(readFileSync(join(MR, f))));
    copyFileSync(RS, join(root, 'rs'));
    writeFileSync(join(root, 'README.TXT'), 'Patient CD export\n');
    writeFileSync(join(root, 'garbage.dcm'), Buffer.from(Array.from({ length: 5000 }, (_, n) => (n * 7919) % 256)));
    const whole = readFileSync(join(CT, ctFiles[0]!));
    writeFileSync(join(root, 'truncated.dcm'), whole.subarray(0, 700));
    writeFileSync(join(root, 'truncated-pixels.dcm'), whole.subarray(0, whole.length - 5000));
    writeFileSync(join(root, 'corrupt.dcm.gz'), Buffer.concat([gzipSync(whole).subarray(0, 200)]));
    copyFileSync(join(CT, ctFiles[1]!), join(root, 'nopixels.dcm'));
    dcmodify(join(root, 'nopixels.dcm'), '-ea', '(7fe0,0010)', '-gin');
    rewriteDicom(join(CT, ctFiles[2]!), join(root, 'mpeg.dcm'), (meta) => {
      meta['TransferSyntaxUID'] = '1.2.840.10008.1.2.4.100'; // MPEG2 video: not an image syntax we read
    });
    symlinkSync(join(root, 'does-not-exist'), join(root, 'dangling'));
    copyFileSync(join(CT, ctFiles[3]!), join(root, 'duplicate-copy'));

    const progress: number[] = [];
    const report = await scanFolder(root, { onProgress: (p) => progress.push(p.filesSeen) });
    const series = imageSeriesOf(report);
    expect(series.map((s) => s.modality).sort()).toEqual(['CT', 'MR']);
    const ct = series.find((s) => s.modality === 'CT')!;
    // 48 slices, less the three copies above that were damaged (they carry the same UIDs as
    // intact slices only for nopixels/mpeg, which are rejected; the duplicate copy is reported).
    expect(ct.instances).toHaveLength(48);
    expect(series.find((s) => s.modality === 'MR')!.instances).toHaveLength(35);
    const rt = report.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).find((s) => s.modality === 'RTSTRUCT');
    expect(rt?.instances).toHaveLength(1);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
    expect(reasons['README.TXT']).toMatch(/not a DICOM file/);
    expect(reasons['garbage.dcm']).toMatch(/not a DICOM file/);
    expect(reasons['truncated.dcm']).toMatch(/file is truncated: element \(0008,1030\) declares 18 bytes but only 12 remain/);
    // dcmjs zero-pads a value cut short by the end of the file; this must never become an image.
    expect(reasons['truncated-pixels.dcm']).toMatch(/file is truncated: element \(7FE0,0010\) declares 46046 bytes but only 41046 remain/);
    expect(reasons['corrupt.dcm.gz']).toMatch(/gzip data is corrupt/);
    expect(reasons['nopixels.dcm']).toMatch(/image without pixel data/);
    expect(reasons['mpeg.dcm']).toBe('unsupported transfer syntax: MPEG2 Main Profile / Main Level (1.2.840.10008.1.2.4.100)');
    expect(reasons['dangling']).toMatch(/broken symbolic link/);
    expect(reasons['duplicate-copy'] ?? reasons['PATIENT/A/B/IM0003']).toMatch(/duplicate of SOP instance/);
    expect(report.skipped).toHaveLength(9);
    expect(report.filesSeen).toBe(48 + 35 + 1 + 8);
    expect(progress.at(-1)).toBe(report.filesSeen);
  });

  it('reports an unreadable or missing folder by name', async () => {
    await expect(scanFolder('/nonexistent/folder')).rejects.toThrow(/\/nonexistent\/folder: folder cannot be read \(ENOENT\)/);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scanFolder(CT, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('keeps a scout out of the volume: planes are grouped by orientation and size', async () => {
    const root = tempDir('scout-');
    for (const f of readdirSync(MR)) copyFileSync(join(MR, f), join(root, f));
    const scout = join(root, 'scout.dcm');
    copyFileSync(join(MR, readdirSync(MR)[0]!), scout);
    dcmodify(scout, '-m', 'ImageOrientationPatient=0\\1\\0\\0\\0\\-1', '-m', 'SOPInstanceUID=1.2.826.0.1.3680043.2.1125.99.1', '-gin');
    const [series] = imageSeriesOf(await scanFolder(root));
    const loaded = await loadSeries(series!);
    expect(loaded.volume.dims[2]).toBe(35);
    expect(loaded.stacks.map((s) => s.planes)).toEqual([35, 1]);
    expect(loaded.warnings.join('\n')).toMatch(/left out 1 image\(s\) of another stack in this series \(stack 2 of 2\)/);
    const scoutOnly = await loadSeries(series!, { stackIndex: 2 });
    expect(scoutOnly.volume.dims).toEqual([115, 90, 1]);
    await expect(loadSeries(series!, { stackIndex: 3 })).rejects.toThrow(/has 2 stack\(s\); stack 3 does not exist/);
  });

  it('never merges an image that names another patient or study into a series', async () => {
    const root = tempDir('two-patients-');
    const files = readdirSync(MR).sort();
    files.forEach((f, n) =>
      n < 30
        ? copyFileSync(join(MR, f), join(root, f))
        : rewriteDicom(join(MR, f), join(root, f), (_meta, ds) => {
            ds['PatientID'] = 'OTHER_PATIENT';
            ds['PatientName'] = [{ Alphabetic: 'Other^Patient' }];
          }),
    );
    const report = await scanFolder(root);
    expect(report.patients.map((p) => p.patientId)).toEqual(['STS_002']);
    expect(imageSeriesOf(report)[0]!.instances).toHaveLength(30);
    expect(report.skipped).toHaveLength(5);
    for (const s of report.skipped) expect(s.reason).toMatch(/^names patient Other\^Patient \[OTHER_PATIENT\] but series .* belongs to STS_002 \[STS_002\]: not merged$/);
  });

  it('reports empty files and symbolic links that loop or lead outside the folder, and reads files without the Part 10 header', async () => {
    const root = tempDir('links-');
    mkdirSync(join(root, 'data/sub'), { recursive: true });
    writeFileSync(join(root, 'data/empty.dcm'), '');
    writeFileSync(join(root, 'data/short.dcm'), Buffer.concat([Buffer.alloc(128), Buffer.from('DICM')]));
    symlinkSync('..', join(root, 'data/sub/up'));
    symlinkSync(root, join(root, 'data/outside'));
    const mrFiles = readdirSync(MR).sort();
    for (const f of mrFiles) {
      const r = runTool('dcmconv', ['-F', join(MR, f), join(root, 'data', `${f}.raw`)]);
      expect(r.status, r.stderr).toBe(0);
    }
    const report = await scanFolder(join(root, 'data'));
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path.slice(root.length + 6), s.reason]));
    expect(reasons['empty.dcm']).toBe('empty file (0 bytes)');
    expect(reasons['short.dcm']).toMatch(/^file is truncated/);
    expect(reasons['sub/up']).toMatch(/^symbolic link loop to .*: already scanned$/);
    expect(reasons['outside']).toMatch(/^symbolic link to .*, outside the scanned folder: not followed$/);
    const [series] = imageSeriesOf(report);
    expect(series!.instances).toHaveLength(35);
    const bare = await loadSeries(series!);
    const plain = await loadSeriesFromFolder(MR);
    expect(Buffer.from(bare.volume.data.buffer).equals(Buffer.from(plain.volume.data.buffer))).toBe(true);
    expect(bare.volume.ijkToLps).toEqual(plain.volume.ijkToLps);
  });

  it('never enters operating-system folders, opens no pipe or device, and names each thing it passed over', async () => {
    await expect(scanFolder('/proc/self')).rejects.toThrow(/^\/proc\/self: is an operating-system folder \(proc file system\), not a folder of images$/);
    await expect(scanFolder('/sys/kernel')).rejects.toThrow(/operating-system folder \(sysfs file system\)/);

    const root = tempDir('system-');
    copyFileSync(join(MR, readdirSync(MR).sort()[0]!), join(root, 'slice.dcm'));
    // A link to /proc inside an export: it leads outside the folder and is not followed.
    symlinkSync('/proc/self', join(root, 'proc-link'));
    // Links to files that are not files: a character device and the process's own memory map.
    symlinkSync('/dev/zero', join(root, 'zero.dcm'));
    symlinkSync('/proc/self/pagemap', join(root, 'pagemap.dcm'));
    // A named pipe would block a reader for ever.
    expect(runTool('mkfifo', [join(root, 'pipe.dcm')]).status).toBe(0);
    const report = await scanFolder(root);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['pagemap.dcm', 'pipe.dcm', 'proc-link', 'zero.dcm']);
    expect(reasons['proc-link']).toMatch(/^symbolic link to \/proc\/\d+, outside the scanned folder: not followed$/);
    expect({ ...reasons, 'proc-link': undefined }).toEqual({
      'proc-link': undefined,
      'zero.dcm': 'symbolic link to /dev/zero, a character device: not read',
      // /proc files claim to be regular files of 0 bytes; the size is believed and nothing is read.
      'pagemap.dcm': 'empty file (0 bytes)',
      'pipe.dcm': 'a named pipe, not a file: not read',
    });
    expect(imageSeriesOf(report)[0]!.instances).toHaveLength(1);
    expect(report.filesSeen).toBe(2);
  });

  it('refuses a series with a missing slice and names the gap', async () => {
    const root = tempDir('gap-');
    const files = readdirSync(MR);
    const report0 = await scanFolder(MR);
    const ordered = [...imageSeriesOf(report0)[0]!.instances].sort((a, b) => (a.imagePositionPatient![2]! - b.imagePositionPatient![2]!));
    const dropped = ordered[17]!.path;
    for (const f of files) if (join(MR, f) !== dropped) copyFileSync(join(MR, f), join(root, f));
    const [series] = imageSeriesOf(await scanFolder(root));
    await expect(loadSeries(series!)).rejects.toThrow(/a step of 6\.540 mm between .* along the normal \(.*\.dcm and .*\.dcm, slices 17 and 18 of 34\).*: missing slices\?/);
  });
});
