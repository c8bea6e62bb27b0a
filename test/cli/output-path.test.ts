import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command as derive } from '../../cli/commands/derive.js';
import { command as niftiToRtstruct } from '../../cli/commands/nifti-to-rtstruct.js';
import { command as rtstructToNifti } from '../../cli/commands/rtstruct-to-nifti.js';
import { checkOutputFile } from '../../cli/output-path.js';
import { fixture, tempDir } from '../support/paths.js';
import { runCommand } from '../support/run-command.js';

const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const RS = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');
/** No such folder: a command that reached its series loading would fail naming this instead. */
const NO_SERIES = '/no/such/series/folder';

const run = runCommand;

/**
 * A folder this process cannot create files in. Permission bits do not bind root, so as root
 * (containers, CI) sysfs stands in: nobody can create files there.
 */
function unwritableFolder(): string {
  if (process.getuid?.() === 0) return '/sys/kernel';
  const dir = tempDir('out-readonly-');
  chmodSync(dir, 0o555);
  return dir;
}

describe('checkOutputFile', () => {
  it('passes a new file in a writable folder and leaves nothing behind', () => {
    const dir = tempDir('out-ok-');
    expect(() => checkOutputFile(join(dir, 'RS.dcm'), { overwrite: false })).not.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the path and the reason in one line', () => {
    const dir = tempDir('out-bad-');
    writeFileSync(join(dir, 'file'), 'x');
    writeFileSync(join(dir, 'RS.dcm'), 'old');
    mkdirSync(join(dir, 'sub'));
    const message = (path: string, overwrite = false): string => {
      try {
        checkOutputFile(path, { overwrite });
        return 'passed';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(message(join(dir, 'missing', 'RS.dcm'))).toBe(`cannot write ${join(dir, 'missing', 'RS.dcm')}: the folder ${join(dir, 'missing')} does not exist`);
    expect(message(join(dir, 'file', 'RS.dcm'))).toBe(`cannot write ${join(dir, 'file', 'RS.dcm')}: ${join(dir, 'file')} is not a folder`);
    expect(message(join(dir, 'sub'), true)).toBe(`cannot write ${join(dir, 'sub')}: it is a folder`);
    expect(message(join(dir, 'RS.dcm'))).toBe(`${join(dir, 'RS.dcm')} already exists; pass --force to overwrite it`);
    expect(message(join(dir, 'RS.dcm'), true)).toBe('passed');
    expect(readFileSync(join(dir, 'RS.dcm'), 'utf8')).toBe('old');
    const locked = unwritableFolder();
    expect(message(join(locked, 'RS.dcm'))).toMatch(new RegExp(`^cannot write ${join(locked, 'RS.dcm')}: the folder ${locked} is not writable: (permission denied \\((EACCES|EPERM)\\)|read-only file system \\(EROFS\\))$`));
  });
});

describe('derive and nifti-to-rtstruct refuse a bad output path before loading the series', () => {
  it('derive: missing folder, unwritable folder, existing file without --force', async () => {
    const dir = tempDir('derive-out-');
    const rule = ['--rule', 'PTV = GTV_Mass_CT + 2mm'];
    const missing = await run(derive, RS, '--image', NO_SERIES, '--out', join(dir, 'no/such/RS.dcm'), ...rule);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`cannot write ${join(dir, 'no/such/RS.dcm')}: the folder ${join(dir, 'no/such')} does not exist`);
    const locked = unwritableFolder();
    const unwritable = await run(derive, RS, '--image', NO_SERIES, '--out', join(locked, 'RS.dcm'), ...rule);
    expect(unwritable.err).toMatch(new RegExp(`^cannot write ${join(locked, 'RS.dcm')}: the folder ${locked} is not writable`));
    const existing = join(dir, 'RS.dcm');
    writeFileSync(existing, 'keep me');
    const refused = await run(derive, RS, '--image', NO_SERIES, '--out', existing, ...rule);
    expect(refused.err).toBe(`${existing} already exists; pass --force to overwrite it`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    // A NIfTI name for the DICOM structure set, too.
    expect((await run(derive, RS, '--image', NO_SERIES, '--out', join(dir, 'PTV.nii.gz'), ...rule)).err).toBe(
      `${join(dir, 'PTV.nii.gz')}: the name says NIfTI, but this writes a DICOM RT Structure Set; name it …dcm`,
    );
    // A syntax error in a rule is also known before loading.
    const syntax = await run(derive, RS, '--image', NO_SERIES, '--out', join(dir, 'new.dcm'), '--rule', 'PTV = GTV_Mass_CT + 5');
    expect(syntax.err).toContain('a length needs a unit, mm or cm');
    const forced = await run(derive, RS, '--image', CT, '--out', existing, ...rule, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(existing).subarray(128, 132).toString('latin1')).toBe('DICM');
  });

  it('nifti-to-rtstruct: the same for --out and --seg', async () => {
    const dir = tempDir('n2r-out-');
    const masks = tempDir('n2r-masks-');
    expect((await run(rtstructToNifti, RS, '--image', CT, '--out', masks)).code).toBe(0);
    const args = ['--masks', masks, '--image', NO_SERIES];
    const missing = await run(niftiToRtstruct, ...args, '--out', join(dir, 'no/such/RS.dcm'));
    expect(missing.err).toBe(`cannot write ${join(dir, 'no/such/RS.dcm')}: the folder ${join(dir, 'no/such')} does not exist`);
    const locked = unwritableFolder();
    const unwritable = await run(niftiToRtstruct, ...args, '--out', join(locked, 'RS.dcm'));
    expect(unwritable.err).toMatch(new RegExp(`^cannot write ${join(locked, 'RS.dcm')}: the folder ${locked} is not writable`));
    const existing = join(dir, 'RS.dcm');
    writeFileSync(existing, 'keep me');
    expect((await run(niftiToRtstruct, ...args, '--out', existing)).err).toBe(`${existing} already exists; pass --force to overwrite it`);
    const seg = join(dir, 'SEG.dcm');
    writeFileSync(seg, 'keep me too');
    expect((await run(niftiToRtstruct, ...args, '--out', join(dir, 'new.dcm'), '--seg', seg)).err).toBe(`${seg} already exists; pass --force to overwrite it`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(readFileSync(seg, 'utf8')).toBe('keep me too');
    const forced = await run(niftiToRtstruct, '--masks', masks, '--image', CT, '--out', existing, '--seg', seg, '--force');
    expect(forced.code, forced.err).toBe(0);
    expect(readFileSync(existing).subarray(128, 132).toString('latin1')).toBe('DICM');
  });
});
