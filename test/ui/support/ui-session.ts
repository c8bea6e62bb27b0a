import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { Backend, BackendOptions } from '../../../core/api/backend.js';
import { createBackend } from '../../../core/api/backend.js';
import type { WebHost } from '../../../core/api/web-host.js';
import { startWebHost } from '../../../core/api/web-host.js';
import { REPO_ROOT, fixture } from '../../support/paths.js';

/** Screenshots of the UI tests, kept for a person to look at (and the first thing to read when a step failed). */
export const ARTEFACTS = join(REPO_ROOT, 'test-results/ui');

/**
 * Chromium as measured on the project machines: headless (headful sometimes renders WebGL black
 * under Xvfb), SwiftShader WebGL2 with no extra flags, nothing that phones home.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CHROMIUM = process.env['DELINEATE_CHROMIUM'] ?? '/usr/bin/chromium';

/** Build the renderer from the current sources into a private folder (no race with other builds). */
export async function buildRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'delineate-renderer-'));
  await build({ configFile: join(REPO_ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface UiSession {
  readonly backend: Backend;
  readonly host: WebHost;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly dataDir: string;
  /** Console errors and CSP violations the page reported. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function startUiSession(staticDir: string, backendOptions: Partial<BackendOptions> = {}, viewport = { width: 1400, height: 900 }): Promise<UiSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'delineate-ui-data-'));
  const profile = mkdtempSync(join(tmpdir(), 'delineate-chromium-'));
  // The folder the tests export to: the backend creates no folder but its own default export folder.
  mkdirSync(join(dataDir, 'export'));
  const backend = createBackend({ shell: 'web', dataDir, ...backendOptions });
  const host = await startWebHost({ backend, staticDir });
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
  return {
    backend,
    host,
    context,
    page,
    dataDir,
    pageErrors,
    async close() {
      await context.close();
      await host.close();
      backend.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many frames a view has drawn (SliceView and VolumeView3D count them in data-frames). */
export async function framesOf(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute('data-frames')) ?? 0);
}

/**
 * One session per test file on a fresh data folder with the sample study offered: opened before the
 * file's tests (handed to `use`) and closed after them, keeping a screenshot of the whole window.
 */
export function sampleStudySession(windowScreenshot: string, use: (session: UiSession) => void): void {
  let session: UiSession | undefined;
  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    session = await startUiSession(await buildRenderer(), { sampleStudyDir: fixture('mirp-sts') });
    use(session);
  });
  afterAll(async () => {
    await session?.page.screenshot({ path: join(ARTEFACTS, windowScreenshot) });
    if (session?.pageErrors.length) console.log('page errors:', session.pageErrors);
    await session?.close();
  });
}
