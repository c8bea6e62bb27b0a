import type { Box, MaskGrid } from './mask-grid.js';
import { checkMask, growBox, maskBounds } from './mask-grid.js';
import type { RowRuns } from './row-runs.js';
import { rowRuns } from './row-runs.js';
import type { RunConnectivity } from './run-components.js';
import { labelRuns } from './run-components.js';

/**
 * Fill the holes of a mask in 3D: a hole is background that cannot reach the edge of the grid
 * through face-adjacent (6-connected) background voxels. 6-connected background pairs with
 * 26-connected foreground, so a diagonal crack in a wall does not let a cavity leak out.
 */
export function fillHoles3d(mask: Uint8Array, grid: MaskGrid): Uint8Array {
  return fillHoles(mask, grid, 6);
}

/**
 * Fill the holes of each slice k (the plane a structure is drawn in) in 2D: background that cannot
 * reach the slice's edge through edge-adjacent (4-connected) background pixels.
 */
export function fillHolesPerSlice(mask: Uint8Array, grid: MaskGrid): Uint8Array {
  return fillHoles(mask, grid, 4);
}

/**
 * Background outside the mask's bounding box always reaches the grid edge (walk away from the box
 * along one axis), so only the background inside the box, plus a one-voxel ring round it, is
 * labelled; components touching the ring are outside, the rest are holes. The ring may lie past
 * the grid edge, where it stands for the edge itself.
 */
function fillHoles(mask: Uint8Array, grid: MaskGrid, connectivity: RunConnectivity): Uint8Array {
  checkMask(mask, grid);
  const out = mask.slice();
  const bounds = maskBounds(mask, grid.dims);
  if (!bounds) return out;
  const ring = connectivity === 4 ? [1, 1, 0] : [1, 1, 1];
  const box = growBox(bounds, ring, ring);
  const background = rowRuns(mask, grid.dims, box, 1, true);
  const { labelOfRun, sizes } = labelRuns(background, connectivity);
  const outside = new Uint8Array(sizes.length + 1);
  markBoxEdge(background, labelOfRun, outside, connectivity === 4);
  fillLabels(background, box, grid.dims, labelOfRun, (l) => outside[l] === 0, out);
  return out;
}

/** Flag the labels of runs on the box's outer ring (per slice only, for 2D). */
function markBoxEdge(src: RowRuns, labelOfRun: Int32Array, outside: Uint8Array, perSlice: boolean): void {
  const [bx, by, bz] = src.dims;
  for (let z = 0; z < bz; z++) for (let y = 0; y < by; y++) {
    const row = z * by + y;
    const edgeRow = y === 0 || y === by - 1 || (!perSlice && (z === 0 || z === bz - 1));
    for (let r = src.rowStart[row]!; r < src.rowStart[row + 1]!; r++) {
      if (edgeRow || src.runs[2 * r] === 0 || src.runs[2 * r + 1] === bx - 1) outside[labelOfRun[r]!] = 1;
    }
  }
}

function fillLabels(src: RowRuns, box: Box, dims: readonly [number, number, number], labelOfRun: Int32Array, fill: (label: number) => boolean, out: Uint8Array): void {
  const [nx, ny] = dims;
  const [, by, bz] = src.dims;
  for (let z = 0; z < bz; z++) for (let y = 0; y < by; y++) {
    const row = z * by + y;
    for (let r = src.rowStart[row]!; r < src.rowStart[row + 1]!; r++) {
      if (!fill(labelOfRun[r]!)) continue;
      // A hole never touches the ring, so it lies inside the grid.
      const base = ((box.lo[2] + z) * ny + box.lo[1] + y) * nx + box.lo[0];
      out.fill(1, base + src.runs[2 * r]!, base + src.runs[2 * r + 1]! + 1);
    }
  }
}
