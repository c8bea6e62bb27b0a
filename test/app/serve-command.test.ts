import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveSettings, serveUntilStopped } from '../../cli/commands/serve.js';
import { findElectronBinary, startApp } from '../../cli/commands/start.js';

const staticDir = mkdtempSync(join(tmpdir(), 'delineate-serve-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Delineate</title>');
const dataDir = mkdtempSync(join(tmpdir(), 'delineate-serve-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Run a serving command until its one URL line appears; fetch the page; stop it. */
async function serveOnce(run: (signal: AbortSignal, out: (line: string) => void) => Promise<number>): Promise<{ lines: string[]; status: number; unauthorised: number; exit: number }> {
  const lines: string[] = [];
  const stop = new AbortController();
  let announce: (url: string) => void = () => {};
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const done = run(stop.signal, (line) => {
    lines.push(line);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1];
    if (url) announce(url);
  });
  const url = await announced;
  const status = (await fetch(url)).status;
  const unauthorised = (await fetch(url.replace(/\?token=.*/, ''))).status;
  stop.abort();
  return { lines, status, unauthorised, exit: await done };
}

describe('delineate serve / start (cli/commands)', () => {
  it('parses --port and --data and refuses a bad port', () => {
    expect(serveSettings(['--port', '8123', '--data', '/tmp/d'])).toEqual({ port: 8123, dataDir: '/tmp/d' });
    expect(serveSettings([])).toEqual({ port: 0, dataDir: undefined });
    expect(() => serveSettings(['--port', '70000'])).toThrow(/port/);
    expect(() => serveSettings(['extra'])).toThrow(/unexpected/);
  });

  it('serve prints exactly one line, the loopback URL with its token, and serves the UI there', async () => {
    const r = await serveOnce((signal, out) => serveUntilStopped({ port: 0, dataDir, staticDir, sampleStudyDir: null }, { out, err: out }, signal));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^Delineate is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(r.status).toBe(200);
    expect(r.unauthorised).toBe(401);
    expect(r.exit).toBe(0);
  });

  it('start without the Electron binary says so in one line and serves the same UI', async () => {
    const r = await serveOnce((signal, out) => startApp({ port: 0, dataDir, staticDir, sampleStudyDir: null }, { out, err: out }, { missing: 'no binary was downloaded' }, signal));
    expect(r.lines[0]).toBe('The Electron binary is missing (no binary was downloaded); serving the same UI for a browser instead.');
    expect(r.lines[1]).toMatch(/^Delineate is serving at http:\/\/127\.0\.0\.1:/);
    expect(r.status).toBe(200);
  });

  it('finds no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)', () => {
    // Documents the environment the fallback exists for; where the binary is installed this reports its path.
    const found = findElectronBinary();
    expect('missing' in found ? found.missing : found.path).toBeTruthy();
  });
});
