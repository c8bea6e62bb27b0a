import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './command.js';

export interface OutputFileCheck {
  /** Whether an existing file may be replaced (the command's --force); else it is an error. */
  readonly overwrite: boolean;
  /** The flag named in the "already exists" message. */
  readonly flag?: string;
}

/**
 * Refuse an output file that cannot be written, before the command spends seconds or minutes
 * loading a series, rasterising or running a model only to fail at the end: a missing folder, a
 * folder that is not writable, a path that is a folder, an existing file without `overwrite`.
 * One line naming the path. Writability is tried, not inferred from permission bits (which do
 * not bind root, and say nothing of a read-only mount): an empty probe file is created beside the
 * output and removed at once.
 */
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

/** Refuse a NIfTI-looking name for a DICOM object (a structure set saved as `x.nii` is lost to every tool that opens it). */
export function checkDicomOutputName(path: string, what: string): void {
  if (/\.nii(\.gz)?$/i.test(path)) throw new CliError(`${path}: the name says NIfTI, but this writes a DICOM ${what}; name it …dcm`);
}

export function checkOutputFile(path: string, options: OutputFileCheck): void {
  const full = resolve(path);
  const dir = dirname(full);
  let dirIsFolder: boolean;
  try {
    dirIsFolder = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`cannot write ${path}: the folder ${dir} does not exist`);
  }
  if (!dirIsFolder) throw new CliError(`cannot write ${path}: ${dir} is not a folder`);
  const existing = statSync(full, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new CliError(`cannot write ${path}: it is a folder`);
  if (existing && !options.overwrite) throw new CliError(`${path} already exists; pass ${options.flag ?? '--force'} to overwrite it`);
  const probe = join(dir, `.${basename(full)}.${process.pid}.delineate-probe`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    throw new CliError(`cannot write ${path}: the folder ${dir} is not writable: ${errnoText(error)}`);
  }
  if (existing) {
    try {
      // Opened for writing without truncating: a read-only file fails here, its content untouched.
      closeSync(openSync(full, 'r+'));
    } catch (error) {
      throw new CliError(`cannot write ${path}: the file is not writable: ${errnoText(error)}`);
    }
  }
}
