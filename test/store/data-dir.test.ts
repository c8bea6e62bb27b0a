import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultStorePath, type DataDirContext, StoreError } from '../../core/store/index.js';

const linux = (env: Record<string, string> = {}): DataDirContext => ({ platform: 'linux', env, homeDir: '/home/ana' });

describe('defaultDataDir', () => {
  it('uses ~/.local/share/delineate on Linux without XDG_DATA_HOME', () => {
    expect(defaultDataDir(undefined, linux())).toBe('/home/ana/.local/share/delineate');
  });

  it('honours an absolute XDG_DATA_HOME and ignores a relative one, as the XDG spec requires', () => {
    expect(defaultDataDir(undefined, linux({ XDG_DATA_HOME: '/srv/xdg' }))).toBe('/srv/xdg/delineate');
    expect(defaultDataDir(undefined, linux({ XDG_DATA_HOME: 'relative/xdg' }))).toBe('/home/ana/.local/share/delineate');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir(undefined, { platform: 'darwin', env: {}, homeDir: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Delineate');
    expect(defaultDataDir(undefined, { platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, homeDir: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Delineate',
    );
    expect(defaultDataDir(undefined, { platform: 'win32', env: {}, homeDir: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Delineate');
  });

  it('prefers DELINEATE_DATA_DIR over the platform folder, and the explicit argument over both', () => {
    const context = linux({ DELINEATE_DATA_DIR: '/mnt/studies', XDG_DATA_HOME: '/srv/xdg' });
    expect(defaultDataDir(undefined, context)).toBe('/mnt/studies');
    expect(defaultDataDir('/opt/explicit', context)).toBe('/opt/explicit');
    expect(defaultStorePath(undefined, context)).toBe('/mnt/studies/delineate.sqlite');
  });

  it('refuses a relative DELINEATE_DATA_DIR', () => {
    expect(() => defaultDataDir(undefined, linux({ DELINEATE_DATA_DIR: 'data' }))).toThrow(/DELINEATE_DATA_DIR must be an absolute path/);
  });

  it('refuses a data folder inside the installation folder', () => {
    const context: DataDirContext = { ...linux({ DELINEATE_DATA_DIR: '/opt/Delineate/resources/data' }), installDir: '/opt/Delineate' };
    expect(() => defaultDataDir(undefined, context)).toThrow(StoreError);
    expect(() => defaultDataDir(undefined, context)).toThrow(/inside the installation folder \/opt\/Delineate/);
    // A sibling whose name merely starts the same is not inside.
    expect(defaultDataDir('/opt/Delineate-data', context)).toBe('/opt/Delineate-data');
    const windows: DataDirContext = { platform: 'win32', env: { APPDATA: 'C:\\Program Files\\delineate\\data' }, homeDir: 'C:\\Users\\ana', installDir: 'C:\\Program Files\\Delineate' };
    expect(() => defaultDataDir(undefined, windows)).toThrow(/inside the installation folder/);
  });

  it('reads the real environment when no context is given', () => {
    const saved = process.env['DELINEATE_DATA_DIR'];
    process.env['DELINEATE_DATA_DIR'] = '/tmp/delineate-env-check';
    try {
      expect(defaultDataDir()).toBe('/tmp/delineate-env-check');
    } finally {
      if (saved === undefined) delete process.env['DELINEATE_DATA_DIR'];
      else process.env['DELINEATE_DATA_DIR'] = saved;
    }
  });
});
