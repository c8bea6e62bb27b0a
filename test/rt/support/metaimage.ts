import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { mat4 } from '../../../core/geometry/spaces.js';
import type { GridLike } from '../../../core/contours/grid-match.js';

/**
 * Minimal MetaImage (.mha, ElementDataFile = LOCAL) reader for plastimatch's uchar masks.
 * ITK writes Offset and TransformMatrix in LPS; TransformMatrix lists the direction columns.
 */
export function readMha(path: string): GridLike & { data: Uint8Array } {
  const bytes = readFileSync(path);
  const marker = bytes.indexOf('ElementDataFile = LOCAL\n');
  if (marker < 0) throw new Error(`${path}: not a single-file MetaImage`);
  const header = bytes.toString('latin1', 0, marker);
  const field = (name: string) => {
    const m = new RegExp(`^${name} = (.*)$`, 'm').exec(header);
    if (!m) throw new Error(`${path}: no ${name}`);
    return m[1]!.trim();
  };
  const nums = (name: string) => field(name).split(/\s+/).map(Number);
  if (field('ElementType') !== 'MET_UCHAR') throw new Error(`${path}: expected MET_UCHAR`);
  const dims = nums('DimSize') as [number, number, number];
  const spacing = nums('ElementSpacing');
  const origin = nums('Offset');
  const dir = nums('TransformMatrix');
  let body = bytes.subarray(marker + 'ElementDataFile = LOCAL\n'.length);
  if (/True/i.test(field('CompressedData'))) body = inflateSync(body);
  const m: number[] = [];
  // TransformMatrix is written row by row of the direction matrix whose columns are the axes.
  for (let r = 0; r < 3; r++) m.push(dir[r]! * spacing[0]!, dir[3 + r]! * spacing[1]!, dir[6 + r]! * spacing[2]!, origin[r]!);
  return { dims, ijkToLps: mat4<'IJK', 'LPS'>([...m, 0, 0, 0, 1]), data: new Uint8Array(body.subarray(0, dims[0] * dims[1] * dims[2])) };
}
