import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Make sure `path` can be written, before any work is done: its folder is created when missing
 * (as the export folder is), and a folder in the way or a read-only place is refused naming it.
 */
export function assertWritableFile(path: string): void {
  const folder = dirname(resolve(path));
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new Error(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? `${folder} is not writable` : String(error)}`, { cause: error });
  }
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`cannot write ${path}: it is a folder`);
}
