import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The product version from package.json, for commissioning records and the provenance written
 * into every DICOM object (Software Versions). Works from the sources and from dist/.
 */
export function productVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'delineate' && pkg.version) return (cached = pkg.version);
    } catch {
      // not at the package root yet
    }
    dir = dirname(dir);
  }
  return (cached = 'unknown');
}
