import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
};

/** A file-system error in words, with its code for searching: "permission denied (EACCES)". */
export function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return ERRNO_TEXT[code] ? `${ERRNO_TEXT[code]} (${code})` : code;
}

/** An output path that cannot be written, in one line naming it. */
export class OutputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFileError';
  }
}

/** The output file is already there and the caller did not say it may be replaced. */
export class FileExistsError extends Error {
  constructor(readonly path: string, hint: string | undefined) {
    super(`${path} already exists${hint ? `; ${hint}` : ''}`);
    this.name = 'FileExistsError';
  }
}

export interface OutputFileCheck {
  /** Whether an existing file may be replaced; otherwise FileExistsError. */
  readonly overwrite: boolean;
  /** What to do about an existing file, appended to its message ("pass --force to overwrite it"). */
  readonly existsHint?: string;
  /** Refuse a relative path (a window's path would be resolved against wherever the application started). */
  readonly requireAbsolute?: boolean;
  /** A folder that is created when missing (the application's own export folder); any other missing folder is refused. */
  readonly createFolder?: string;
}

/**
 * Refuse an output file that cannot be written, before seconds or minutes are spent computing
 * what goes in it: an empty or relative path where a full one is needed, a missing folder (a
 * typing slip must not create folders), a folder in the way, an existing file unless it may be
 * replaced, a place that is not writable. Writability is tried, not inferred from permission bits
 * (which do not bind root, and say nothing of a read-only mount): an empty probe file is created
 * beside the output and removed at once. Returns the resolved path.
 */
export function checkOutputFile(path: string, options: OutputFileCheck): string {
  if (path.trim() === '') throw new OutputFileError('give the path of the file to write');
  if (options.requireAbsolute && !isAbsolute(path)) {
    throw new OutputFileError(`cannot write ${path}: give the full path of the file, from the top of the disk (e.g. ${join(options.createFolder ?? '/home', basename(path))})`);
  }
  const full = resolve(path);
  const dir = dirname(full);
  if (options.createFolder !== undefined && resolve(options.createFolder) === dir) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new OutputFileError(`cannot write ${path}: the folder ${dir} cannot be created: ${errnoText(error)}`);
    }
  }
  let dirIsFolder: boolean;
  try {
    dirIsFolder = statSync(dir).isDirectory();
  } catch {
    throw new OutputFileError(`cannot write ${path}: the folder ${dir} does not exist`);
  }
  if (!dirIsFolder) throw new OutputFileError(`cannot write ${path}: ${dir} is not a folder`);
  const existing = statSync(full, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new OutputFileError(`cannot write ${path}: it is a folder`);
  if (existing && !options.overwrite) throw new FileExistsError(path, options.existsHint);
  const probe = join(dir, `.${basename(full)}.${process.pid}.delineate-probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    throw new OutputFileError(`cannot write ${path}: the folder ${dir} is not writable: ${errnoText(error)}`);
  }
  if (existing) {
    try {
      // Opened for writing without truncating: a read-only file fails here, its content untouched.
      closeSync(openSync(full, 'r+'));
    } catch (error) {
      throw new OutputFileError(`cannot write ${path}: the file is not writable: ${errnoText(error)}`);
    }
  }
  return full;
}
