import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Backend } from '../core/api/backend.js';
import { createBackend } from '../core/api/backend.js';
import { packageRoot, rendererDist } from '../core/api/package-root.js';
import type { WebHost } from '../core/api/web-host.js';
import { startWebHost } from '../core/api/web-host.js';
import { makeCtSeries } from './make-ct-series.js';

export interface BenchBrowser {
  /** A 512×512 CT series folder built from the real mirp-sts slices (cached in the temp folder). */
  readonly series: string;
  readonly backend: Backend;
  readonly host: WebHost;
  readonly context: BrowserContext;
  /** Close the browser, the host and the backend, and delete the data and profile folders. */
  close(): Promise<void>;
}

/**
 * The renderer in headless Chromium against the real backend on the loopback web host, as in the
 * UI tests (SwiftShader WebGL2, nothing that phones home), with a 512×512×`slices` CT to open.
 */
export async function openBenchBrowser(name: string, slices: number, viewport: { width: number; height: number }): Promise<BenchBrowser> {
  const repo = packageRoot();
  const series = join(tmpdir(), `delineate-bench-ct512x${slices}`);
  if (!existsSync(series) || readdirSync(series).length !== slices) {
    makeCtSeries(join(repo, 'test/fixtures/mirp-sts/STS_002/CT/dicom/image'), series, 512, slices);
  }
  const staticDir = process.env['DELINEATE_RENDERER_DIST'] ?? rendererDist(repo);
  const dataDir = mkdtempSync(join(tmpdir(), `delineate-bench-${name}-data-`));
  const profile = mkdtempSync(join(tmpdir(), 'delineate-bench-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const backend = createBackend({ shell: 'web', dataDir, sampleStudyDir: null });
  const host = await startWebHost({ backend, staticDir });
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env['DELINEATE_CHROMIUM'] ?? '/usr/bin/chromium', headless: true, args, viewport });
  return {
    series,
    backend,
    host,
    context,
    close: async () => {
      await context.close();
      await host.close();
      backend.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
