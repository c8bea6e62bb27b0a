import { env, InferenceSession, Tensor } from 'onnxruntime-node';
import type { ExecutionProviderName } from './execution-providers.js';

/**
 * One loaded network. `run` takes a [nk][nj][ni] float32 block (i fastest) and returns the
 * logits [C][nk][nj][ni]. It blocks the calling thread while onnxruntime computes, which is why
 * the pipeline runs in a worker thread.
 */
export interface NetworkSession {
  run(input: Float32Array, dims: readonly [number, number, number]): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  readonly inputName: string;
  readonly outputName: string;
  /** Intra-op threads; onnxruntime's default is every core, which starves the UI on a 2-core laptop. */
  readonly threads: number;
}

export function onnxruntimeVersion(): string {
  return env.versions.node ?? env.versions.common;
}

/** An onnxruntime-node session on one provider, from weights already checked against the manifest. */
export async function createOrtSession(weights: Uint8Array, provider: ExecutionProviderName, options: OrtSessionOptions): Promise<NetworkSession> {
  // A missing accelerator is logged by onnxruntime's shared environment before the session's own
  // log level applies; the failure is kept in our provider attempts, so keep stderr for fatal ones.
  env.logLevel = 'fatal';
  const session = await InferenceSession.create(weights, {
    executionProviders: [provider],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // The arena keeps each slab's buffers after its run: with it, the 104-class model in four
    // slabs peaked at 13.9 GiB on a 10 GiB budget, without it 9.7 GiB (bench/segmentation.ts).
    // Memory then matches the budget and goes back to the system between runs.
    enableCpuMemArena: false,
    // A provider that cannot load logs an error before we fall back; our attempt record keeps it.
    logSeverityLevel: provider === 'cpu' ? 2 : 4,
  });
  if (!session.inputNames.includes(options.inputName) || !session.outputNames.includes(options.outputName)) {
    await session.release();
    throw new Error(
      `the network's inputs ${JSON.stringify(session.inputNames)} / outputs ${JSON.stringify(session.outputNames)} do not include the manifest's '${options.inputName}' / '${options.outputName}'`,
    );
  }
  return {
    async run(input, dims) {
      const feeds = { [options.inputName]: new Tensor('float32', input, [1, 1, dims[0], dims[1], dims[2]]) };
      const result = await session.run(feeds, [options.outputName]);
      const output = result[options.outputName];
      if (!output || output.type !== 'float32') throw new Error(`the network returned no float32 '${options.outputName}'`);
      const data = output.data as Float32Array;
      const voxels = dims[0] * dims[1] * dims[2];
      if (data.length % voxels !== 0) throw new Error(`output has ${data.length} values, not a whole number of ${voxels}-voxel channels`);
      return data;
    },
    release: () => session.release(),
  };
}
