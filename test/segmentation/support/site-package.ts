import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { builtInModelRoot } from '../../../core/segmentation/model-registry.js';

/**
 * A shipped model package copied into a site folder as a clinic would install it: under `id`
 * (folder and manifest), with its licence file inside the package. Returns the folder and manifest.
 */
export function copyAsSitePackage(root: string, shippedId: string, id = shippedId): { folder: string; manifest: Record<string, unknown> } {
  const folder = join(root, id);
  const shipped = join(builtInModelRoot(), shippedId);
  cpSync(shipped, folder, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const licence = manifest['licence'] as Record<string, string>;
  const licenceFile = resolve(shipped, licence['file']!);
  cpSync(licenceFile, join(folder, basename(licenceFile)));
  const copied = { ...manifest, id, licence: { ...licence, file: basename(licenceFile) } };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(copied, null, 2));
  return { folder, manifest: copied };
}
