import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { SkippedFile } from './scan-types.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Every regular file below `root`, depth first in name order so reports are stable.
 * Unreadable folders are reported, not fatal. A symbolic link to a folder is followed only when
 * it stays inside the scanned folder and leads somewhere not yet scanned (no loops, and a link
 * such as `up -> ..` never pulls in the rest of the disk); others are reported.
 */
export function* walkFiles(root: string, skipped: SkippedFile[]): Generator<string> {
  const visited = new Set<string>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries;
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dir, reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(path);
      else if (entry.isFile()) yield path;
      else if (entry.isSymbolicLink()) {
        let target: string;
        let isDir: boolean;
        try {
          target = realpathSync(path);
          isDir = statSync(target).isDirectory();
        } catch {
          skipped.push({ path, reason: 'broken symbolic link' });
          continue;
        }
        if (!isDir) yield path;
        else if (!inside(realRoot, target)) skipped.push({ path, reason: `symbolic link to ${target}, outside the scanned folder: not followed` });
        else if (visited.has(target) || inside(target, realpathSync(dir))) skipped.push({ path, reason: `symbolic link loop to ${target}: already scanned` });
        else subdirs.push(path);
      }
    }
    for (let n = subdirs.length - 1; n >= 0; n--) stack.push(subdirs[n] as string);
  }
}
