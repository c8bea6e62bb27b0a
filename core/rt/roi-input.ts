import type { RoiGenerationAlgorithm, Rgb } from './rt-types.js';

/** One structure to export: a mask on the image grid plus what the Structure Set says about it. */
export interface RoiInput {
  /** ROI Number (3006,0022): unique in the structure set and stable across exports (caller's choice). */
  readonly number: number;
  readonly name: string;
  /** 0/1 per voxel on the volume grid, i fastest (any value other than 1 counts as outside). */
  readonly mask: Uint8Array;
  /** ROI Display Color; a default from the palette when absent. */
  readonly color?: Rgb;
  /** RT ROI Interpreted Type (3006,00A4), e.g. 'ORGAN', 'PTV'; empty when unknown. */
  readonly interpretedType?: string;
  readonly interpreter?: string;
  /** ROI Generation Algorithm (3006,0036); AUTOMATIC for model output, MANUAL for drawn. */
  /** '' writes the attribute empty (type 2): how the ROI was made is not known. */
  readonly generationAlgorithm?: RoiGenerationAlgorithm | '';
  /** ROI Generation Description (3006,0038), e.g. the model name and version. */
  readonly generationDescription?: string;
  readonly description?: string;
}

/** LO allows 64 characters and no backslash (the value delimiter) or control characters (PS3.5 6.2). */
export const LO_MAX_CHARS = 64;

/** A name as it can be written in LO, and whether that changed it. */
export function loValue(name: string): { value: string; changed: boolean } {
  const cleaned = name.replace(/\\/g, '/').replace(/[\x00-\x1f\x7f]/g, ' ').trim();
  const value = [...cleaned].slice(0, LO_MAX_CHARS).join('');
  return { value, changed: value !== name };
}
