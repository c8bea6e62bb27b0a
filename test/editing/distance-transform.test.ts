import { describe, expect, it } from 'vitest';
import { envelopeScratch, lowerEnvelopeLine, squaredDistanceMm2 } from '../../core/editing/distance-transform.js';

describe('squaredDistanceMm2', () => {
  it('equals brute force on an anisotropic grid', () => {
    const dims: [number, number, number] = [11, 9, 7];
    const spacing: [number, number, number] = [0.7, 1.3, 2.9];
    const features = new Uint8Array(11 * 9 * 7);
    // A deterministic scatter of feature voxels (a linear congruential sequence).
    for (let n = 0, x = 7; n < 25; n++) features[(x = (x * 1103515245 + 12345) % 2147483648) % features.length] = 1;
    const got = squaredDistanceMm2(features, dims, spacing);
    const points: [number, number, number][] = [];
    features.forEach((f, n) => f && points.push([n % 11, Math.floor(n / 11) % 9, Math.floor(n / 99)]));
    for (let n = 0; n < got.length; n++) {
      const [i, j, k] = [n % 11, Math.floor(n / 11) % 9, Math.floor(n / 99)];
      const brute = Math.min(...points.map(([a, b, c]) => ((i - a) * 0.7) ** 2 + ((j - b) * 1.3) ** 2 + ((k - c) * 2.9) ** 2));
      expect(got[n]).toBeCloseTo(brute, 9);
    }
  });

  it('is Infinity everywhere without features', () => {
    expect([...squaredDistanceMm2(new Uint8Array(8), [2, 2, 2], [1, 1, 1])].every((v) => v === Infinity)).toBe(true);
  });
});

describe('lowerEnvelopeLine', () => {
  it('is min over q of w·(p − q)² + f(q) along a strided line, other samples untouched', () => {
    const f = [Infinity, 3, Infinity, Infinity, 0.5, Infinity, 7, Infinity];
    const w = 0.49;
    // Interleave the line with a sentinel (stride 2) to check start and stride.
    const d = new Float64Array(2 * f.length).fill(-1);
    f.forEach((x, q) => (d[1 + 2 * q] = x));
    lowerEnvelopeLine(d, 1, 2, f.length, w, envelopeScratch(f.length));
    for (let p = 0; p < f.length; p++) {
      expect(d[1 + 2 * p]).toBeCloseTo(Math.min(...f.map((x, q) => w * (p - q) ** 2 + x)), 12);
      expect(d[2 * p]).toBe(-1);
    }
  });

  it('turns results above the limit into Infinity, and leaves an all-Infinity line alone', () => {
    const d = new Float32Array([Infinity, 0, Infinity, Infinity, Infinity]);
    lowerEnvelopeLine(d, 0, 1, 5, 1, envelopeScratch(5), 1 + 1e-6);
    expect([...d]).toEqual([1, 0, 1, Infinity, Infinity]);
    const empty = new Float64Array(4).fill(Infinity);
    lowerEnvelopeLine(empty, 0, 1, 4, 1, envelopeScratch(4));
    expect([...empty]).toEqual([Infinity, Infinity, Infinity, Infinity]);
  });
});
