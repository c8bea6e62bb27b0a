import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFile } from '../../core/files/output-file.js';
import { tempDir } from '../support/paths.js';

describe('checkOutputFile (core/files/output-file.ts)', () => {
  it('creates the application\'s own export folder when missing, and no other', () => {
    const home = tempDir('exports-');
    const own = join(home, 'Delineate exports');
    const options = { overwrite: false, requireAbsolute: true, createFolder: own };
    expect(checkOutputFile(join(own, 'RS.dcm'), options)).toBe(join(own, 'RS.dcm'));
    expect(statSync(own).isDirectory()).toBe(true);
    expect(readdirSync(own)).toEqual([]);
    // A sub-folder of it, or a folder next to it, is a choice the user makes in the file browser.
    expect(() => checkOutputFile(join(own, 'new', 'RS.dcm'), options)).toThrow(`the folder ${join(own, 'new')} does not exist`);
    expect(() => checkOutputFile(join(home, 'other', 'RS.dcm'), options)).toThrow(`the folder ${join(home, 'other')} does not exist`);
    expect(readdirSync(home)).toEqual(['Delineate exports']);
  });

  it('accepts a relative path only where it was not asked to refuse one', () => {
    expect(() => checkOutputFile('RS.dcm', { overwrite: false, requireAbsolute: true })).toThrow(/give the full path/);
    const dir = tempDir('relative-');
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(checkOutputFile('RS.dcm', { overwrite: false })).toBe(join(dir, 'RS.dcm'));
    } finally {
      process.chdir(cwd);
    }
  });
});
