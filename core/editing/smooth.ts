import type { MaskGrid } from './mask-grid.js';
import { boxDims, checkMask, cropMask, growBox, maskBounds, pasteBox, stepMm, voxelTotal } from './mask-grid.js';

/**
 * Smooth a mask: Gaussian blur of the 0/1 mask with standard deviation `sigmaMm` (the same in mm
 * along every axis, so fewer voxels along a 3 mm slice step than in-plane), kernel truncated at
 * 3σ and normalised to sum 1, then keep voxels with value ≥ 0.5. This rounds corners and fills
 * notches narrower than about σ and removes protrusions thinner than about σ. A flat surface stays
 * where it is; a curved one moves towards its centre of curvature by about σ²κ/2 (κ = 1/R1 + 1/R2,
 * so σ²/R for a ball: 0.2 mm for σ = 1.5 mm, R = 10 mm, as test/editing/morphology.test.ts shows).
 * At the grid edge the nearest voxel is repeated, as if the structure continued beyond the scan.
 */
export function smoothMask(mask: Uint8Array, grid: MaskGrid, sigmaMm: number): Uint8Array {
  checkMask(mask, grid);
  if (!(sigmaMm >= 0) || !Number.isFinite(sigmaMm)) throw new RangeError(`smoothing σ must be a finite number of mm ≥ 0, got ${sigmaMm}`);
  if (sigmaMm === 0) return mask.slice();
  const bounds = maskBounds(mask, grid.dims);
  const out = new Uint8Array(voxelTotal(grid));
  if (!bounds) return out;
  const spacing = stepMm(grid);
  const kernels = spacing.map((s) => gaussianKernel(sigmaMm / s));
  const reach = kernels.map((k) => (k.length - 1) / 2);
  // Beyond 3σ of the structure the blur is below the truncation, so the box holds every change.
  const box = growBox(bounds, reach, reach, grid.dims);
  const dims = boxDims(box);
  const crop = cropMask(mask, grid.dims, box, 0);
  let values: Float32Array = Float32Array.from(crop);
  for (let axis = 0; axis < 3; axis++) values = convolveAxis(values, dims, axis, kernels[axis]!);
  for (let n = 0; n < crop.length; n++) crop[n] = values[n]! >= 0.5 ? 1 : 0;
  return pasteBox(crop, box, grid.dims, out);
}

function gaussianKernel(sigmaVoxels: number): Float64Array {
  const radius = Math.ceil(3 * sigmaVoxels);
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let d = -radius; d <= radius; d++) sum += k[d + radius] = Math.exp(-(d * d) / (2 * sigmaVoxels * sigmaVoxels));
  for (let n = 0; n < k.length; n++) k[n]! /= sum;
  return k;
}

/** 1D convolution along one axis with the index clamped to the box (edge voxel repeated). */
function convolveAxis(v: Float32Array, dims: [number, number, number], axis: number, kernel: Float64Array): Float32Array {
  const radius = (kernel.length - 1) / 2;
  if (radius === 0) return v;
  const n = dims[axis]!;
  const stride = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  const out = new Float32Array(v.length);
  const line = new Float64Array(n);
  // Line starts: every voxel whose coordinate along `axis` is 0.
  const [nx, ny, nz] = dims;
  const starts: number[] = [];
  if (axis === 0) for (let r = 0; r < ny * nz; r++) starts.push(r * nx);
  else if (axis === 1) for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) starts.push(k * nx * ny + i);
  else for (let p = 0; p < nx * ny; p++) starts.push(p);
  const lastChange = new Int32Array(n);
  for (const base of starts) {
    // lastChange[x]: the largest c ≤ x with line[c] ≠ line[c − 1], or −n when there is none.
    let changes = 0;
    for (let p = 0; p < n; p++) {
      line[p] = v[base + p * stride]!;
      const changed = p > 0 && line[p] !== line[p - 1];
      if (changed) changes++;
      lastChange[p] = changed ? p : p > 0 ? lastChange[p - 1]! : -n;
      out[base + p * stride] = line[p]!;
    }
    if (changes === 0) continue;
    // A window that sees one value gets it back (the kernel sums to 1; the edge repeats): only
    // windows holding a change, c in [p − r + 1, p + r], need the sum. A body's interior is free.
    for (let p = 0; p < n; p++) {
      if (lastChange[Math.min(n - 1, p + radius)]! < p - radius + 1) continue;
      let s = 0;
      for (let d = -radius; d <= radius; d++) s += kernel[d + radius]! * line[Math.min(n - 1, Math.max(0, p + d))]!;
      out[base + p * stride] = s;
    }
  }
  return out;
}
