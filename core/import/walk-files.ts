import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SkippedFile } from './scan-types.js';

/**
 * Every regular file below `root`, depth first in name order so reports are stable.
 * Unreadable folders are reported, not fatal; symbolic-link loops are visited once.
 */
export function* walkFiles(root: string, skipped: SkippedFile[]): Generator<string> {
  const visited = new Set<string>();
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let real: string;
    let entries;
    try {
      real = realpathSync(dir);
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
        try {
          const st = statSync(path);
          if (st.isDirectory()) subdirs.push(path);
          else if (st.isFile()) yield path;
        } catch {
          skipped.push({ path, reason: 'broken symbolic link' });
        }
      }
    }
    for (let n = subdirs.length - 1; n >= 0; n--) stack.push(subdirs[n] as string);
  }
}
