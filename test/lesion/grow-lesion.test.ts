/**
 * growLesion (core/lesion) on enhancing lesions of known size placed in a real T1 head
 * (test/fixtures/brainchop-t1): spheres of 3, 5, 10 and 20 mm with exact partial-volume edges and
 * noise, and a ring-enhancing 20 mm lesion with a necrotic core, on the 1 mm grid and on 3 mm
 * axial slices. One click at the centre (on the rim for the ring lesion) must give the volume
 * within 20 % and Dice ≥ 0.8 from 5 mm up; the ring lesion's contour must hold its core.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { applyToPoint, invert, multiply } from '../../core/geometry/mat4.js';
import type { Vec3 } from '../../core/geometry/spaces.js';
import { mat4, vec3 } from '../../core/geometry/spaces.js';
import type { LesionGrowth } from '../../core/lesion/index.js';
import { growLesion, LesionError, SeedNotDistinctError, SeedOutsideImageError } from '../../core/lesion/index.js';
import { dice } from '../../core/review/agreement.js';
import type { LesionSpec, PhantomImage, PlacedLesion } from './support/lesion-phantom.js';
import { halfCovered, headT1, insertLesion, sphereFractions, thickFraction, thickLesion, withNoise } from './support/lesion-phantom.js';

/** Enhancing tissue at 1.5× white matter (≈127 in this image), noise SD 5 (white-matter SNR ≈ 25). */
const ENHANCING = 190;
const NECROTIC = 80;
const NOISE_SD = 5;
/** Lesion centres (LPS mm) in the fixture's brain, each in its own copy of the head. */
const SITES: Record<string, Vec3<'LPS'>> = {
  deepLeft: vec3(21.4, -24.5, 20.5),
  frontalRight: vec3(-14.6, 15.5, 44.5),
  centrumLeft: vec3(17.4, -2.5, 28.5),
  parietalRight: vec3(-28.6, 13.5, 19.5),
  posteriorRight: vec3(-31.6, 45.5, 23.5),
};
const SPHERES: readonly LesionSpec[] = [
  { centre: SITES['deepLeft']!, diameterMm: 3, level: ENHANCING },
  { centre: SITES['frontalRight']!, diameterMm: 5, level: ENHANCING },
  { centre: SITES['centrumLeft']!, diameterMm: 10, level: ENHANCING },
  { centre: SITES['parietalRight']!, diameterMm: 20, level: ENHANCING },
];
const RING: LesionSpec = { centre: SITES['posteriorRight']!, diameterMm: 20, level: ENHANCING, core: { diameterMm: 12, level: NECROTIC } };
/** On the rim, half-way through the 4 mm enhancing wall, towards the patient's left. */
const RING_SEED = vec3<'LPS'>(RING.centre[0] + 8, RING.centre[1], RING.centre[2]);

interface Outcome {
  readonly growth: LesionGrowth;
  readonly dice: number;
  readonly volumeError: number;
  readonly ms: number;
}

function click(placed: PlacedLesion, image: PhantomImage, seed: Vec3<'LPS'>): Outcome {
  const started = performance.now();
  const growth = growLesion(image, seed);
  const ms = performance.now() - started;
  return { growth, dice: dice(growth.mask, placed.truth), volumeError: growth.volumeCc / placed.exactVolumeCc - 1, ms };
}

function report(grid: string, spec: LesionSpec, o: Outcome): void {
  const kind = spec.core ? 'ring' : 'sphere';
  console.info(
    `${grid} ${kind} ${spec.diameterMm} mm: Dice ${o.dice.toFixed(3)}, volume ${o.growth.volumeCc.toFixed(4)} cc ` +
      `(${(100 * o.volumeError).toFixed(1)} %), threshold ${o.growth.threshold.toFixed(0)} between ${o.growth.backgroundLevel.toFixed(0)} and ` +
      `${o.growth.lesionLevel.toFixed(0)}, ${o.growth.iterations} iteration(s), ${o.ms.toFixed(0)} ms`,
  );
}

function voxelIndex(image: Pick<PhantomImage, 'dims'>, v: Vec3<'IJK'>): number {
  return v[0] + image.dims[0] * (v[1] + image.dims[1] * v[2]);
}

function countInside(region: Uint8Array, mask: Uint8Array): { total: number; inside: number } {
  let total = 0, inside = 0;
  for (let n = 0; n < region.length; n++) {
    total += region[n]!;
    if (region[n] && mask[n]) inside++;
  }
  return { total, inside };
}

let head: PhantomImage;
beforeAll(() => {
  head = headT1();
});

