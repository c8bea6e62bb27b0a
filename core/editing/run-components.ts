import type { RowRuns } from './row-runs.js';

/**
 * Which runs touch: 6 and 26 in 3D (face / face, edge or corner), 4 in 2D within a slice (edge).
 * Runs of one row are never adjacent (a run is maximal), so only earlier rows are compared.
 */
export type RunConnectivity = 4 | 6 | 26;

export interface RunLabels {
  /** Component of each run, 1…count, numbered in order of each component's first voxel. */
  readonly labelOfRun: Int32Array;
  /** Voxel count of component c at index c − 1. */
  readonly sizes: number[];
}

/**
 * Connected components of runs with union-find (Hoshen–Kopelman on runs): each row's runs are
 * joined to overlapping runs of the neighbouring earlier rows. Cost ∝ runs, not voxels, so a
 * body-sized structure of a few hundred thousand runs labels in milliseconds.
 */
export function labelRuns(src: RowRuns, connectivity: RunConnectivity): RunLabels {
  const [, by, bz] = src.dims;
  const { rowStart, runs } = src;
  const total = runs.length >> 1;
  const parent = new Int32Array(total);
  for (let r = 0; r < total; r++) parent[r] = r;
  const find = (r: number): number => {
    let root = r;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[r] !== root) {
      const next = parent[r]!;
      parent[r] = root;
      r = next;
    }
    return root;
  };
  const unite = (a: number, b: number) => {
    const ra = find(a), rb = find(b);
    // Keep the earlier run as root, so numbering by root follows scan order.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  // Neighbour rows (dy, dz) that come earlier in scan order, and how far apart runs may be and still touch.
  const neighbours: [number, number][] = connectivity === 26 ? [[-1, 0], [-1, -1], [0, -1], [1, -1]] : connectivity === 6 ? [[-1, 0], [0, -1]] : [[-1, 0]];
  const gap = connectivity === 26 ? 1 : 0;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = z * by + y;
      const first = rowStart[row]!, last = rowStart[row + 1]!;
      if (first === last) continue;
      for (const [dy, dz] of neighbours) {
        const ny = y + dy, nz = z + dz;
        if (ny < 0 || ny >= by || nz < 0) continue;
        const other = nz * by + ny;
        let p = first, q = rowStart[other]!;
        const qEnd = rowStart[other + 1]!;
        while (p < last && q < qEnd) {
          const a = runs[2 * p]!, b = runs[2 * p + 1]!, c = runs[2 * q]!, d = runs[2 * q + 1]!;
          if (Math.max(a, c) <= Math.min(b, d) + gap) unite(p, q);
          // Advance whichever run ends first; the other may still touch the next one.
          if (b < d) p++;
          else q++;
        }
      }
    }
  }
  const labelOfRun = new Int32Array(total);
  const labelOfRoot = new Int32Array(total);
  const sizes: number[] = [];
  for (let r = 0; r < total; r++) {
    const root = find(r);
    if (labelOfRoot[root] === 0) {
      sizes.push(0);
      labelOfRoot[root] = sizes.length;
    }
    const label = labelOfRoot[root]!;
    labelOfRun[r] = label;
    sizes[label - 1]! += runs[2 * r + 1]! - runs[2 * r]! + 1;
  }
  return { labelOfRun, sizes };
}
