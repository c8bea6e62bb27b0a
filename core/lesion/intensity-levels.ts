import { percentile } from '../review/agreement.js';

/** A robust level and spread of a set of voxel values. */
export interface Levels {
  readonly median: number;
  /** 1.4826 × median absolute deviation: the standard deviation for Gaussian noise, robust to outliers. */
  readonly sigma: number;
}

/** Values of the box voxels where `take` holds. */
export function valuesWhere(values: Float32Array, take: (n: number) => boolean): Float64Array {
  const out: number[] = [];
  for (let n = 0; n < values.length; n++) if (take(n)) out.push(values[n]!);
  return Float64Array.from(out);
}

export function robustLevels(values: Float64Array): Levels {
  if (values.length === 0) return { median: Number.NaN, sigma: Number.NaN };
  const median = percentile(values, 50);
  const deviations = values.map((v) => Math.abs(v - median));
  return { median, sigma: 1.4826 * percentile(deviations, 50) };
}

export { percentile };

/** Mean of the `count` highest values at the given box indices. */
export function brightestMean(values: Float32Array, indices: readonly number[], count: number): number {
  const top = indices.map((n) => values[n]!).sort((a, b) => b - a).slice(0, count);
  return top.reduce((a, b) => a + b, 0) / top.length;
}
