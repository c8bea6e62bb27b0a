import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Environment variable naming more site model folders (e.g. a department share), `path.delimiter`-separated. */
export const SITE_MODELS_ENV = 'DELINEATE_SITE_MODELS';

/**
 * The folders a clinic installs its own models into, outside the installation so an update never
 * touches them: `models` in the per-user data folder (created when missing, so it is there to be
 * found), then each folder in DELINEATE_SITE_MODELS. A named folder that does not exist is kept, and
 * the model listing reports it rather than hiding the mistake.
 */
export function siteModelDirs(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const own = join(dataDir, 'models');
  const named = (env[SITE_MODELS_ENV] ?? '').split(delimiter).map((p) => p.trim()).filter((p) => p !== '').map((p) => resolve(p));
  const others = named.filter((p) => p !== own);
  try {
    mkdirSync(own, { recursive: true });
  } catch {
    // A read-only data folder has no site models of its own; it is not an error to report.
    if (!existsSync(own)) return others;
  }
  return [own, ...others];
}
