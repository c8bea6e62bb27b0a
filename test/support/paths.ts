import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(REPO_ROOT, 'test/fixtures');

/** The shared real-data folder beside the checkout (`../shared/datasets`), or DELINEATE_DATASETS. */
export const DATASETS = process.env['DELINEATE_DATASETS'] ?? resolve(REPO_ROOT, '../shared/datasets');

/**
 * Path inside a shared dataset. External-oracle suites call this at collection time, so a missing
 * dataset fails the run loudly instead of skipping it.
 */
export function sharedDataset(...parts: string[]): string {
  const path = join(DATASETS, ...parts);
  if (!existsSync(path)) {
    throw new Error(`external-oracle data missing: ${path} (the suites need ../shared/datasets beside the checkout)`);
  }
  return path;
}

export function fixture(...parts: string[]): string {
  const path = join(FIXTURES, ...parts);
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path}`);
  return path;
}

export function tempDir(prefix = 'delineate-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
