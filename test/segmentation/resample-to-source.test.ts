import { describe, expect, it } from 'vitest';
import { applyToPoint } from '../../core/geometry/mat4.js';
import { mat4, vec3 } from '../../core/geometry/spaces.js';
import type { Mat4 } from '../../core/geometry/spaces.js';
import { conformedGrid } from '../../core/segmentation/conform.js';
import { invert, multiply, RAS_TO_LPS } from '../../core/geometry/mat4.js';
import { growBox } from '../../core/segmentation/crop-box.js';
import { resampleToSource } from '../../core/segmentation/resample-to-source.js';

describe('resampleToSource', () => {
  // A 2 mm source stored RAS (the opposite of the model grid on every axis but one), shifted.
  const sourceDims: [number, number, number] = [100, 120, 80];
  const sourceToLps = mat4<'IJK', 'LPS'>([-2, 0, 0, 90, 0, -2, 0, 110, 0, 0, 2, -70, 0, 0, 0, 1]);
  const modelToLps: Mat4<'MODEL', 'LPS'> = multiply(RAS_TO_LPS, conformedGrid(sourceDims, sourceToLps));
  const centre = vec3<'LPS'>(12, -8, 5);
  const radiusMm = 20;

  it('a ball on the model grid lands at the same patient position with the same volume', () => {
    // Ball of radius 20 mm around `centre`, drawn on the 1 mm model grid within a 61³ box around it.
    const c = applyToPoint(invert(modelToLps), centre).map(Math.round);
    const box = growBox({ lo: [c[0]! - 30, c[1]! - 30, c[2]! - 30], hi: [c[0]! + 30, c[1]! + 30, c[2]! + 30] }, 0);
    const bd = [61, 61, 61];
    const mask = new Uint8Array(61 ** 3);
    let n = 0;
    for (let k = 0; k < bd[2]!; k++) {
      for (let j = 0; j < bd[1]!; j++) {
        for (let i = 0; i < bd[0]!; i++, n++) {
          const p = applyToPoint(modelToLps, vec3<'MODEL'>(i + box.lo[0], j + box.lo[1], k + box.lo[2]));
          if (Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= radiusMm) mask[n] = 1;
        }
      }
    }
    const out = resampleToSource(mask, box, modelToLps, { dims: sourceDims, ijkToLps: sourceToLps });
    const sum = [0, 0, 0];
    let count = 0;
    n = 0;
    for (let k = 0; k < sourceDims[2]; k++) {
      for (let j = 0; j < sourceDims[1]; j++) {
        for (let i = 0; i < sourceDims[0]; i++, n++) {
          if (out[n] === 0) continue;
          const p = applyToPoint(sourceToLps, vec3<'IJK'>(i, j, k));
          sum[0]! += p[0];
          sum[1]! += p[1];
          sum[2]! += p[2];
          count++;
        }
      }
    }
    const expectedVoxels = ((4 / 3) * Math.PI * radiusMm ** 3) / 8;
    expect(Math.abs(count - expectedVoxels) / expectedVoxels).toBeLessThan(0.05);
    expect(Math.abs(sum[0]! / count - centre[0])).toBeLessThan(0.6);
    expect(Math.abs(sum[1]! / count - centre[1])).toBeLessThan(0.6);
    expect(Math.abs(sum[2]! / count - centre[2])).toBeLessThan(0.6);
  });

  it('on the model grid itself it is the identity', () => {
    const box = growBox({ lo: [10, 20, 30], hi: [13, 22, 31] }, 0);
    const mask = Uint8Array.from({ length: 4 * 3 * 2 }, (_, n) => n % 2);
    const identity = modelToLps as unknown as Mat4<'IJK', 'LPS'>;
    const out = resampleToSource(mask, box, modelToLps, { dims: [256, 256, 256], ijkToLps: identity });
    let n = 0;
    let total = 0;
    for (let k = 30; k <= 31; k++) for (let j = 20; j <= 22; j++) for (let i = 10; i <= 13; i++) expect(out[i + 256 * (j + 256 * k)]).toBe(mask[n++]);
    for (const v of out) total += v;
    expect(total).toBe(12);
  });
});