for (const grid of ['1 mm isotropic', '1×3×1 mm (3 mm axial slices)'] as const) {
  const thick = grid !== '1 mm isotropic';
  /** The lesion as the grid sees it, with noise added last (a thick slice averages the image, not the noise). */
  const place = (spec: LesionSpec): PlacedLesion => {
    let placed = insertLesion(head, spec);
    // LIA storage: j runs foot-ward, so averaging along j makes axial slices.
    if (thick) placed = thickLesion(placed, 1, 3);
    return { ...placed, image: withNoise(placed.image, NOISE_SD, 11) };
  };

  describe(`one click on an enhancing sphere, ${grid}`, () => {
    for (const spec of SPHERES) {
      it(`${spec.diameterMm} mm: ${spec.diameterMm >= 5 ? 'volume within 20 %, Dice ≥ 0.8' : 'a contour round the click'}`, () => {
        const placed = place(spec);
        const o = click(placed, placed.image, spec.centre);
        report(grid, spec, o);
        expect(o.growth.hitRadiusBound).toBe(false);
        expect(o.growth.warnings).toEqual([]);
        if (spec.diameterMm >= 5) {
          expect(o.dice).toBeGreaterThanOrEqual(0.8);
          expect(Math.abs(o.volumeError)).toBeLessThanOrEqual(0.2);
        } else {
          // A 3 mm lesion is 14 voxels of 1 mm³ and at most a voxel or two thick on 3 mm slices:
          // the contour must hold the clicked voxel and stay lesion-sized (no leak into the brain).
          expect(o.growth.mask[voxelIndex(placed.image, o.growth.seedVoxel)]).toBe(1);
          expect(o.growth.volumeCc).toBeLessThan(3 * placed.exactVolumeCc);
        }
      });
    }

    it('20 mm ring-enhancing lesion, click on the rim: the contour holds the necrotic core (hole fill); volume within 20 %, Dice ≥ 0.8', () => {
      const placed = place(RING);
      const o = click(placed, placed.image, RING_SEED);
      report(grid, RING, o);
      const coreFraction = sphereFractions(head, RING.centre, RING.core!.diameterMm / 2);
      const core = halfCovered(thick ? thickFraction(coreFraction, head, 1, 3) : coreFraction);
      const { total, inside } = countInside(core, o.growth.mask);
      console.info(`${grid} ring: ${inside} of ${total} core voxels inside the contour`);
      expect(total).toBeGreaterThan(0);
      expect(inside).toBe(total);
      expect(o.dice).toBeGreaterThanOrEqual(0.8);
      expect(Math.abs(o.volumeError)).toBeLessThanOrEqual(0.2);
    });
  });
}

