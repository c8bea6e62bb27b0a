import { describe, expect, it } from 'vitest';
import { applyToPoint, column, invert, multiply } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { conformVolume, isConformedGrid, robustScale } from '../../core/segmentation/conform.js';
import { normaliseConformed, quantiles } from '../../core/segmentation/normalise.js';
import { niftiIjkToLps, readT1, reorientToRas } from './support/brainchop-reference.js';

const t1 = readT1();

describe('conformVolume', () => {
  it('uses brainchop’s already-conformed sample unchanged (256³, 1 mm, LIA, uint8)', () => {
    const ijkToLps = niftiIjkToLps(t1);
    expect(isConformedGrid([256, 256, 256], ijkToLps)).toBe(true);
    const c = conformVolume({ dims: [256, 256, 256], data: t1.data, ijkToLps });
    expect(c.resampled).toBe(false);
    // The same voxels, not a copy (compared by memory, not element by element).
    expect(c.data.buffer).toBe((t1.data as Uint8Array).buffer);
    expect(c.data.length).toBe(256 ** 3);
    expect([...c.modelToLps]).toEqual([...ijkToLps]);
  });

  it('a RAS-stored copy of the same head lands on an LIA grid with every voxel at its patient position', () => {
    const ras = reorientToRas(t1);
    const rasToLps = niftiIjkToLps(ras);
    expect(isConformedGrid([256, 256, 256], rasToLps)).toBe(false);
    const c = conformVolume({ dims: [256, 256, 256], data: ras.data, ijkToLps: rasToLps });
    expect(c.resampled).toBe(true);
    // Axes: +i → patient left (+x LPS), +j → inferior (−z), +k → anterior (−y), 1 mm.
    expect([...column(c.modelToLps, 0)]).toEqual([1, 0, 0]);
    expect([...column(c.modelToLps, 1)]).toEqual([0, 0, -1]);
    expect([...column(c.modelToLps, 2)]).toEqual([0, -1, 0]);
    // Independently of how conform orders its loops: each conformed voxel holds the original
    // (LIA) voxel found at the same LPS point. Centring on dims/2 (NiiVue/FastSurfer) shifts the
    // grid by whole voxels here, so every sample is exact (or outside → 0).
    const modelToOriginal = multiply(invert(niftiIjkToLps(t1)), c.modelToLps);
    let mismatches = 0;
    let inside = 0;
    for (let k = 0; k < 256; k += 3) {
      for (let j = 0; j < 256; j += 3) {
        for (let i = 0; i < 256; i += 3) {
          const p = applyToPoint(modelToOriginal, vec3<'MODEL'>(i, j, k)).map((v) => Math.round(v * 1e6) / 1e6);
          const [a, b, d] = p as [number, number, number];
          const expected = a >= 0 && b >= 0 && d >= 0 && a <= 254 && b <= 254 && d <= 254 ? (t1.data[a + 256 * (b + 256 * d)] as number) : undefined;
          if (expected === undefined) continue;
          inside++;
          if (c.data[i + 256 * (j + 256 * k)] !== expected) mismatches++;
        }
      }
    }
    expect(inside).toBeGreaterThan(500_000);
    expect(mismatches).toBe(0);
  });

  it('rescales a non-uint8 image with FastSurfer’s robust maximum (99.9 % of non-zero voxels)', () => {
    // 0..999: bin width 0.999, nz = 999, so the upper limit is bin 998: 998 × 0.999.
    const img = Float32Array.from({ length: 1000 }, (_, n) => n);
    const [srcMin, scale] = robustScale(img, 0, 999);
    expect(srcMin).toBe(0);
    expect(scale).toBeCloseTo(255 / (998 * 0.999), 12);
  });
});

describe('normaliseConformed', () => {
  it('min-max maps the sample to 0..1', () => {
    const n = normaliseConformed(t1.data as Uint8Array, { kind: 'minmax' });
    expect(Math.min(...n.subarray(0, 65536))).toBe(0);
    let max = 0;
    for (const v of n) if (v > max) max = v;
    expect(max).toBe(1);
  });

  it('quantile limits match brainchop’s on the sample (q05 = 0, q95 = 112, SOURCE.md)', () => {
    expect(quantiles(t1.data as Uint8Array, 0.05, 0.95)).toEqual([0, 112]);
  });
});
