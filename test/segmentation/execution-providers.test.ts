import { describe, expect, it } from 'vitest';
import type { ExecutionProviderName } from '../../core/segmentation/execution-providers.js';
import { createSessionWithFallback, NoExecutionProviderError, providerOrder } from '../../core/segmentation/execution-providers.js';
import { findModels, readVerifiedWeights } from '../../core/segmentation/model-registry.js';
import { createOrtSession } from '../../core/segmentation/network-session.js';

/** A session factory where only the listed providers work; it records what was tried. */
function fakeFactory(working: readonly ExecutionProviderName[]): {
  tried: ExecutionProviderName[];
  create: (p: ExecutionProviderName) => Promise<string>;
} {
  const tried: ExecutionProviderName[] = [];
  return {
    tried,
    create: (p) => {
      tried.push(p);
      return working.includes(p) ? Promise.resolve(`session on ${p}`) : Promise.reject(new Error(`${p} is not available`));
    },
  };
}

describe('providerOrder', () => {
  it('tries the platform accelerators, then the CPU', () => {
    expect(providerOrder('linux')).toEqual(['cuda', 'cpu']);
    expect(providerOrder('win32')).toEqual(['cuda', 'dml', 'cpu']);
    expect(providerOrder('darwin')).toEqual(['coreml', 'cpu']);
    expect(providerOrder('freebsd')).toEqual(['cpu']);
  });
});

describe('createSessionWithFallback', () => {
  it('linux without CUDA falls back to the CPU and reports why', async () => {
    const f = fakeFactory(['cpu']);
    const s = await createSessionWithFallback('linux', f.create);
    expect(s.provider).toBe('cpu');
    expect(s.session).toBe('session on cpu');
    expect(f.tried).toEqual(['cuda', 'cpu']);
    expect(s.attempts.map((a) => [a.provider, a.ok, a.error])).toEqual([
      ['cuda', false, 'cuda is not available'],
      ['cpu', true, undefined],
    ]);
  });

  it('windows without CUDA uses DirectML and never tries the CPU', async () => {
    const f = fakeFactory(['dml', 'cpu']);
    const s = await createSessionWithFallback('win32', f.create);
    expect(s.provider).toBe('dml');
    expect(f.tried).toEqual(['cuda', 'dml']);
  });

  it('windows with neither accelerator ends on the CPU', async () => {
    const f = fakeFactory(['cpu']);
    expect((await createSessionWithFallback('win32', f.create)).provider).toBe('cpu');
    expect(f.tried).toEqual(['cuda', 'dml', 'cpu']);
  });

  it('macOS uses CoreML when it works', async () => {
    const f = fakeFactory(['coreml', 'cpu']);
    expect((await createSessionWithFallback('darwin', f.create)).provider).toBe('coreml');
    expect(f.tried).toEqual(['coreml']);
  });

  it('an explicit order (e.g. CPU only) is honoured', async () => {
    const f = fakeFactory(['cuda', 'cpu']);
    expect((await createSessionWithFallback('linux', f.create, ['cpu'])).provider).toBe('cpu');
    expect(f.tried).toEqual(['cpu']);
  });

  it('when nothing works, every attempt is in the error', async () => {
    const f = fakeFactory([]);
    const failure = createSessionWithFallback('win32', f.create);
    await expect(failure).rejects.toThrow(NoExecutionProviderError);
    await expect(failure).rejects.toThrow('cuda: cuda is not available; dml: dml is not available; cpu: cpu is not available');
  });

  it('with onnxruntime-node itself: the first provider that creates a session is the one reported', async () => {
    const [model] = findModels(['brainchop-brain-mask']);
    const weights = readVerifiedWeights(model!);
    const s = await createSessionWithFallback(process.platform, (p) => createOrtSession(weights, p, { inputName: 'input', outputName: 'output', threads: 1 }));
    await s.session.release();
    // On this CI machine the CUDA provider library is not installed, so CPU runs; on a GPU host
    // CUDA would be reported instead. Either way: earlier attempts failed, the last one ran.
    expect(s.attempts.at(-1)).toMatchObject({ provider: s.provider, ok: true });
    expect(s.attempts.slice(0, -1).every((a) => !a.ok && typeof a.error === 'string')).toBe(true);
    expect(providerOrder(process.platform)).toContain(s.provider);
  });
});
