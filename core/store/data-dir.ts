import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { StoreError } from './store-error.js';

/** The database file name inside the data folder. */
export const STORE_FILE_NAME = 'delineate.sqlite';

/** Where the process runs; injectable so tests can check every platform's rule on any platform. */
export interface DataDirContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /**
   * The application's installation folder, when the shell knows it (Electron's app.getAppPath()).
   * A data folder inside it is refused: installers and updaters replace that folder wholesale, and
   * on Windows and macOS it is not writable by a normal user.
   */
  readonly installDir?: string;
}

export function currentDataDirContext(): DataDirContext {
  return { platform: process.platform, env: process.env, homeDir: homedir() };
}

/**
 * The per-user folder that holds the study database. Precedence: the explicit argument (a CLI flag),
 * then DELINEATE_DATA_DIR, then the platform's per-user application-data folder — the same folders
 * Electron's app.getPath('userData') family uses, so the CLI and the desktop app share one store.
 */
export function defaultDataDir(explicitDir?: string, context: DataDirContext = currentDataDirContext()): string {
  const dir = chooseDataDir(explicitDir, context);
  if (context.installDir !== undefined && isInside(dir, context.installDir, context.platform)) {
    throw new StoreError(dir, `the data folder must not be inside the installation folder ${context.installDir}`);
  }
  return dir;
}

/** The database file inside {@link defaultDataDir}. */
export function defaultStorePath(explicitDir?: string, context: DataDirContext = currentDataDirContext()): string {
  return pathApi(context.platform).join(defaultDataDir(explicitDir, context), STORE_FILE_NAME);
}

function chooseDataDir(explicitDir: string | undefined, context: DataDirContext): string {
  const path = pathApi(context.platform);
  // A flag given on the command line means "relative to where I typed it", so the cwd is right.
  if (explicitDir !== undefined && explicitDir !== '') return path.resolve(explicitDir);

  const fromEnv = context.env['DELINEATE_DATA_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') {
    // A relative value would resolve against the cwd, which for a launched app is often the
    // installation folder; refuse rather than guess.
    if (!path.isAbsolute(fromEnv)) {
      throw new StoreError(fromEnv, 'DELINEATE_DATA_DIR must be an absolute path');
    }
    return path.normalize(fromEnv);
  }

  switch (context.platform) {
    case 'win32': {
      const appData = context.env['APPDATA'];
      const roaming = appData !== undefined && appData !== '' ? appData : path.join(context.homeDir, 'AppData', 'Roaming');
      return path.join(roaming, 'Delineate');
    }
    case 'darwin':
      return path.join(context.homeDir, 'Library', 'Application Support', 'Delineate');
    default: {
      // XDG Base Directory spec: "If an implementation encounters a relative path in any of these
      // variables it should consider the path invalid and ignore it."
      const xdg = context.env['XDG_DATA_HOME'];
      const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(context.homeDir, '.local', 'share');
      return path.join(base, 'delineate');
    }
  }
}

function pathApi(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function isInside(child: string, parent: string, platform: NodeJS.Platform): boolean {
  const api = platform === 'win32' ? win32 : posix;
  // Windows paths compare case-insensitively; elsewhere resolve() is enough.
  const fold = (p: string): string => (platform === 'win32' ? api.resolve(p).toLowerCase() : api.resolve(p));
  const rel = api.relative(fold(parent), fold(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${api.sep}`) && !api.isAbsolute(rel));
}
