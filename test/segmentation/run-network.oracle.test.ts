import { describe, expect, it } from 'vitest';
import { extractBox, growBox } from '../../core/segmentation/crop-box.js';
import { findModels, readVerifiedWeights } from '../../core/segmentation/model-registry.js';
import { createOrtSession } from '../../core/segmentation/network-session.js';
import { normaliseConformed } from '../../core/segmentation/normalise.js';
import { bytesPerVoxel, MemoryBudgetError, planSlabs, runNetwork } from '../../core/segmentation/run-network.js';
import { readT1 } from './support/brainchop-reference.js';

describe('planSlabs', () => {
  it('one run when the block fits', () => {
    expect(planSlabs(100, 10, 1000, 5)).toEqual([{ from: 0, to: 100, keepFrom: 0, keepTo: 100 }]);
  });

  it('slabs carry the receptive-field halo and keep every slice exactly once', () => {
    const slabs = planSlabs(100, 10, 300, 5); // 30 slices fit: 20 kept + 2 × 5 halo
    expect(slabs.length).toBe(5);
    for (const s of slabs) {
      expect((s.to - s.from) * 10).toBeLessThanOrEqual(300);
      expect(s.keepFrom - s.from).toBe(Math.min(5, s.keepFrom));
    }
    const kept = slabs.flatMap((s) => Array.from({ length: s.keepTo - s.keepFrom }, (_, n) => s.keepFrom + n));
    expect(kept).toEqual(Array.from({ length: 100 }, (_, n) => n));
  });

  it('refuses a budget smaller than the halo needs, saying how much is needed', () => {
    expect(() => planSlabs(100, 2 ** 30, 2 ** 30 * 5, 5)).toThrow(MemoryBudgetError);
    expect(() => planSlabs(100, 2 ** 30, 2 ** 30 * 5, 5)).toThrow('at least 11.0 GiB');
  });

  it('memory per voxel matches the measured peaks (104 classes ≈ 1 kB, 3 classes ≈ 0.1 kB)', () => {
    expect(bytesPerVoxel({ classes: 104, hiddenChannels: 21 })).toBe(1004);
    expect(bytesPerVoxel({ classes: 3, hiddenChannels: 11 })).toBe(116);
  });
});

describe('runNetwork', () => {
  it('tiled inference equals one whole run (halo = receptive field), on real data', async () => {
    const [model] = findModels(['brainchop-brain-mask']);
    const m = model!.manifest;
    const session = await createOrtSession(readVerifiedWeights(model!), 'cpu', { inputName: 'input', outputName: 'output', threads: 2 });
    try {
      const image = normaliseConformed(readT1().data as Uint8Array, m.input.normalisation);
      const box = growBox({ lo: [96, 96, 80], hi: [160, 150, 170] }, 0);
      const input = extractBox(image, box, (n) => new Float32Array(n));
      const dims: [number, number, number] = [65, 55, 91];
      const checkpoint = (): void => undefined;
      const whole = await runNetwork(session, input, dims, { network: m.network, maxTensorBytes: 2 ** 40, checkpoint });
      let slabsRun = 0;
      const sliceBytes = 65 * 55 * bytesPerVoxel(m.network);
      const tiled = await runNetwork(session, input, dims, {
        network: m.network,
        maxTensorBytes: sliceBytes * (2 * m.network.receptiveFieldRadiusVoxels + 12),
        checkpoint,
        onSlab: (_done, total) => (slabsRun = total),
      });
      expect(slabsRun).toBe(8);
      let differing = 0;
      for (let v = 0; v < whole.length; v++) if (tiled[v] !== whole[v]) differing++;
      expect(differing).toBe(0);
      expect(whole.some((v) => v === 1) && whole.some((v) => v === 2)).toBe(true);
    } finally {
      await session.release();
    }
  });
});
