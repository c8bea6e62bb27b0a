import { describe, expect, it } from 'vitest';
import { interpolateSlices } from '../../core/editing/interpolate-slices.js';
import { makeGrid } from './support/grids.js';

/** Disc of voxel centres within r of (cx, cy) mm on slice k (in-plane spacing s, origin 0). */
function drawDisc(mask: Uint8Array, dims: number[], s: number, k: number, cx: number, cy: number, r: number): void {
  const [nx, ny] = dims as [number, number];
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (Math.hypot(i * s - cx, j * s - cy) <= r) mask[i + nx * (j + ny * k)] = 1;
}

function sliceStats(mask: Uint8Array, dims: number[], s: number, k: number) {
  const [nx, ny] = dims as [number, number];
  let n = 0, sx = 0, sy = 0;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (mask[i + nx * (j + ny * k)]) {
    n++;
    sx += i * s;
    sy += j * s;
  }
  return { radius: Math.sqrt((n * s * s) / Math.PI), cx: sx / n, cy: sy / n, voxels: n };
}

describe('shape-based interpolation between drawn slices', () => {
  const s = 0.5;
  const dims = [120, 120, 13];
  const grid = makeGrid(dims as [number, number, number], [s, s, 2.5]);
  it('circles of radius 8 mm (slice 0) and 20 mm (slice 12): every slice between has radius interpolating linearly, within one voxel', () => {
    const mask = new Uint8Array(dims[0]! * dims[1]! * dims[2]!);
    drawDisc(mask, dims, s, 0, 30, 30, 8);
    drawDisc(mask, dims, s, 12, 30, 30, 20);
    const out = interpolateSlices(mask, grid);
    const r0 = sliceStats(out, dims, s, 0).radius, r1 = sliceStats(out, dims, s, 12).radius;
    const worst = { k: -1, error: 0 };
    for (let k = 1; k < 12; k++) {
      const t = k / 12;
      const { radius, cx, cy } = sliceStats(out, dims, s, k);
      const expected = (1 - t) * r0 + t * r1;
      if (Math.abs(radius - expected) > worst.error) Object.assign(worst, { k, error: Math.abs(radius - expected) });
      expect(Math.abs(radius - expected)).toBeLessThanOrEqual(s);
      expect(Math.hypot(cx - 30, cy - 30)).toBeLessThan(s / 2);
    }
    console.info(`[interpolate] radius 8 → 20 mm over 12 slices: worst |r − linear| ${worst.error.toFixed(3)} mm at slice ${worst.k} (voxel ${s} mm)`);
    // Drawn slices are kept exactly as drawn.
    expect(out.subarray(0, dims[0]! * dims[1]!)).toEqual(mask.subarray(0, dims[0]! * dims[1]!));
  });
  // Blending signed distances of two shifted circles gives {x : (1 − t)|x − c0| + t|x − c1| ≤ r}:
  // centred between them but narrower across the shift (the known behaviour of shape-based
  // interpolation). Checked voxel by voxel with a one-voxel band either side.
  it('a circle that moves: each slice between is the blended-distance set, within one voxel', () => {
    const mask = new Uint8Array(dims[0]! * dims[1]! * dims[2]!);
    drawDisc(mask, dims, s, 2, 20, 25, 10);
    drawDisc(mask, dims, s, 8, 32, 31, 10);
    const out = interpolateSlices(mask, grid);
    const [nx, ny] = dims as [number, number];
    for (let k = 3; k < 8; k++) {
      const t = (k - 2) / 6;
      let wrong = 0;
      for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
        const blend = (1 - t) * Math.hypot(i * s - 20, j * s - 25) + t * Math.hypot(i * s - 32, j * s - 31);
        const v = out[i + nx * (j + ny * k)];
        if ((blend <= 10 - s && !v) || (blend > 10 + s && v)) wrong++;
      }
      expect(wrong).toBe(0);
    }
    // Nothing outside the drawn range.
    expect(sliceStats(out, dims, s, 1).voxels).toBe(0);
    expect(sliceStats(out, dims, s, 9).voxels).toBe(0);
  });
  it('drawn on every third slice: all slices between fill in; an explicitly drawn empty slice ends the structure', () => {
    const mask = new Uint8Array(dims[0]! * dims[1]! * dims[2]!);
    for (const k of [0, 3, 6, 9]) drawDisc(mask, dims, s, k, 30, 30, 10 + k);
    const out = interpolateSlices(mask, grid);
    for (let k = 0; k <= 9; k++) expect(sliceStats(out, dims, s, k).voxels).toBeGreaterThan(0);
    const ended = interpolateSlices(mask, grid, { drawnSlices: [0, 3, 6, 9, 12] });
    expect(sliceStats(ended, dims, s, 10).voxels).toBe(0);
    expect(() => interpolateSlices(mask, grid, { drawnSlices: [0, 13] })).toThrow(/not a slice/);
  });
});
