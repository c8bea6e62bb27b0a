import type { NetworkSpec } from './model-manifest.js';
import type { NetworkSession } from './network-session.js';

/** A slab of slices along k: the network sees [from, to), we keep labels of [keepFrom, keepTo). */
export interface Slab {
  readonly from: number;
  readonly to: number;
  readonly keepFrom: number;
  readonly keepTo: number;
}

/**
 * Bytes per voxel one run needs: the float32 input, two live hidden activations, and the logits
 * twice (onnxruntime's buffer and the copy onnxruntime-node hands to JavaScript). Matches the
 * measured peaks: 104 classes ≈ 1.0 kB/voxel (16.9 GB for 256³), 18 classes ≈ 0.3 kB/voxel.
 */
export function bytesPerVoxel(network: Pick<NetworkSpec, 'classes' | 'hiddenChannels'>): number {
  return 4 * (1 + 2 * network.hiddenChannels + 2 * network.classes);
}

export class MemoryBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryBudgetError';
  }
}

/**
 * Split `depth` slices so each run fits `maxBytes`. Each slab carries `halo` extra slices each side
 * (the receptive-field radius), so every kept voxel sees exactly the context it would see in one
 * whole run: tiled labels equal untiled labels.
 */
export function planSlabs(depth: number, bytesPerSlice: number, maxBytes: number, halo: number): Slab[] {
  if (depth * bytesPerSlice <= maxBytes) return [{ from: 0, to: depth, keepFrom: 0, keepTo: depth }];
  const fit = Math.floor(maxBytes / bytesPerSlice);
  const interior = fit - 2 * halo;
  if (interior < 1) {
    const need = ((2 * halo + 1) * bytesPerSlice) / 2 ** 30;
    throw new MemoryBudgetError(
      `the crop needs at least ${need.toFixed(1)} GiB per run (receptive field ${halo} slices each side); the budget is ${(maxBytes / 2 ** 30).toFixed(1)} GiB`,
    );
  }
  const count = Math.ceil(depth / interior);
  const step = Math.ceil(depth / count);
  const slabs: Slab[] = [];
  for (let keepFrom = 0; keepFrom < depth; keepFrom += step) {
    const keepTo = Math.min(depth, keepFrom + step);
    slabs.push({ from: Math.max(0, keepFrom - halo), to: Math.min(depth, keepTo + halo), keepFrom, keepTo });
  }
  return slabs;
}

export interface RunNetworkOptions {
  readonly network: Pick<NetworkSpec, 'classes' | 'hiddenChannels' | 'receptiveFieldRadiusVoxels'>;
  readonly maxTensorBytes: number;
  /** Throws when the run has been cancelled; called between slabs and between channels. */
  readonly checkpoint: () => void;
  readonly onSlab?: (done: number, total: number) => void;
}

/**
 * Labels (argmax over classes, first maximum wins as in tf.argMax) of a [nz][ny][nx] block.
 * The logits are consumed channel by channel into a running maximum, so no per-class volume is
 * ever made and no softmax is computed (argmax of the logits is the argmax of the softmax).
 */
export async function runNetwork(
  session: NetworkSession,
  input: Float32Array,
  dims: readonly [nx: number, ny: number, nz: number],
  options: RunNetworkOptions,
): Promise<Uint8Array> {
  const [nx, ny, nz] = dims;
  const slice = nx * ny;
  const classes = options.network.classes;
  const slabs = planSlabs(nz, slice * bytesPerVoxel(options.network), options.maxTensorBytes, options.network.receptiveFieldRadiusVoxels);
  const labels = new Uint8Array(slice * nz);
  for (const [index, slab] of slabs.entries()) {
    options.checkpoint();
    const slabInput = input.subarray(slab.from * slice, slab.to * slice);
    const logits = await session.run(slabInput, [slab.to - slab.from, ny, nx]);
    const slabVoxels = (slab.to - slab.from) * slice;
    if (logits.length !== classes * slabVoxels) {
      throw new Error(`the network returned ${logits.length / slabVoxels} channels, the manifest says ${classes}`);
    }
    options.checkpoint();
    const offset = (slab.keepFrom - slab.from) * slice;
    const kept = (slab.keepTo - slab.keepFrom) * slice;
    const best = logits.slice(offset, offset + kept);
    const out = labels.subarray(slab.keepFrom * slice, slab.keepTo * slice);
    for (let c = 1; c < classes; c++) {
      const base = c * slabVoxels + offset;
      for (let v = 0; v < kept; v++) {
        const x = logits[base + v]!;
        if (x > best[v]!) {
          best[v] = x;
          out[v] = c;
        }
      }
    }
    options.onSlab?.(index + 1, slabs.length);
  }
  return labels;
}
