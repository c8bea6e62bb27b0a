import type { PostprocessRule } from './model-manifest.js';

/**
 * Binary clean-up of one structure on a [nz][ny][nx] grid (i fastest), in place.
 * Foreground uses 26-connectivity and background 6-connectivity: the complementary pair, so a
 * component kept by the first step never has a "hole" that is really a diagonal leak.
 * Work is done on the structure's bounding box plus a one-voxel border, not the whole grid.
 */
export function postprocessMask(mask: Uint8Array, dims: readonly [number, number, number], rule: PostprocessRule): void {
  if (!rule.largestComponent && !rule.fillHoles) return;
  const box = tightBox(mask, dims);
  if (!box) return;
  const sub = cut(mask, dims, box);
  if (rule.largestComponent) keepLargestComponents(sub.data, sub.dims, rule.components);
  if (rule.fillHoles) fillHoles(sub.data, sub.dims);
  paste(mask, dims, box, sub.data);
}

interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
}

function tightBox(mask: Uint8Array, [nx, ny, nz]: readonly [number, number, number]): Box | null {
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [-1, -1, -1];
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] === 0) continue;
        if (i < lo[0]) lo[0] = i;
        if (i > hi[0]) hi[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
    }
  }
  return hi[0] < 0 ? null : { lo, hi };
}

/** Copy the box with a one-voxel zero border, so the outside of the structure is connected. */
function cut(mask: Uint8Array, [nx, ny]: readonly [number, number, number], box: Box): { data: Uint8Array; dims: [number, number, number] } {
  const d: [number, number, number] = [box.hi[0] - box.lo[0] + 3, box.hi[1] - box.lo[1] + 3, box.hi[2] - box.lo[2] + 3];
  const data = new Uint8Array(d[0] * d[1] * d[2]);
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      const src = box.lo[0] + nx * (j + ny * k);
      const dst = 1 + d[0] * (j - box.lo[1] + 1 + d[1] * (k - box.lo[2] + 1));
      data.set(mask.subarray(src, src + box.hi[0] - box.lo[0] + 1), dst);
    }
  }
  return { data, dims: d };
}

function paste(mask: Uint8Array, [nx, ny]: readonly [number, number, number], box: Box, data: Uint8Array): void {
  const dx = box.hi[0] - box.lo[0] + 3;
  const dy = box.hi[1] - box.lo[1] + 3;
  for (let k = box.lo[2]; k <= box.hi[2]; k++) {
    for (let j = box.lo[1]; j <= box.hi[1]; j++) {
      const src = 1 + dx * (j - box.lo[1] + 1 + dy * (k - box.lo[2] + 1));
      mask.set(data.subarray(src, src + box.hi[0] - box.lo[0] + 1), box.lo[0] + nx * (j + ny * k));
    }
  }
}

function neighbourOffsets(nx: number, nxy: number, connectivity: 6 | 26): number[] {
  const out: number[] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (manhattan === 0 || (connectivity === 6 && manhattan > 1)) continue;
        out.push(di + nx * dj + nxy * dk);
      }
    }
  }
  return out;
}

/**
 * Keep the `count` largest 26-connected components. The grid must have a zero border (as `cut`
 * makes), so neighbour offsets never wrap around an edge.
 */
function keepLargestComponents(mask: Uint8Array, [nx, ny, nz]: readonly [number, number, number], count = 1): void {
  const nxy = nx * ny;
  const offsets = neighbourOffsets(nx, nxy, 26);
  const component = new Int32Array(nx * ny * nz);
  const queue = new Int32Array(nx * ny * nz);
  const sizes: number[] = [0];
  for (let seed = 0; seed < mask.length; seed++) {
    if (mask[seed] === 0 || component[seed] !== 0) continue;
    const id = sizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    component[seed] = id;
    while (head < tail) {
      const v = queue[head++]!;
      for (const o of offsets) {
        const w = v + o;
        if (mask[w] !== 0 && component[w] === 0) {
          component[w] = id;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  if (sizes.length - 1 <= count) return;
  // Ties go to the component found first (lowest voxel index), so the result is deterministic.
  const keep = new Set(
    sizes
      .map((size, id) => ({ size, id }))
      .slice(1)
      .sort((a, b) => b.size - a.size || a.id - b.id)
      .slice(0, count)
      .map((c) => c.id),
  );
  for (let v = 0; v < mask.length; v++) if (mask[v] !== 0 && !keep.has(component[v]!)) mask[v] = 0;
}

/** Set every background voxel that is not 6-connected to the (zero) border of the grid. */
function fillHoles(mask: Uint8Array, [nx, ny, nz]: readonly [number, number, number]): void {
  const nxy = nx * ny;
  const outside = new Uint8Array(mask.length);
  const queue = new Int32Array(mask.length);
  let tail = 0;
  const seed = (v: number): void => {
    if (mask[v] === 0 && outside[v] === 0) {
      outside[v] = 1;
      queue[tail++] = v;
    }
  };
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1) seed(i + nx * j + nxy * k);
      }
    }
  }
  let head = 0;
  while (head < tail) {
    const v = queue[head++]!;
    const i = v % nx;
    const j = Math.floor(v / nx) % ny;
    const k = Math.floor(v / nxy);
    if (i > 0) seed(v - 1);
    if (i < nx - 1) seed(v + 1);
    if (j > 0) seed(v - nx);
    if (j < ny - 1) seed(v + nx);
    if (k > 0) seed(v - nxy);
    if (k < nz - 1) seed(v + nxy);
  }
  for (let v = 0; v < mask.length; v++) if (mask[v] === 0 && outside[v] === 0) mask[v] = 1;
}
