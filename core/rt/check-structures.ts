import type { SliceGrid } from '../contours/slice-grid.js';
import { column } from '../geometry/mat4.js';
import { cross, dot } from '../geometry/vec3.js';
import { maskStats, sliceGaps } from './mask-stats.js';
import type { RoiInput } from './roi-input.js';
import { LO_MAX_CHARS } from './roi-input.js';
import { nameKey } from './roi-name.js';
import { RT_ROI_INTERPRETED_TYPES } from './rt-types.js';

export type IssueSeverity = 'error' | 'warning' | 'info';

/** One finding: `error` = a planning system would reject or mis-file it; `warning` = a reviewer should look. */
export interface StructureIssue {
  readonly severity: IssueSeverity;
  /** ROI Number the finding is about, or null for the structure set as a whole. */
  readonly roi: number | null;
  readonly message: string;
}

export interface CheckOptions {
  /** Structures with fewer voxels than this are flagged as tiny (default 10). */
  readonly minVoxels?: number;
  /**
   * The Specific Character Set the file will declare. Delineate's writer declares ISO_IR 192 for
   * any non-ASCII text; pass undefined to check for a writer that declares none.
   */
  readonly specificCharacterSet?: string;
}

/**
 * Names longer than this are cut by some planning systems: Varian Eclipse structure IDs hold 16
 * characters. DICOM itself allows 64 (LO).
 */
const TPS_NAME_CHARS = 16;

/** List what a planning system would reject, or a reviewer should see, before a structure set is written. */
export function checkStructures(rois: readonly RoiInput[], grid: SliceGrid, options: CheckOptions = {}): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const add = (severity: IssueSeverity, roi: number | null, message: string) => issues.push({ severity, roi, message });
  const minVoxels = options.minVoxels ?? 10;
  const [nx, ny, nz] = grid.dims;
  const voxelMl = Math.abs(dot(column(grid.ijkToLps, 2), cross(column(grid.ijkToLps, 0), column(grid.ijkToLps, 1)))) / 1000;
  const numbers = new Map<number, number>();
  const names = new Map<string, number[]>();
  let externals = 0;
  for (const roi of rois) {
    const n = roi.number;
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) add('error', n, `ROI number ${n} is not a positive integer (IS, PS3.5 6.2)`);
    numbers.set(n, (numbers.get(n) ?? 0) + 1);
    checkName(roi, options.specificCharacterSet, add);
    const key = nameKey(roi.name.trim());
    names.set(key, [...(names.get(key) ?? []), n]);
    const type = roi.interpretedType ?? '';
    if (type === '') add('info', n, `'${roi.name}' has no RT ROI Interpreted Type; planning systems will treat it as a generic organ`);
    else if (!(RT_ROI_INTERPRETED_TYPES as readonly string[]).includes(type)) add('warning', n, `'${roi.name}': '${type}' is not an RT ROI Interpreted Type defined term (PS3.3 C.8.8.8.1)`);
    if (type === 'EXTERNAL') externals++;
    if (!roi.color) add('info', n, `'${roi.name}' has no colour; a default colour will be written`);
    if (roi.mask.length !== nx * ny * nz) {
      add('error', n, `'${roi.name}' mask has ${roi.mask.length} voxels, the image ${nx * ny * nz}`);
      continue;
    }
    const stats = maskStats(roi.mask, grid);
    if (stats.voxels === 0) {
      add('warning', n, `'${roi.name}' is empty: it will be written without contours`);
      continue;
    }
    if (stats.voxels < minVoxels) {
      add('warning', n, `'${roi.name}' is tiny: ${stats.voxels} voxel(s), ${(stats.voxels * voxelMl).toFixed(3)} mL (under ${minVoxels} voxels)`);
    }
    const gaps = sliceGaps(stats.slices);
    if (gaps.length > 0) {
      const list = gaps.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
      add('warning', n, `'${roi.name}' is missing on slice(s) ${list} between its first and last slice`);
    }
    if (stats.touchesInPlaneEdge) add('warning', n, `'${roi.name}' touches the edge of the image: it may be cut off by the field of view`);
    else if (stats.touchesEndSlice && type !== 'EXTERNAL') add('info', n, `'${roi.name}' reaches the first or last slice: it may continue beyond the scan`);
  }
  for (const [n, count] of numbers) if (count > 1) add('error', n, `ROI number ${n} is used by ${count} ROIs; numbers must be unique`);
  for (const [, list] of names) {
    if (list.length > 1) {
      const spelled = [...new Set(list.map((n) => rois.find((r) => r.number === n)?.name.trim() ?? ''))];
      const sameLetters = new Set(spelled.map((name) => name.toUpperCase())).size === 1;
      add('error', list[0] ?? null, sameLetters
        ? `${list.length} ROIs are named '${spelled[0] ?? ''}' (ROI numbers ${list.join(', ')}); planning systems match structures by name, ignoring case`
        : `${list.length} ROIs have names that read the same (${spelled.map((name) => `'${name}'`).join(', ')}; ROI numbers ${list.join(', ')}): they differ only in look-alike letters of another script or compatibility forms, which a reader cannot tell apart`);
    }
  }
  if (externals > 1) add('warning', null, `${externals} ROIs are of type EXTERNAL; planning systems expect one body outline`);
  return issues;
}

function checkName(roi: RoiInput, charset: string | undefined, add: (s: IssueSeverity, roi: number | null, m: string) => void): void {
  const { name, number: n } = roi;
  if (name.trim() === '') {
    add('error', n, `ROI ${n} has no name`);
    return;
  }
  const chars = [...name].length;
  if (chars > LO_MAX_CHARS) add('error', n, `'${name}' is ${chars} characters; ROI Name (LO) allows ${LO_MAX_CHARS}`);
  else if (chars > TPS_NAME_CHARS) add('warning', n, `'${name}' is ${chars} characters; some planning systems keep only ${TPS_NAME_CHARS}`);
  if (/[\\\x00-\x1f\x7f]/.test(name)) add('error', n, `'${name}' contains a backslash or control character, which LO does not allow`);
  if (name !== name.trim()) add('warning', n, `'${name}' has leading or trailing spaces, which DICOM readers strip`);
  if (/\p{Cf}/u.test(name)) add('warning', n, `'${name}' contains invisible characters (zero-width or direction marks): it may look like another name but does not match it`);
  if (!/^[\x20-\x7e]*$/.test(name)) {
    if (charset === undefined) add('error', n, `'${name}' has non-ASCII characters but no Specific Character Set will be declared`);
    else add('warning', n, `'${name}' has non-ASCII characters (${charset}); some planning systems show them garbled`);
  }
}
