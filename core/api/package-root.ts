import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Delineate's package.json, found by walking up from this module, so that it
 * works from the TypeScript sources (core/api) and from the build (dist/core/api) alike.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let n = 0; n < 6; n++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'delineate') return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find Delineate's package.json above ${fileURLToPath(import.meta.url)}`);
}

export function packageVersion(root = packageRoot()): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : '0.0.0';
}

/** The sample study shipped in the repository (and, packaged, under resources/sample-study). */
export function repositorySampleStudy(root = packageRoot()): string | null {
  const dir = join(root, 'test/fixtures/mirp-sts');
  return existsSync(dir) ? dir : null;
}

/** The built renderer (vite output). */
export function rendererDist(root = packageRoot()): string {
  return join(root, 'renderer/dist');
}
