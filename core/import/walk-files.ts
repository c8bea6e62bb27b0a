import type { Dirent, Stats } from 'node:fs';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { SkippedFile } from './scan-types.js';
import { systemFileSystemOf } from './system-file-system.js';

/** What a directory entry that is neither a file, a folder nor a link is, in words. */
function specialKind(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return 'a named pipe';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Every regular file below `root`, depth first in name order so reports are stable.
 * Unreadable folders are reported, not fatal. A symbolic link to a folder is followed only when
 * it stays inside the scanned folder and leads somewhere not yet scanned (no loops, and a link
 * such as `up -> ..` never pulls in the rest of the disk); others are reported. Pipes, sockets and
 * devices are reported, never opened (reading one can block for ever), and folders on
 * operating-system file systems such as /proc are not entered.
 */
export function* walkFiles(root: string, skipped: SkippedFile[]): Generator<string> {
  const visited = new Set<string>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  let rootDevice: number | undefined;
  try {
    rootDevice = statSync(realRoot).dev;
  } catch {
    rootDevice = undefined;
  }
  const stack: string[] = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries;
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      if (statSync(real).dev !== rootDevice) {
        const system = systemFileSystemOf(real);
        if (system) {
          skipped.push({ path: dir, reason: `operating-system folder (${system} file system), not patient data: not scanned` });
          continue;
        }
      }
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
        let stats;
        try {
          target = realpathSync(path);
          stats = statSync(target);
        } catch {
          skipped.push({ path, reason: 'broken symbolic link' });
          continue;
        }
        const isDir = stats.isDirectory();
        if (stats.isFile()) yield path;
        else if (!isDir) skipped.push({ path, reason: `symbolic link to ${target}, ${specialKind(stats)}: not read` });
        else if (!inside(realRoot, target)) skipped.push({ path, reason: `symbolic link to ${target}, outside the scanned folder: not followed` });
        else if (visited.has(target) || inside(target, realpathSync(dir))) skipped.push({ path, reason: `symbolic link loop to ${target}: already scanned` });
        else subdirs.push(path);
      } else skipped.push({ path, reason: `${specialKind(entry)}, not a file: not read` });
    }
    for (let n = subdirs.length - 1; n >= 0; n--) stack.push(subdirs[n] as string);
  }
}
