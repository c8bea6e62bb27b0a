/**
 * Choosing where inference runs. Accelerators are tried first; one that cannot create a session
 * (driver missing, provider library not shipped, unsupported op) falls through to the next, and
 * the CPU provider, bundled in onnxruntime-node, is always last.
 */

/** onnxruntime-node's execution provider names. */
export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

/** The order to try on a platform: CUDA (linux, win32), DirectML (win32), CoreML (darwin), then CPU. */
export function providerOrder(platform: NodeJS.Platform): ExecutionProviderName[] {
  switch (platform) {
    case 'linux':
      return ['cuda', 'cpu'];
    case 'win32':
      return ['cuda', 'dml', 'cpu'];
    case 'darwin':
      return ['coreml', 'cpu'];
    default:
      return ['cpu'];
  }
}

export interface ProviderAttempt {
  readonly provider: ExecutionProviderName;
  readonly ok: boolean;
  /** Why the provider could not create a session. */
  readonly error?: string;
  readonly durationMs: number;
}

export interface ProviderSelection<S> {
  readonly session: S;
  /** The provider the session was created with: the one that actually runs. */
  readonly provider: ExecutionProviderName;
  readonly attempts: readonly ProviderAttempt[];
}

export class NoExecutionProviderError extends Error {
  constructor(readonly attempts: readonly ProviderAttempt[]) {
    super(`no execution provider could create a session: ${attempts.map((a) => `${a.provider}: ${a.error ?? 'failed'}`).join('; ')}`);
    this.name = 'NoExecutionProviderError';
  }
}

/**
 * Create a session with the first provider that works. `create` is the seam: the app passes
 * onnxruntime-node, tests pass a fake that fails on chosen providers.
 * `order` overrides the platform order (e.g. `['cpu']` to force the CPU).
 */
export async function createSessionWithFallback<S>(
  platform: NodeJS.Platform,
  create: (provider: ExecutionProviderName) => Promise<S>,
  order: readonly ExecutionProviderName[] = providerOrder(platform),
): Promise<ProviderSelection<S>> {
  const attempts: ProviderAttempt[] = [];
  for (const provider of order) {
    const started = performance.now();
    try {
      const session = await create(provider);
      attempts.push({ provider, ok: true, durationMs: performance.now() - started });
      return { session, provider, attempts };
    } catch (error) {
      attempts.push({ provider, ok: false, error: error instanceof Error ? error.message : String(error), durationMs: performance.now() - started });
    }
  }
  throw new NoExecutionProviderError(attempts);
}
