import { parseArgs, single } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { CliError } from '../command.js';
import { createBackend } from '../../core/api/backend.js';
import { rendererDist } from '../../core/api/package-root.js';
import { startWebHost } from '../../core/api/web-host.js';

export interface ServeSettings {
  readonly port: number;
  readonly dataDir: string | undefined;
  /** The built renderer; default renderer/dist of this installation (tests pass their own build). */
  readonly staticDir?: string;
  /** Default: the repository's sample study when present (tests pass their own). */
  readonly sampleStudyDir?: string | null;
}

export function serveSettings(args: readonly string[]): ServeSettings {
  const parsed = parseArgs(args, ['port', 'data']);
  if (parsed.positional.length > 0) throw new CliError(`unexpected argument '${parsed.positional[0]}'`);
  const portText = single(parsed, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, got '${portText}'`);
  return { port, dataDir: single(parsed, 'data') };
}

/**
 * Serve the UI and the API on the loopback interface until SIGINT or SIGTERM. Prints exactly one
 * line, the address with its token, so scripts and tests can read it.
 */
export async function serveUntilStopped(settings: ServeSettings, io: CliIo, stopSignal?: AbortSignal): Promise<number> {
  const backend = createBackend({
    shell: 'web',
    ...(settings.dataDir !== undefined ? { dataDir: settings.dataDir } : {}),
    ...(settings.sampleStudyDir !== undefined ? { sampleStudyDir: settings.sampleStudyDir } : {}),
  });
  let host;
  try {
    host = await startWebHost({ backend, staticDir: settings.staticDir ?? rendererDist(), port: settings.port });
  } catch (error) {
    backend.close();
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  io.out(`Delineate is serving at ${host.url}`);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopSignal?.removeEventListener('abort', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    stopSignal?.addEventListener('abort', stop, { once: true });
  });
  await host.close();
  backend.close();
  return 0;
}

export const command: Command = {
  name: 'serve',
  summary: 'Serve the Delineate UI on this computer only (127.0.0.1, with a one-time token) for a browser.',
  usage: 'delineate serve [--port N] [--data DIR]',
  run: (args, io) => serveUntilStopped(serveSettings(args), io),
};
