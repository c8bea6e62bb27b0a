import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './command.js';
import { errnoText } from './output-path.js';

/** What a mask folder writer leaves: `roi-<number>.nii.gz` per structure and `index.json`. */
const OWN_FILE = /^(index\.json|roi-\d+\.nii\.gz)$/;

/**
 * Refuse a folder of masks that cannot be written, before any heavy work. A folder that does not
 * exist is created when written. An existing folder with anything in it is written into only with
 * `--force`: masks from an earlier run left beside new ones (a structure the new run lacks, say)
 * would read as part of the new result.
 */
export function checkMaskFolder(outDir: string, overwrite: boolean): void {
  let entries: string[];
  try {
    if (!statSync(outDir).isDirectory()) throw new CliError(`${outDir}: exists and is not a folder; --out names the folder the masks go in`);
    entries = readdirSync(outDir);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CliError(`${outDir}: cannot be read (${errnoText(error)})`);
  }
  if (entries.length === 0 || overwrite) return;
  const own = entries.filter((name) => OWN_FILE.test(name)).length;
  throw new CliError(
    own > 0
      ? `${outDir}: already holds masks (${own} file(s): index.json, roi-<n>.nii.gz); pass --force to replace them`
      : `${outDir}: is not empty (${entries.length} entries); pass --force to write the masks there (other files are left as they are)`,
  );
}

/**
 * Remove the masks and index.json an earlier run left in `outDir` (the user passed --force), so
 * the folder afterwards holds this run's masks only; other files stay. Says how many went.
 */
export function clearEarlierMasks(outDir: string, say: (line: string) => void): void {
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return;
  }
  const own = entries.filter((name) => OWN_FILE.test(name));
  for (const name of own) rmSync(join(outDir, name), { force: true });
  if (own.length > 0) say(`replacing the ${own.length} mask file(s) of an earlier run in ${outDir}`);
}
