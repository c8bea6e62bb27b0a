import { describe, expect, it } from 'vitest';
import { applyToPoint, invert } from '../../core/geometry/mat4.js';
import type { Mat4, Vec3 } from '../../core/geometry/spaces.js';
import { mat4, vec3 } from '../../core/geometry/spaces.js';
import { allocateResliced, reslice } from '../../renderer/src/viewer/reslice.js';
import { edgeLabels, lpsToPixel, pixelToLps, planeFor, sliceStepMm, VIEW_AXES } from '../../renderer/src/viewer/view-geometry.js';
import { applyWindow, initialWindow } from '../../renderer/src/viewer/window-level.js';

/**
 * The 2D views' reslicing (renderer/src/viewer/reslice.ts) on an oblique, anisotropic grid.
 * Reference: each voxel holds a linear function of its own patient position, computed from the
 * affine independently of the reslicer; trilinear interpolation reproduces a linear function
 * exactly, so every pixel must show the function's value at the pixel's patient position. A
 * reslicer that sampled in voxel axes, or mixed up i/j/k, would be off by tens of units.
 */
const f = (p: Vec3<'LPS'>): number => 2 * p[0] - 3 * p[1] + 0.5 * p[2] + 7;

function obliqueGrid(): { dims: [number, number, number]; ijkToLps: Mat4<'IJK', 'LPS'>; data: Float32Array } {
  // Rotated 30° about z and 20° about x, spacing 0.8 × 0.9 × 2.5 mm: an oblique MR-like stack.
  const [a, b] = [(30 * Math.PI) / 180, (20 * Math.PI) / 180];
  const rz = [[Math.cos(a), -Math.sin(a), 0], [Math.sin(a), Math.cos(a), 0], [0, 0, 1]];
  const rx = [[1, 0, 0], [0, Math.cos(b), -Math.sin(b)], [0, Math.sin(b), Math.cos(b)]];
  const r = rz.map((row) => [0, 1, 2].map((c) => row.reduce((s, v, k) => s + v * rx[k]![c]!, 0)));
  const spacing = [0.8, 0.9, 2.5];
  const origin = [10, -20, 30];
  const m = mat4<'IJK', 'LPS'>([0, 1, 2].flatMap((row) => [...[0, 1, 2].map((c) => r[row]![c]! * spacing[c]!), origin[row]!]).concat([0, 0, 0, 1]));
  const dims: [number, number, number] = [40, 36, 16];
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0, n = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, n++) data[n] = f(applyToPoint(m, vec3<'IJK'>(i, j, k)));
  return { dims, ijkToLps: m, data };
}

describe('reslicing in patient space (renderer/src/viewer/reslice.ts)', () => {
  const grid = obliqueGrid();
  const source = { dims: grid.dims, data: grid.data, lpsToIjk: invert(grid.ijkToLps) };

  for (const orientation of ['axial', 'sagittal', 'coronal'] as const) {
    it(`${orientation}: every pixel inside the grid shows the value at its patient position`, () => {
      const axes = VIEW_AXES[orientation];
      const crosshair = applyToPoint(grid.ijkToLps, vec3<'IJK'>(20, 17, 8));
      const plane = planeFor(axes, crosshair, grid.dims, grid.ijkToLps, { zoom: 1.3, panMm: [2, -3] }, 97, 83);
      const out = allocateResliced(plane.width, plane.height);
      reslice(source, plane, out);
      let checked = 0;
      let worst = 0;
      for (let y = 0; y < plane.height; y++) {
        for (let x = 0; x < plane.width; x++) {
          const n = y * plane.width + x;
          const [i, j, k] = [out.ijk[3 * n]!, out.ijk[3 * n + 1]!, out.ijk[3 * n + 2]!];
          // Within half a voxel of the edge the reslicer clamps (the voxel's own extent); the reference is for the interior.
          if (i < 0 || j < 0 || k < 0 || i > grid.dims[0] - 1 || j > grid.dims[1] - 1 || k > grid.dims[2] - 1) continue;
          const p = pixelToLps(plane, x, y);
          worst = Math.max(worst, Math.abs(out.values[n]! - f(p)));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(500);
      // Float32 voxels of magnitude ~100: 1e-3 is a few ulps.
      expect(worst).toBeLessThan(1e-3);
      // The plane passes through the crosshair, and the crosshair maps back to itself.
      const [cx, cy] = lpsToPixel(plane, crosshair);
      const back = pixelToLps(plane, cx, cy);
      for (let c = 0; c < 3; c++) expect(back[c]).toBeCloseTo(crosshair[c]!, 9);
    });
  }

  it('pixels outside the grid are NaN and are drawn black', () => {
    const plane = planeFor(VIEW_AXES.axial, vec3(1e4, 1e4, 1e4), grid.dims, grid.ijkToLps, { zoom: 1, panMm: [0, 0] }, 8, 8);
    const out = allocateResliced(8, 8);
    reslice(source, plane, out);
    expect([...out.values].every(Number.isNaN)).toBe(true);
    const rgba = new Uint8ClampedArray(8 * 8 * 4);
    applyWindow(out.values, { center: 0, width: 100 }, false, rgba);
    expect(rgba.filter((_, n) => n % 4 !== 3).every((v) => v === 0)).toBe(true);
  });

  it('labels each view edge with the patient direction (radiological convention)', () => {
    expect(edgeLabels(VIEW_AXES.axial)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(edgeLabels(VIEW_AXES.coronal)).toEqual({ left: 'R', right: 'L', top: 'S', bottom: 'I' });
    expect(edgeLabels(VIEW_AXES.sagittal)).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
  });

  it('one wheel step is one slice of the grid axis nearest the view normal', () => {
    const axial = mat4<'IJK', 'LPS'>([0.7, 0, 0, 0, 0, 0.7, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1]);
    expect(sliceStepMm(axial, VIEW_AXES.axial.normal)).toBeCloseTo(3, 12);
    expect(sliceStepMm(axial, VIEW_AXES.sagittal.normal)).toBeCloseTo(0.7, 12);
  });

  it('windows CT with the soft-tissue preset and anything else with its 1st–99th percentiles', () => {
    expect(initialWindow('CT', -1000, 2000)).toEqual({ center: 40, width: 400 });
    expect(initialWindow('MR', 10, 410)).toEqual({ center: 210, width: 400 });
  });
});
