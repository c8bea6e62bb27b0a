import { describe, expect, it } from 'vitest';
import { mat4 } from '../../core/geometry/spaces.js';
import { addedPathLengthMm, dice, editEffort, hausdorff95Mm, percentile, surfaceDice } from '../../core/review/agreement.js';
import { ball, box, grid, maskOf } from './support/masks.js';

/** Overlap of two balls of radius r whose centres are d apart: π(4r + d)(2r − d)² / 12. */
function twoBallDice(r: number, d: number): number {
  const overlap = (Math.PI * (4 * r + d) * (2 * r - d) ** 2) / 12;
  return overlap / ((4 / 3) * Math.PI * r ** 3);
}

describe('edit-effort metrics on analytic shapes', () => {
  const g = grid([40, 40, 40]);

  it('identical masks: Dice 1, HD95 0, surface Dice 1, APL 0', () => {
    const m = ball(g, [20, 20, 20], 8);
    expect(editEffort(m, m, g)).toMatchObject({ dice: 1, hd95Mm: 0, surfaceDice: 1, addedPathLengthMm: 0 });
  });

  it('a 20-voxel cube shifted 2 voxels along i', () => {
    const a = box(g, [10, 10, 10], [29, 29, 29]);
    const b = box(g, [12, 10, 10], [31, 29, 29]);
    const e = editEffort(a, b, g);
    expect(e.dice).toBe(0.9); // 2·(18·20·20) / (2·8000)
    // Surface voxels: 2168 per cube. A→B: 656 at 2 mm (the whole i = 10 face, and the i = 29 face
    // more than 1 voxel inside its rim), 144 at 1 mm, 1368 at 0; B→A is the mirror image.
    expect(e.hd95Mm).toBe(2);
    expect(e.surfaceDice).toBeCloseTo(1512 / 2168, 12);
    // Per slice (a 20×20 square shifted by 2): 20 edges of the new right side, 18 of the new left
    // side (its two end edges lie within 1 mm of the old top and bottom), 1 at each end of top and
    // bottom beyond the old corner; 40 mm × 20 slices.
    expect(e.addedPathLengthMm).toBe(800);
  });

  it('uses anisotropic spacing: the same shift with 0.7 mm voxels along i and 1.5 mm elsewhere', () => {
    const ga = grid([40, 40, 40], [0.7, 1.5, 1.5]);
    const a = box(ga, [10, 10, 10], [29, 29, 29]);
    const b = box(ga, [12, 10, 10], [31, 29, 29]);
    expect(dice(a, b)).toBe(0.9);
    expect(hausdorff95Mm(a, b, ga)).toBeCloseTo(1.4, 12);
    // A→B: 1.4 mm for the i = 10 face (400) and the i = 29 face inside its rim (324: a 1.5 mm step
    // to the rim is longer than the 1.4 mm shift), 0.7 mm for the i = 11 rim (76), 0 for 1368.
    expect(surfaceDice(a, b, ga, 1)).toBeCloseTo(1444 / 2168, 12);
  });

  it('balls shifted by 2 voxels: Dice near the analytic overlap, HD95 near 0.95 × 2 mm', () => {
    const a = ball(g, [19, 20, 20], 10);
    const b = ball(g, [21, 20, 20], 10);
    expect(dice(a, b)).toBeCloseTo(twoBallDice(10, 2), 2);
    // Continuous answer: a surface point at angle θ from the shift is 2|cos θ| mm from the other
    // sphere and |cos θ| is uniform on the sphere, so the 95th percentile is 1.9 mm. Voxel surfaces
    // can only take lattice distances (1, √2, √3, 2 …).
    const hd95 = hausdorff95Mm(a, b, g)!;
    expect(hd95).toBeGreaterThanOrEqual(1.4);
    expect(hd95).toBeLessThanOrEqual(2.25);
  });

  it('concentric balls of radius 8 and 10 mm: HD95 near 2 mm, Dice near the volume ratio', () => {
    const a = ball(g, [20, 20, 20], 8);
    const b = ball(g, [20, 20, 20], 10);
    expect(dice(a, b)).toBeCloseTo((2 * 512) / (512 + 1000), 1);
    expect(hausdorff95Mm(a, b, g)!).toBeGreaterThan(1.5);
    expect(hausdorff95Mm(a, b, g)!).toBeLessThan(2.5);
    expect(surfaceDice(a, b, g, 1)).toBeLessThan(0.2);
  });

  // Golden values from an independent implementation: support/surface-metrics-reference.py (scipy's
  // exact EDT, numpy percentiles) on the same balls. They agree to the last digit.
  const golden: [string, [number, number, number], number, [number, number, number], number, [number, number, number], number, number, number][] = [
    ['shifted balls', [19, 20, 20], 10, [21, 20, 20], 10, [1, 1, 1], 0.8508035500119933, 2.0, 0.5766871165644172],
    ['concentric balls', [20, 20, 20], 8, [20, 20, 20], 10, [1, 1, 1], 0.6718700223000956, 2.23606797749979, 0],
    ['anisotropic balls', [19, 20, 20], 10, [22, 21, 20], 9, [0.7, 1.1, 2.3], 0.7716805487506124, 3.0265045019162278, 0.4192708333333333],
  ];
  for (const [name, c1, r1, c2, r2, spacing, expectedDice, expectedHd95, expectedSurfaceDice] of golden) {
    it(`${name} agree with the scipy reference`, () => {
      const gg = grid([40, 40, 40], spacing);
      const e = editEffort(ball(gg, c1, r1), ball(gg, c2, r2), gg);
      expect(e.dice).toBeCloseTo(expectedDice, 12);
      expect(e.hd95Mm).toBeCloseTo(expectedHd95, 12);
      expect(e.surfaceDice).toBeCloseTo(expectedSurfaceDice, 12);
    });
  }

  it('an empty draft: every final edge is added; an empty final adds nothing', () => {
    const ga = grid([30, 30, 4], [0.8, 1.2, 3]);
    const final = box(ga, [5, 6, 1], [14, 20, 2]); // 10 × 15 pixels on 2 slices
    const empty = new Uint8Array(final.length);
    expect(addedPathLengthMm(empty, final, ga)).toBeCloseTo(2 * (2 * 10 * 0.8 + 2 * 15 * 1.2), 12);
    expect(addedPathLengthMm(final, empty, ga)).toBe(0);
    expect(editEffort(empty, final, ga)).toMatchObject({ dice: 0, hd95Mm: null, surfaceDice: 0, draftVoxels: 0, finalVoxels: 300 });
    expect(editEffort(empty, empty, ga)).toMatchObject({ dice: 1, hd95Mm: 0, surfaceDice: 1, addedPathLengthMm: 0 });
  });

  it('a draft that only misses a notch adds the notch outline', () => {
    const g2 = grid([30, 30, 1]);
    const draft = box(g2, [5, 5, 0], [24, 24, 0]);
    // A 6-wide, 4-deep notch cut into the middle of the bottom side: far from the draft's bottom
    // edge only where it is more than 1 mm in: the notch floor (6 edges at 4 mm) and the deeper
    // parts of its walls (2 × 3 edges, 1.6–3.5 mm away; the wall edge at the old outline is 0.7 mm away).
    const final = maskOf(g2, (i, j) => i >= 5 && i <= 24 && j >= 5 && j <= 24 && !(i >= 12 && i <= 17 && j >= 21));
    expect(addedPathLengthMm(draft, final, g2, 1)).toBe(12);
  });

  it('refuses a sheared (tilted-gantry) grid for 3D distances, but not for APL', () => {
    const tilted = { dims: [10, 10, 10] as [number, number, number], spacingMm: [1, 1, Math.hypot(0.2, 1)] as [number, number, number], ijkToLps: mat4<'IJK', 'LPS'>([1, 0, 0, 0, 0, 1, 0.2, 0, 0, 0, 1, 0, 0, 0, 0, 1]) };
    const m = box(tilted, [2, 2, 2], [6, 6, 6]);
    expect(() => hausdorff95Mm(m, m, tilted)).toThrow(/not orthogonal .*tilted-gantry/);
    expect(addedPathLengthMm(m, m, tilted)).toBe(0);
  });

  it('percentile interpolates between ranks like numpy', () => {
    expect(percentile(Float64Array.from([0, 1, 2, 3, 4]), 95)).toBeCloseTo(3.8, 12);
  });
});
