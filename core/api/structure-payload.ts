import type { Mat4 } from '../geometry/spaces.js';
import type { StructurePayload, Triple } from './contract.js';

/** Voxel volume in mm³: |det| of the affine's 3×3 (holds for sheared, gantry-tilted grids too). */
export function voxelVolumeMm3(m: Mat4<'IJK', 'LPS'>): number {
  const a = (r: number, c: number): number => m[r * 4 + c]!;
  const det =
    a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) -
    a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) +
    a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  return Math.abs(det);
}

/** The mask cut to its bounding box, the form the renderer gets (see StructurePayload.box). */
export function cropMask(mask: Uint8Array, dims: Triple): { box: StructurePayload['box']; mask: ArrayBuffer } {
  const [nx, ny, nz] = dims;
  let [i0, j0, k0] = [nx, ny, nz];
  let [i1, j1, k1] = [-1, -1, -1];
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] === 0) continue;
        if (i < i0) i0 = i;
        if (i > i1) i1 = i;
        if (j < j0) j0 = j;
        if (j > j1) j1 = j;
        if (k < k0) k0 = k;
        if (k > k1) k1 = k;
      }
    }
  }
  if (i1 < 0) return { box: null, mask: new ArrayBuffer(0) };
  const [bx, by, bz] = [i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1];
  const out = new Uint8Array(bx * by * bz);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const from = i0 + nx * (j0 + j + ny * (k0 + k));
      out.set(mask.subarray(from, from + bx), bx * (j + by * k));
    }
  }
  return { box: { lo: [i0, j0, k0], hi: [i1, j1, k1] }, mask: out.buffer };
}

/** The mask-and-identity part of a structure's payload; the workspace adds review, effort and confidence. */
export type StructureBase = Omit<StructurePayload, 'review' | 'effort' | 'confidence' | 'rule' | 'outdated'>;

export function toPayload(
  s: Pick<StructurePayload, 'id' | 'name' | 'color' | 'interpretedType' | 'source' | 'origin' | 'voxelCount' | 'warnings'> & { readonly mask: Uint8Array },
  seriesUid: string, dims: Triple, ijkToLps: Mat4<'IJK', 'LPS'>,
): StructureBase {
  const { box, mask } = cropMask(s.mask, dims);
  return {
    id: s.id,
    seriesInstanceUid: seriesUid,
    name: s.name,
    color: s.color,
    interpretedType: s.interpretedType,
    source: s.source,
    origin: s.origin,
    voxelCount: s.voxelCount,
    volumeCc: (s.voxelCount * voxelVolumeMm3(ijkToLps)) / 1000,
    box,
    mask,
    warnings: s.warnings,
  };
}
