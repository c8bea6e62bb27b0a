import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchGrids, reorderOnto } from '../../../core/contours/grid-match.js';
import type { GridLike } from '../../../core/contours/grid-match.js';
import { tempDir } from '../../support/paths.js';
import { runTool } from '../../support/tools.js';
import { readMha } from './metaimage.js';

/**
 * plastimatch 1.9's rasterisation of an RTSTRUCT onto its referenced image series, one mask per
 * structure (file named after the ROI), brought onto `grid` through the affines.
 */
export function plastimatchMasks(rtstruct: string, imageDir: string, grid: GridLike, xor: boolean): Map<string, Uint8Array> {
  const out = join(tempDir('delineate-pm-'), 'masks');
  const args = ['convert', '--input', rtstruct, '--referenced-ct', imageDir, '--output-prefix', out, '--prefix-format', 'mha'];
  if (xor) args.push('--xor-contours');
  const r = runTool('plastimatch', args);
  if (r.status !== 0) throw new Error(`plastimatch failed: ${r.stderr || r.stdout}`);
  const masks = new Map<string, Uint8Array>();
  for (const f of readdirSync(out).filter((n) => n.endsWith('.mha'))) {
    const img = readMha(join(out, f));
    const match = matchGrids(grid, img);
    if (!match.ok) throw new Error(`plastimatch output ${f} is not on the image grid: ${match.reason}`);
    const mask = reorderOnto(match.mapping, grid.dims, img.data, new Uint8Array(grid.dims[0] * grid.dims[1] * grid.dims[2]));
    for (let n = 0; n < mask.length; n++) mask[n] = mask[n] ? 1 : 0;
    masks.set(f.replace(/\.mha$/, ''), mask);
  }
  return masks;
}

export function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0, sa = 0, sb = 0;
  for (let n = 0; n < a.length; n++) {
    sa += a[n]!;
    sb += b[n]!;
    if (a[n] && b[n]) both++;
  }
  return sa + sb === 0 ? 1 : (2 * both) / (sa + sb);
}
