import type { ImageVolume } from '../volume/image-volume.js';

/**
 * Confidence from test-time augmentation: the model is run K times on transformed inputs (flips,
 * say), each label map is mapped back to the original grid, and disagreement between the K maps
 * stands in for uncertainty. Label maps only — no probabilities — because that is what survives
 * post-processing and what every model in the registry returns.
 */

/** Per voxel, the fraction of the K maps that disagree with the most common label: 0 … (K−1)/K. */
export function voxelDisagreement(maps: readonly Uint8Array[]): Float32Array {
  const k = checkMaps(maps);
  const n = maps[0]!.length;
  const out = new Float32Array(n);
  const labels = new Uint8Array(k);
  for (let v = 0; v < n; v++) {
    for (let m = 0; m < k; m++) labels[m] = maps[m]![v]!;
    let modal = 0;
    for (let a = 0; a < k; a++) {
      let c = 0;
      for (let b = 0; b < k; b++) if (labels[b] === labels[a]) c++;
      if (c > modal) modal = c;
    }
    out[v] = 1 - modal / k;
  }
  return out;
}

/**
 * For one structure (label value), per voxel: how many of the K maps say "this structure".
 * Binary masks are label maps with label 1.
 */
export function structureVotes(maps: readonly Uint8Array[], label = 1): Uint8Array {
  const k = checkMaps(maps);
  if (k > 255) throw new RangeError(`${k} maps: at most 255 votes fit a byte`);
  const votes = new Uint8Array(maps[0]!.length);
  for (const map of maps) for (let v = 0; v < map.length; v++) if (map[v] === label) votes[v]!++;
  return votes;
}

export interface StructureConfidence {
  /**
   * Mean agreement over the union of the K masks, agreement being the share of maps on the majority
   * side (max(c, K−c)/K for c votes): 1 when all K agree everywhere; 1 also when no map has the
   * structure (nothing to disagree about, and unionVoxels says so).
   */
  readonly confidence: number;
  readonly unionVoxels: number;
  /** Voxels every map includes. */
  readonly intersectionVoxels: number;
}

export function structureConfidence(maps: readonly Uint8Array[], label = 1): StructureConfidence {
  const k = maps.length;
  const votes = structureVotes(maps, label);
  let union = 0, all = 0, sum = 0;
  for (const c of votes) {
    if (c === 0) continue;
    union++;
    if (c === k) all++;
    sum += Math.max(c, k - c) / k;
  }
  return { confidence: union === 0 ? 1 : sum / union, unionVoxels: union, intersectionVoxels: all };
}

export interface LowConfidenceRegion {
  readonly voxels: number;
  readonly volumeMm3: number;
  /** Inclusive voxel bounds. */
  readonly lo: readonly [number, number, number];
  readonly hi: readonly [number, number, number];
  /** Centre of mass in voxel indices (a continuous IJK point: convert with ijkToLps to show it). */
  readonly centroidIjk: readonly [number, number, number];
  /** Mean share of maps in the minority over the region: up to 0.5. */
  readonly meanDisagreement: number;
}

export interface LowConfidenceOptions {
  readonly label?: number;
  /**
   * A voxel is uncertain when at least this share of the maps is in the minority (min(c, K−c)/K).
   * Default: any disagreement at all (1/K).
   */
  readonly minDisagreement?: number;
  /** Regions smaller than this are not flagged: a one-voxel flicker at the edge is not a finding. */
  readonly minVolumeMm3?: number;
}

/**
 * Connected regions (6-connected) where the maps disagree about the structure, largest first, for
 * the reviewer to look at before approving.
 */
export function lowConfidenceRegions(
  maps: readonly Uint8Array[], grid: Pick<ImageVolume, 'dims' | 'spacingMm'>, options: LowConfidenceOptions = {},
): LowConfidenceRegion[] {
  const k = maps.length;
  const votes = structureVotes(maps, options.label ?? 1);
  const [nx, ny, nz] = grid.dims;
  if (votes.length !== nx * ny * nz) throw new RangeError(`maps have ${votes.length} voxels, the grid ${nx * ny * nz}`);
  const threshold = options.minDisagreement ?? 1 / k;
  const voxelMm3 = grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2];
  const minVoxels = (options.minVolumeMm3 ?? 0) / voxelMm3;
  const minority = (v: number): number => Math.min(votes[v]!, k - votes[v]!) / k;
  // 1e-9: 1/K as a threshold must catch exactly-1/K voxels despite rounding.
  const uncertain = (v: number): boolean => votes[v]! > 0 && minority(v) >= threshold - 1e-9;
  const seen = new Uint8Array(votes.length);
  const stack = new Int32Array(votes.length);
  const regions: LowConfidenceRegion[] = [];
  for (let start = 0; start < votes.length; start++) {
    if (seen[start] || !uncertain(start)) continue;
    let top = 0, count = 0, disagreement = 0;
    const lo = [nx, ny, nz], hi = [-1, -1, -1], sum = [0, 0, 0];
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const v = stack[--top]!;
      const i = v % nx, j = Math.floor(v / nx) % ny, kk = Math.floor(v / (nx * ny));
      count++;
      disagreement += minority(v);
      [i, j, kk].forEach((c, a) => {
        lo[a] = Math.min(lo[a]!, c);
        hi[a] = Math.max(hi[a]!, c);
        sum[a]! += c;
      });
      const push = (w: number): void => {
        if (!seen[w] && uncertain(w)) {
          seen[w] = 1;
          stack[top++] = w;
        }
      };
      if (i > 0) push(v - 1);
      if (i < nx - 1) push(v + 1);
      if (j > 0) push(v - nx);
      if (j < ny - 1) push(v + nx);
      if (kk > 0) push(v - nx * ny);
      if (kk < nz - 1) push(v + nx * ny);
    }
    if (count < minVoxels) continue;
    regions.push({
      voxels: count,
      volumeMm3: count * voxelMm3,
      lo: [lo[0]!, lo[1]!, lo[2]!],
      hi: [hi[0]!, hi[1]!, hi[2]!],
      centroidIjk: [sum[0]! / count, sum[1]! / count, sum[2]! / count],
      meanDisagreement: disagreement / count,
    });
  }
  return regions.sort((a, b) => b.voxels - a.voxels);
}

function checkMaps(maps: readonly Uint8Array[]): number {
  const first = maps[0];
  if (!first) throw new RangeError('at least one label map is needed');
  for (const m of maps) if (m.length !== first.length) throw new RangeError(`label maps of ${first.length} and ${m.length} voxels`);
  return maps.length;
}
