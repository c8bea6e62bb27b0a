import type { Connectivity } from '../editing/components.js';

/**
 * Voxels of a box reachable from `starts` through voxels that are allowed and at least
 * `threshold`: the region a click grows into. A breadth-first fill over a flat queue, O(voxels
 * visited); starts below the threshold or not allowed are skipped.
 */
export function floodFill(
  values: Float32Array,
  allowed: Uint8Array,
  dims: readonly [number, number, number],
  threshold: number,
  starts: readonly number[],
  connectivity: Connectivity,
): Uint8Array {
  const [bx, by, bz] = dims;
  const out = new Uint8Array(values.length);
  const queue = new Int32Array(values.length);
  let head = 0, tail = 0;
  const push = (n: number): void => {
    if (out[n] || !allowed[n] || !(values[n]! >= threshold)) return;
    out[n] = 1;
    queue[tail++] = n;
  };
  for (const s of starts) push(s);
  const steps = neighbourSteps(connectivity);
  while (head < tail) {
    const n = queue[head++]!;
    const x = n % bx, y = Math.floor(n / bx) % by, z = Math.floor(n / (bx * by));
    for (const [dx, dy, dz] of steps) {
      const u = x + dx, v = y + dy, w = z + dz;
      if (u < 0 || v < 0 || w < 0 || u >= bx || v >= by || w >= bz) continue;
      push(u + bx * (v + by * w));
    }
  }
  return out;
}

/** Offsets to the 6 face neighbours, or all 26 neighbours. */
export function neighbourSteps(connectivity: Connectivity): [number, number, number][] {
  const steps: [number, number, number][] = [];
  for (let dz = -1; dz <= 1; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const order = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (order === 0 || (connectivity === 6 && order > 1)) continue;
        steps.push([dx, dy, dz]);
      }
    }
  }
  return steps;
}

/** Box indices of the voxels whose 6 face neighbours are all in the mask (box-edge voxels never are). */
export function interiorVoxels(mask: Uint8Array, dims: readonly [number, number, number]): number[] {
  const [bx, by, bz] = dims;
  const plane = bx * by;
  const out: number[] = [];
  for (let z = 1; z < bz - 1; z++) {
    for (let y = 1; y < by - 1; y++) {
      for (let x = 1, n = 1 + bx * (y + by * z); x < bx - 1; x++, n++) {
        if (mask[n] && mask[n - 1] && mask[n + 1] && mask[n - bx] && mask[n + bx] && mask[n - plane] && mask[n + plane]) out.push(n);
      }
    }
  }
  return out;
}

/** Whether a voxel of the region has a face neighbour that is not allowed yet at least the threshold: the growth was cut there. */
export function cutByBound(region: Uint8Array, allowed: Uint8Array, values: Float32Array, dims: readonly [number, number, number], threshold: number): boolean {
  const [bx, by, bz] = dims;
  const steps = neighbourSteps(6);
  for (let n = 0; n < region.length; n++) {
    if (!region[n]) continue;
    const x = n % bx, y = Math.floor(n / bx) % by, z = Math.floor(n / (bx * by));
    for (const [dx, dy, dz] of steps) {
      const u = x + dx, v = y + dy, w = z + dz;
      if (u < 0 || v < 0 || w < 0 || u >= bx || v >= by || w >= bz) continue;
      const m = u + bx * (v + by * w);
      if (!allowed[m] && values[m]! >= threshold) return true;
    }
  }
  return false;
}
