import type { MaskGrid } from './mask-grid.js';
import { checkMask, maskBounds, voxelTotal, voxelVolumeCc } from './mask-grid.js';
import type { RowRuns } from './row-runs.js';
import { rowRuns } from './row-runs.js';
import { labelRuns } from './run-components.js';

/**
 * Connectivity of voxels: 6 = sharing a face, 26 = sharing a face, edge or corner. 26 keeps a
 * diagonal strand (a vessel drawn slice by slice, a thin oblique wall) in one piece; 6 splits it.
 */
export type Connectivity = 6 | 26;

export interface Components {
  /** 0 = background, 1…count = component (numbered in scan order of first voxel), per voxel. */
  readonly labels: Int32Array;
  /** Voxel count of component c at index c − 1. */
  readonly sizes: number[];
}

interface RunComponents {
  readonly runs: RowRuns;
  readonly lo: readonly number[];
  readonly labelOfRun: Int32Array;
  readonly sizes: number[];
}

function runComponents(mask: Uint8Array, grid: MaskGrid, connectivity: Connectivity): RunComponents | null {
  checkMask(mask, grid);
  const bounds = maskBounds(mask, grid.dims);
  if (!bounds) return null;
  const runs = rowRuns(mask, grid.dims, bounds, 0, false);
  return { runs, lo: bounds.lo, ...labelRuns(runs, connectivity) };
}

/** Write the runs whose label passes `keep` into a full-grid array (value from `value`). */
function paintRuns<T extends Uint8Array | Int32Array>(c: RunComponents, dims: readonly number[], out: T, value: (label: number) => number): T {
  const [nx, ny] = dims as [number, number];
  const [, by, bz] = c.runs.dims;
  for (let z = 0; z < bz; z++) for (let y = 0; y < by; y++) {
    const row = z * by + y;
    const base = ((c.lo[2]! + z) * ny + c.lo[1]! + y) * nx + c.lo[0]!;
    for (let r = c.runs.rowStart[row]!; r < c.runs.rowStart[row + 1]!; r++) {
      const v = value(c.labelOfRun[r]!);
      if (v) out.fill(v, base + c.runs.runs[2 * r]!, base + c.runs.runs[2 * r + 1]! + 1);
    }
  }
  return out;
}

/** Label the connected components of a mask. */
export function labelComponents(mask: Uint8Array, grid: MaskGrid, connectivity: Connectivity): Components {
  const c = runComponents(mask, grid, connectivity);
  const labels = new Int32Array(voxelTotal(grid));
  if (!c) return { labels, sizes: [] };
  return { labels: paintRuns(c, grid.dims, labels, (l) => l), sizes: c.sizes };
}

/** Drop the components smaller than `minVolumeCc` (cc = cm³, from the grid's voxel volume). */
export function removeIslands(mask: Uint8Array, grid: MaskGrid, minVolumeCc: number, connectivity: Connectivity = 26): Uint8Array {
  if (!(minVolumeCc >= 0)) throw new RangeError(`minimum island volume must be ≥ 0 cc, got ${minVolumeCc}`);
  const c = runComponents(mask, grid, connectivity);
  const out = new Uint8Array(voxelTotal(grid));
  if (!c) return out;
  const cc = voxelVolumeCc(grid);
  return paintRuns(c, grid.dims, out, (l) => (c.sizes[l - 1]! * cc >= minVolumeCc ? 1 : 0));
}

/** Keep only the largest component (the first in scan order on a tie); an empty mask stays empty. */
export function keepLargestComponent(mask: Uint8Array, grid: MaskGrid, connectivity: Connectivity = 26): Uint8Array {
  const c = runComponents(mask, grid, connectivity);
  const out = new Uint8Array(voxelTotal(grid));
  if (!c) return out;
  let best = 1;
  c.sizes.forEach((size, n) => {
    if (size > c.sizes[best - 1]!) best = n + 1;
  });
  return paintRuns(c, grid.dims, out, (l) => (l === best ? 1 : 0));
}
