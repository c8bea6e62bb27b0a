import type { Normalisation } from './model-manifest.js';

/**
 * The network input from the conformed volume, over ALL its voxels (before any crop) so that
 * cropping never changes the values the network sees. Reproduces brainchop:
 * - minmax: (x − min) / (max − min);
 * - quantile: (x − q_lo) / (q_hi − q_lo) with q_lo = sorted[floor(n·lower)],
 *   q_hi = sorted[ceil(n·upper) − 1] (brainchop `calculateQuantiles`), no clipping.
 */
export function normaliseConformed(data: Uint8Array, rule: Normalisation): Float32Array {
  const [lo, hi] = rule.kind === 'minmax' ? minMax(data) : quantiles(data, rule.lower, rule.upper);
  if (!(hi > lo)) throw new Error(`cannot normalise: the ${rule.kind} range of the conformed image is empty (${lo}..${hi})`);
  const range = hi - lo;
  // A 256-entry table: the conformed image is uint8, and the table gives the same float32 values.
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = (v - lo) / range;
  const out = new Float32Array(data.length);
  for (let n = 0; n < data.length; n++) out[n] = table[data[n]!]!;
  return out;
}

function minMax(data: Uint8Array): [number, number] {
  let lo = 255;
  let hi = 0;
  for (let n = 0; n < data.length; n++) {
    const v = data[n]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Sorted-array quantiles from a histogram (exact for uint8). */
export function quantiles(data: Uint8Array, lower: number, upper: number): [number, number] {
  const hist = new Float64Array(256);
  for (let n = 0; n < data.length; n++) hist[data[n]!]!++;
  const valueAt = (index: number): number => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += hist[v]!;
      if (seen > index) return v;
    }
    return 255;
  };
  const n = data.length;
  return [valueAt(Math.floor(n * lower)), valueAt(Math.ceil(n * upper) - 1)];
}
