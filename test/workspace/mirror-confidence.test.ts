import { describe, expect, it } from 'vitest';
import type { ConfidenceInfo } from '../../core/api/contract.js';
import { LOW_AGREEMENT, mirrorConfidence, mirroredName } from '../../core/workspace/mirror-confidence.js';
import { mirrorAxis } from '../../core/volume/mirror-axis.js';

const DIMS = [6, 4, 3] as const;
const index = (i: number, j: number, k: number): number => i + 6 * (j + 4 * k);

type Saved = Omit<ConfidenceInfo, 'uncertainty'> & { uncertainty: string };

describe('mirrored test-time augmentation (core/workspace/mirror-confidence.ts)', () => {
  it('mirrors voxels along each axis and back', () => {
    const data = Int16Array.from({ length: 72 }, (_, n) => n);
    for (const axis of [0, 1, 2] as const) {
      const m = mirrorAxis(data, DIMS, axis);
      expect(mirrorAxis(m, DIMS, axis)).toEqual(data);
    }
    expect(mirrorAxis(data, DIMS, 0)[index(0, 1, 2)]).toBe(index(5, 1, 2));
    expect(mirrorAxis(data, DIMS, 1)[index(2, 0, 1)]).toBe(index(2, 3, 1));
    expect(mirrorAxis(data, DIMS, 2)[index(2, 1, 0)]).toBe(index(2, 1, 2));
  });

  it('pairs a lateral structure with its other side, and leaves midline ones alone', () => {
    expect(mirroredName('Hippocampus_L')).toBe('Hippocampus_R');
    expect(mirroredName('OpticNrv_R')).toBe('OpticNrv_L');
    expect(mirroredName('Brainstem')).toBe('Brainstem');
  });

  it('gives agreement 1 and no uncertain voxel when the mirrored pass finds the mirror image', () => {
    const primary = new Uint8Array(72);
    primary[index(1, 1, 1)] = 1;
    primary[index(2, 1, 1)] = 1;
    const mirrored = mirrorAxis(primary, DIMS, 0);
    const c = JSON.parse(mirrorConfidence(primary, mirrored, DIMS, 0)) as Saved;
    expect(c).toMatchObject({ agreement: 1, low: false, passes: 2, box: { lo: [1, 1, 1], hi: [2, 1, 1] } });
    expect([...Buffer.from(c.uncertainty, 'base64')]).toEqual([0, 0]);
  });

  it('flags a structure the passes disagree on and maps the disagreement voxel by voxel', () => {
    const primary = new Uint8Array(72);
    primary[index(1, 1, 1)] = 1;
    primary[index(2, 1, 1)] = 1;
    // The mirrored pass, mapped back, covers (2,1,1) and (3,1,1): one voxel shared, two disputed.
    const back = new Uint8Array(72);
    back[index(2, 1, 1)] = 1;
    back[index(3, 1, 1)] = 1;
    const c = JSON.parse(mirrorConfidence(primary, mirrorAxis(back, DIMS, 0), DIMS, 0)) as Saved;
    // Mean over the union of max(c, 2−c)/2: (½ + 1 + ½) / 3.
    expect(c.agreement).toBeCloseTo(2 / 3, 12);
    expect(c.low).toBe(c.agreement < LOW_AGREEMENT);
    expect(c.box).toEqual({ lo: [1, 1, 1], hi: [3, 1, 1] });
    expect([...Buffer.from(c.uncertainty, 'base64')]).toEqual([255, 0, 255]);
    // A structure the mirrored pass did not find at all is wholly uncertain.
    const none = JSON.parse(mirrorConfidence(primary, undefined, DIMS, 0)) as Saved;
    expect(none.agreement).toBe(0.5);
    expect(none.low).toBe(true);
  });
});
