import type { Vec3 } from '../geometry/spaces.js';

export type LesionErrorCode = 'seed-outside-image' | 'seed-not-distinct' | 'bad-option';

/**
 * Why a one-click lesion could not be grown. Every message is one line the user can act on and
 * names the seed in patient coordinates (LPS, mm), as it was given.
 */
export class LesionError extends Error {
  constructor(
    readonly code: LesionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LesionError';
  }
}

export function formatLps(p: Vec3<'LPS'>): string {
  return `(${p.map((v) => v.toFixed(1)).join(', ')}) mm LPS`;
}

export class SeedOutsideImageError extends LesionError {
  constructor(
    readonly seed: Vec3<'LPS'>,
    readonly voxel: Vec3<'IJK'>,
    readonly dims: readonly [number, number, number],
  ) {
    const at = voxel.map((v) => v.toFixed(1)).join(', ');
    super('seed-outside-image', `the seed ${formatLps(seed)} lies outside the image (voxel ${at}; the grid is ${dims.join('×')})`);
    this.name = 'SeedOutsideImageError';
  }
}

/** The click is on background or on tissue that is not brighter than what surrounds it. */
export class SeedNotDistinctError extends LesionError {
  constructor(
    readonly seed: Vec3<'LPS'>,
    readonly lesionLevel: number,
    readonly backgroundLevel: number,
    readonly noise: number,
  ) {
    const f = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
    super(
      'seed-not-distinct',
      `the seed ${formatLps(seed)} does not stand out from its surroundings (seed ${f(lesionLevel)}, surroundings ${f(backgroundLevel)}, noise ${f(noise)}): click inside an enhancing lesion`,
    );
    this.name = 'SeedNotDistinctError';
  }
}
