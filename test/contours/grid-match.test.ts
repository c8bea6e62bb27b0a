import { describe, expect, it } from 'vitest';
import { matchGrids, reorderOnto } from '../../core/contours/grid-match.js';
import { multiply } from '../../core/geometry/mat4.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { obliqueGrid } from './support/grids.js';

describe('matchGrids', () => {
  const { volume } = obliqueGrid();
  const [nx, ny, nz] = volume.dims;
  const values = Float64Array.from({ length: nx * ny * nz }, (_, n) => n);

  it('maps a grid stored with axes swapped and flipped back onto the original order', () => {
    // B's i = A's k reversed, B's j = A's i, B's k = A's j.
    const bToA = mat4<'IJK', 'IJK'>([0, 1, 0, 0, 0, 0, 1, 0, -1, 0, 0, nz - 1, 0, 0, 0, 1]);
    const b = { dims: [nz, nx, ny] as [number, number, number], ijkToLps: multiply(volume.ijkToLps, bToA) };
    const bValues = new Float64Array(values.length);
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      bValues[nz - 1 - k + nz * (i + nx * j)] = values[i + nx * (j + ny * k)]!;
    }
    const match = matchGrids(volume, b);
    expect(match.ok).toBe(true);
    if (!match.ok) return;
    expect(match.mapping.maxErrorMm).toBeLessThan(1e-9);
    expect(reorderOnto(match.mapping, volume.dims, bValues, new Float64Array(values.length))).toEqual(values);
  });

  it('refuses other spacing, a shift beyond tolerance, and a different size', () => {
    const shifted = { dims: volume.dims, ijkToLps: mat4<'IJK', 'LPS'>(volume.ijkToLps.map((v, n) => (n === 3 ? v + 0.01 : v))) };
    expect(matchGrids(volume, shifted)).toEqual({ ok: false, reason: 'voxel centres differ by up to 0.0100 mm (tolerance 0.001 mm)' });
    expect(matchGrids(volume, shifted, 0.02).ok).toBe(true);
    const bigger = { dims: [nx + 1, ny, nz] as [number, number, number], ijkToLps: volume.ijkToLps };
    expect(matchGrids(volume, bigger)).toEqual({ ok: false, reason: `grid sizes differ (${nx}×${ny}×${nz} vs ${nx + 1}×${ny}×${nz})` });
    const finer = { dims: volume.dims, ijkToLps: mat4<'IJK', 'LPS'>(volume.ijkToLps.map((v, n) => (n % 4 === 0 && n < 12 ? v * 0.5 : v))) };
    expect(matchGrids(volume, finer).ok).toBe(false);
  });
});