describe('growLesion: robustness, bounds and refusals', () => {
  const sphere10 = SPHERES[2]!;
  const sphere20 = SPHERES[3]!;
  const noisy = (spec: LesionSpec): PlacedLesion => {
    const placed = insertLesion(head, spec);
    return { ...placed, image: withNoise(placed.image, NOISE_SD, 11) };
  };

  it('a click 2 mm off-centre gives the same lesion (10 and 20 mm: Dice ≥ 0.8, volume within 20 %)', () => {
    for (const spec of [sphere10, sphere20]) {
      const placed = noisy(spec);
      const o = click(placed, placed.image, vec3<'LPS'>(spec.centre[0] + 1.2, spec.centre[1] - 1.2, spec.centre[2] + 1));
      report('1 mm, click 2 mm off-centre,', spec, o);
      expect(o.dice).toBeGreaterThanOrEqual(0.8);
      expect(Math.abs(o.volumeError)).toBeLessThanOrEqual(0.2);
    }
  });

  it('int16 and uint16 images give the contour of the float32 one', () => {
    const placed = noisy(sphere10);
    const reference = growLesion(placed.image, sphere10.centre);
    for (const data of [Int16Array.from(placed.image.data, Math.round), Uint16Array.from(placed.image.data, (v) => Math.max(0, Math.round(v)))]) {
      const growth = growLesion({ ...placed.image, data }, sphere10.centre);
      expect(dice(growth.mask, reference.mask), data.constructor.name).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('a ring lesion open at its upper pole still gets its core (plane-by-plane hole fill)', () => {
    const spec: LesionSpec = { ...RING, openAboveMm: 5 };
    const placed = noisy(spec);
    const o = click(placed, placed.image, RING_SEED);
    report('1 mm, open at the pole,', spec, o);
    // The core below the opening: every axial plane there holds a closed ring.
    const coreFraction = sphereFractions(head, spec.centre, spec.core!.diameterMm / 2);
    const [nx, ny] = head.dims;
    const below = Uint8Array.from(coreFraction, (f, n) => {
      const z = applyToPoint(head.ijkToLps, vec3<'IJK'>(n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))))[2];
      return f >= 0.5 && z <= spec.centre[2] + spec.openAboveMm! - 1 ? 1 : 0;
    });
    const { total, inside } = countInside(below, o.growth.mask);
    console.info(`open ring: ${inside} of ${total} core voxels below the opening inside the contour`);
    expect(total).toBeGreaterThan(300);
    expect(inside).toBe(total);
  });

  it('a bound smaller than the lesion stops the contour at the ball and says so', () => {
    const placed = noisy(sphere20);
    // A click 6 mm from the centre of the 20 mm lesion: its near edge is 4 mm away, its far edge 16 mm.
    const seed = vec3<'LPS'>(sphere20.centre[0] + 6, sphere20.centre[1], sphere20.centre[2]);
    const growth = growLesion(placed.image, seed, { maxRadiusMm: 8 });
    expect(growth.hitRadiusBound).toBe(true);
    expect(growth.warnings).toEqual(['the contour reached the 8 mm bound round the seed and may continue beyond it: check it, or raise the maximum radius']);
    const [nx, ny] = head.dims;
    let farthest = 0;
    growth.mask.forEach((v, n) => {
      if (!v) return;
      const p = applyToPoint(head.ijkToLps, vec3<'IJK'>(n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))));
      farthest = Math.max(farthest, Math.hypot(p[0] - seed[0], p[1] - seed[1], p[2] - seed[2]));
    });
    expect(farthest).toBeLessThanOrEqual(8);
    // The part of the lesion inside the ball, and nothing else.
    expect(dice(growth.mask, Uint8Array.from(placed.truth, (t, n) => {
      const p = applyToPoint(head.ijkToLps, vec3<'IJK'>(n % nx, Math.floor(n / nx) % ny, Math.floor(n / (nx * ny))));
      return t && Math.hypot(p[0] - seed[0], p[1] - seed[1], p[2] - seed[2]) <= 8 ? 1 : 0;
    }))).toBeGreaterThanOrEqual(0.9);
    // The default bound holds the whole lesion from the same click.
    expect(growLesion(placed.image, seed).hitRadiusBound).toBe(false);
  });

  it('refuses a seed outside the image, on background (air), and a bad radius, with typed errors', () => {
    const placed = noisy(sphere10);
    const outside = vec3<'LPS'>(300, 0, 0);
    expect(() => growLesion(placed.image, outside)).toThrow(SeedOutsideImageError);
    expect(() => growLesion(placed.image, outside)).toThrow(/^the seed \(300\.0, 0\.0, 0\.0\) mm LPS lies outside the image \(voxel .*; the grid is 112×80×96\)$/);
    // Above the scalp: the top rows of the crop are air.
    const air = vec3<'IJK'>(56, 0, 48);
    expect(head.data[voxelIndex(head, air)]).toBeLessThan(10);
    const airSeed = applyToPoint(head.ijkToLps, air);
    expect(() => growLesion(placed.image, airSeed)).toThrow(SeedNotDistinctError);
    expect(() => growLesion(placed.image, airSeed)).toThrow(/does not stand out from its surroundings .*: click inside an enhancing lesion$/);
    for (const maxRadiusMm of [0, -3, Number.NaN]) {
      expect(() => growLesion(placed.image, sphere10.centre, { maxRadiusMm })).toThrow(expect.objectContaining({ code: 'bad-option' }) as Error);
    }
    expect(() => growLesion(placed.image, sphere10.centre, { maxRadiusMm: 0 })).toThrow(LesionError);
    // A bound beyond any lesion (a typo such as 100000) and one smaller than a voxel are refused, saying which.
    expect(() => growLesion(placed.image, sphere10.centre, { maxRadiusMm: 100000 })).toThrow(/the maximum radius 100000 mm is larger than any lesion this tool is for \(at most 100 mm\)/);
    expect(growLesion(placed.image, sphere10.centre, { maxRadiusMm: 100 }).voxelCount).toBeGreaterThan(0);
    expect(() => growLesion(placed.image, sphere10.centre, { maxRadiusMm: 0.1 })).toThrow(/the maximum radius 0\.1 mm is smaller than a voxel of this image \(1 mm\): nothing could be grown/);
  });

  it('finds the lesion in a whole 256³ int16 volume (timing: bench/lesion.ts)', () => {
    const placed = noisy(sphere10);
    const n = 256;
    const data = new Int16Array(n * n * n);
    const [hx, hy, hz] = head.dims;
    // The crop back at its place in the conformed 256³ head (voxel 72, 48, 72).
    for (let k = 0; k < hz; k++) for (let j = 0; j < hy; j++) for (let i = 0; i < hx; i++) data[i + 72 + n * (j + 48 + n * (k + 72))] = Math.round(placed.image.data[i + hx * (j + hy * k)]!);
    const big = { dims: [n, n, n] as const, data, ijkToLps: multiply(head.ijkToLps, invert(mat4<'IJK', 'IJK'>([1, 0, 0, 72, 0, 1, 0, 48, 0, 0, 1, 72, 0, 0, 0, 1]))) };
    const started = performance.now();
    const growth = growLesion(big, sphere10.centre);
    const ms = performance.now() - started;
    console.info(`256³ int16 volume, 10 mm lesion: ${ms.toFixed(0)} ms, ${growth.voxelCount} voxels`);
    expect(Math.abs(growth.volumeCc / placed.exactVolumeCc - 1)).toBeLessThanOrEqual(0.2);
  });
});
