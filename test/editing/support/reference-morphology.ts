/**
 * Plain voxel-by-voxel breadth-first references for the run-based component labelling and hole
 * filling: slow, obviously right, small grids only.
 */
function offsets(connectivity: 4 | 6 | 26): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
    const m = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
    if (m === 0 || (connectivity !== 26 && m > 1) || (connectivity === 4 && dk !== 0)) continue;
    out.push([di, dj, dk]);
  }
  return out;
}

/** Component label per voxel, numbered in scan order of each component's first voxel. */
export function bfsLabels(mask: Uint8Array, dims: [number, number, number], connectivity: 4 | 6 | 26): Int32Array {
  const [nx, ny, nz] = dims;
  const labels = new Int32Array(mask.length);
  let next = 0;
  for (let seed = 0; seed < mask.length; seed++) {
    if (!mask[seed] || labels[seed]) continue;
    labels[seed] = ++next;
    const queue = [seed];
    while (queue.length) {
      const v = queue.pop()!;
      const i = v % nx, j = Math.floor(v / nx) % ny, k = Math.floor(v / (nx * ny));
      for (const [di, dj, dk] of offsets(connectivity)) {
        const ii = i + di, jj = j + dj, kk = k + dk;
        if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0 || kk >= nz) continue;
        const w = ii + nx * (jj + ny * kk);
        if (mask[w] && !labels[w]) {
          labels[w] = next;
          queue.push(w);
        }
      }
    }
  }
  return labels;
}

/** Background components (6 in 3D, 4 per slice) that touch no grid edge, filled. */
export function bfsFillHoles(mask: Uint8Array, dims: [number, number, number], perSlice: boolean): Uint8Array {
  const [nx, ny, nz] = dims;
  const background = mask.map((v) => (v ? 0 : 1));
  const labels = bfsLabels(background, dims, perSlice ? 4 : 6);
  const edge = new Set<number>();
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const onEdge = i === 0 || j === 0 || i === nx - 1 || j === ny - 1 || (!perSlice && (k === 0 || k === nz - 1));
    const l = labels[i + nx * (j + ny * k)]!;
    if (onEdge && l) edge.add(l);
  }
  return mask.map((v, n) => (v || (labels[n] && !edge.has(labels[n])) ? 1 : 0));
}
