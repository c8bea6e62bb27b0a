import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { CliIo, Command } from '../command.js';
import { packageRoot } from '../../core/api/package-root.js';
import type { ServeSettings } from './serve.js';
import { serveSettings, serveUntilStopped } from './serve.js';

/**
 * The Electron executable, or why there is none. The electron package records the binary's path
 * in path.txt once its postinstall has downloaded it; an install with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 (offline machines, CI) has neither.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('electron/package.json');
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const dir = dirname(packageJson);
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (relative === undefined && override === undefined) return { missing: `no binary was downloaded (${pathFile} is absent)` };
  const binary = override !== undefined ? join(override, relative ?? 'electron') : join(dir, 'dist', relative!);
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

/**
 * Launch the desktop app; without its binary, say so in one line and serve the same UI instead.
 * `electron` is injectable so the fallback can be tested on a machine that has the binary.
 */
export async function startApp(settings: ServeSettings, io: CliIo, electron = findElectronBinary(), stopSignal?: AbortSignal): Promise<number> {
  if ('missing' in electron) {
    io.out(`The Electron binary is missing (${electron.missing}); serving the same UI for a browser instead.`);
    return serveUntilStopped(settings, io, stopSignal);
  }
  // The app reads DELINEATE_DATA_DIR, which must be absolute (see core/store/data-dir.ts).
  const env = { ...process.env, ...(settings.dataDir !== undefined ? { DELINEATE_DATA_DIR: resolve(settings.dataDir) } : {}) };
  const child = spawn(electron.path, [packageRoot()], { stdio: 'inherit', env });
  return new Promise<number>((resolveExit, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolveExit(code ?? 1));
  });
}

export const command: Command = {
  name: 'start',
  summary: 'Open the Delineate desktop application (or, without the Electron binary, serve the same UI for a browser).',
  usage: 'delineate start [--port N] [--data DIR]',
  run: (args, io) => startApp(serveSettings(args), io),
};
