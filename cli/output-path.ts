import { checkOutputFile as checkFile, errnoText } from '../core/files/output-file.js';
import { CliError } from './command.js';

export { errnoText };

export interface OutputFileCheck {
  /** Whether an existing file may be replaced (the command's --force); else it is an error. */
  readonly overwrite: boolean;
  /** The flag named in the "already exists" message. */
  readonly flag?: string;
}

/** Refuse a NIfTI-looking name for a DICOM object (a structure set saved as `x.nii` is lost to every tool that opens it). */
export function checkDicomOutputName(path: string, what: string): void {
  if (/\.nii(\.gz)?$/i.test(path)) throw new CliError(`${path}: the name says NIfTI, but this writes a DICOM ${what}; name it …dcm`);
}

/**
 * Refuse an output file that cannot be written (core/files/output-file.ts), before the command
 * spends seconds or minutes loading a series, rasterising or running a model only to fail at the
 * end. A relative path is resolved against the current folder, as a shell user expects.
 */
export function checkOutputFile(path: string, options: OutputFileCheck): void {
  try {
    checkFile(path, { overwrite: options.overwrite, existsHint: `pass ${options.flag ?? '--force'} to overwrite it` });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
