import { applyToPoint, invert, multiply } from '../geometry/mat4.js';
import type { Mat4 } from '../geometry/spaces.js';
import { vec3 } from '../geometry/spaces.js';
import type { CropBox } from './crop-box.js';
import { boxDims } from './crop-box.js';

export interface SourceGrid {
  readonly dims: readonly [number, number, number];
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
}

/**
 * A model-grid mask (held only inside `box`) on the source grid: for every source voxel centre,
 * the model-grid voxel nearest to the same patient-space point. Nearest neighbour keeps the mask
 * binary; going through LPS with both exact affines keeps any orientation or obliquity right.
 * Only source voxels whose centres can land in the box are visited.
 */
export function resampleToSource(mask: Uint8Array, box: CropBox, modelToLps: Mat4<'MODEL', 'LPS'>, source: SourceGrid): Uint8Array {
  const [sx, sy, sz] = source.dims;
  const out = new Uint8Array(sx * sy * sz);
  const [bx, by, bz] = boxDims(box);
  const sourceToModel = multiply(invert(modelToLps), source.ijkToLps);
  const modelToSource = invert(sourceToModel);
  // Source-grid range covering the box (its outer voxel faces), clamped to the grid.
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const ci of [box.lo[0] - 0.5, box.hi[0] + 0.5]) {
    for (const cj of [box.lo[1] - 0.5, box.hi[1] + 0.5]) {
      for (const ck of [box.lo[2] - 0.5, box.hi[2] + 0.5]) {
        const p = applyToPoint(modelToSource, vec3<'MODEL'>(ci, cj, ck));
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a]!, p[a]!);
          hi[a] = Math.max(hi[a]!, p[a]!);
        }
      }
    }
  }
  const from = lo.map((v) => Math.max(0, Math.floor(v)));
  const to = hi.map((v, a) => Math.min(source.dims[a]! - 1, Math.ceil(v)));
  const m = sourceToModel;
  const e = (r: number, c: number): number => m[r * 4 + c] as number;
  for (let k = from[2]!; k <= to[2]!; k++) {
    for (let j = from[1]!; j <= to[1]!; j++) {
      const x0 = e(0, 1) * j + e(0, 2) * k + e(0, 3);
      const y0 = e(1, 1) * j + e(1, 2) * k + e(1, 3);
      const z0 = e(2, 1) * j + e(2, 2) * k + e(2, 3);
      const row = sx * (j + sy * k);
      for (let i = from[0]!; i <= to[0]!; i++) {
        // Math.round: half-way points go up, the same convention for every axis.
        const mi = Math.round(x0 + e(0, 0) * i) - box.lo[0];
        const mj = Math.round(y0 + e(1, 0) * i) - box.lo[1];
        const mk = Math.round(z0 + e(2, 0) * i) - box.lo[2];
        if (mi < 0 || mj < 0 || mk < 0 || mi >= bx || mj >= by || mk >= bz) continue;
        if (mask[mi + bx * (mj + by * mk)] !== 0) out[row + i] = 1;
      }
    }
  }
  return out;
}
