/**
 * plastimatch as an independent reference for margins: the mask is written as a MetaImage (.mha,
 * LPS geometry as ITK writes it), `plastimatch dmap` computes the distance map, and the margin is
 * the voxels at distance ≤ margin. Shared by bench/margins.ts and test/editing/plastimatch.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THRESHOLD_SLACK } from '../core/editing/bounded-distance.js';
import type { MaskGrid } from '../core/editing/mask-grid.js';

/** Uncompressed MetaImage: ITK reads Offset/TransformMatrix in LPS; TransformMatrix lists direction columns. */
export function writeMha(path: string, grid: MaskGrid, data: Uint8Array): void {
  const m = grid.ijkToLps;
  const spacing = [0, 1, 2].map((c) => Math.hypot(m[c]!, m[4 + c]!, m[8 + c]!));
  const dir: number[] = [];
  for (let c = 0; c < 3; c++) for (let r = 0; r < 3; r++) dir.push(m[4 * r + c]! / spacing[c]!);
  const header = [
    'ObjectType = Image', 'NDims = 3', 'BinaryData = True', 'BinaryDataByteOrderMSB = False', 'CompressedData = False',
    `TransformMatrix = ${dir.join(' ')}`, `Offset = ${m[3]} ${m[7]} ${m[11]}`, 'CenterOfRotation = 0 0 0',
    'AnatomicalOrientation = RAI', `ElementSpacing = ${spacing.join(' ')}`, `DimSize = ${grid.dims.join(' ')}`,
    'ElementType = MET_UCHAR', 'ElementDataFile = LOCAL', '',
  ].join('\n');
  writeFileSync(path, Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/** Read a float MetaImage written by plastimatch (same grid as the input; checked by size only). */
export function readMhaFloat(path: string, voxels: number): Float32Array {
  const bytes = readFileSync(path);
  const marker = bytes.indexOf('ElementDataFile = LOCAL\n');
  if (marker < 0) throw new Error(`${path}: not a single-file MetaImage`);
  const header = bytes.toString('latin1', 0, marker);
  if (!/ElementType = MET_FLOAT/.test(header)) throw new Error(`${path}: expected MET_FLOAT, header:\n${header}`);
  if (/CompressedData = True/i.test(header)) throw new Error(`${path}: compressed output not expected`);
  const body = bytes.subarray(marker + 'ElementDataFile = LOCAL\n'.length);
  if (body.length < voxels * 4) throw new Error(`${path}: ${body.length} bytes of data for ${voxels} voxels`);
  return new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + voxels * 4));
}

export interface PlastimatchMargin {
  readonly mask: Uint8Array;
  /** Wall time of the dmap command alone (process start, reading and writing the files included). */
  readonly dmapMs: number;
}

/**
 * Expansion by `marginMm` with plastimatch 1.9: `dmap --algorithm maurer --squared-distance`
 * gives the squared Euclidean distance in mm² from each voxel centre to the nearest mask voxel
 * centre (0 inside); a voxel is in the margin iff that is ≤ margin² (the same definition as
 * expandMask, so disagreement measures the implementation, not the convention).
 */
export function plastimatchExpand(grid: MaskGrid, mask: Uint8Array, marginMm: number): PlastimatchMargin {
  const dir = mkdtempSync(join(tmpdir(), 'delineate-pm-margin-'));
  try {
    const input = join(dir, 'mask.mha'), output = join(dir, 'dmap.mha');
    writeMha(input, grid, mask);
    const t0 = performance.now();
    const r = spawnSync('plastimatch', ['dmap', '--input', input, '--output', output, '--algorithm', 'maurer', '--squared-distance', '--absolute-distance'], { encoding: 'utf8' });
    const dmapMs = performance.now() - t0;
    if (r.error) throw new Error(`plastimatch could not run: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`plastimatch dmap failed: ${r.stderr || r.stdout}`);
    const d2 = readMhaFloat(output, mask.length);
    // The same relative slack on the squared distance as ours (THRESHOLD_SLACK): room for float32
    // rounding in the map, and no more (at 200 mm, 1e-5 would take in voxels 0.001 mm beyond).
    const limit = marginMm * marginMm * (1 + THRESHOLD_SLACK);
    const out = new Uint8Array(mask.length);
    for (let n = 0; n < out.length; n++) out[n] = mask[n] || d2[n]! <= limit ? 1 : 0;
    return { mask: out, dmapMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
