import type { ConfidenceInfo } from '../api/contract.js';
import { cropMask } from '../api/structure-payload.js';
import { structureConfidence } from '../review/confidence.js';
import { mirrorAxis } from '../volume/mirror-axis.js';

/**
 * Below this mean agreement a structure is flagged in the list. With two passes a voxel's
 * agreement is 1 (both include it) or ½ (one does), so 0.9 means the two passes disagree on about a
 * fifth of the structure's voxels — a Dice between them of about 0.8, the level below which
 * auto-contours in published evaluations usually need more than minor edits.
 */
export const LOW_AGREEMENT = 0.9;

/** Name of the structure on the mirrored side: a mirrored left hippocampus is the model's right one. */
export function mirroredName(name: string): string {
  const m = /^(.*)_([LR])$/.exec(name);
  return m ? `${m[1]}_${m[2] === 'L' ? 'R' : 'L'}` : name;
}

/**
 * Agreement between the model's mask and its mask on the left-right mirrored image (mapped back):
 * the confidence figure and the per-voxel uncertainty (255 where the passes disagree) over the box
 * of their union, as JSON for the workspace to keep beside the draft.
 */
export function mirrorConfidence(primary: Uint8Array, mirroredMask: Uint8Array | undefined, dims: readonly [number, number, number], axis: 0 | 1 | 2): string {
  const back = mirroredMask ? mirrorAxis(mirroredMask, dims, axis) : new Uint8Array(primary.length);
  const c = structureConfidence([primary, back]);
  const disagreement = new Uint8Array(primary.length);
  for (let n = 0; n < primary.length; n++) disagreement[n] = primary[n] !== back[n] ? 1 : 0;
  const union = new Uint8Array(primary.length);
  for (let n = 0; n < primary.length; n++) union[n] = primary[n]! | back[n]!;
  const { box } = cropMask(union, [dims[0], dims[1], dims[2]]);
  let uncertainty = new Uint8Array(0);
  if (box) {
    const [bx, by, bz] = [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
    uncertainty = new Uint8Array(bx * by * bz);
    for (let k = 0; k < bz; k++) for (let j = 0; j < by; j++) for (let i = 0; i < bx; i++) {
      uncertainty[i + bx * (j + by * k)] = disagreement[box.lo[0] + i + dims[0] * (box.lo[1] + j + dims[1] * (box.lo[2] + k))]! * 255;
    }
  }
  const info: Omit<ConfidenceInfo, 'uncertainty'> & { uncertainty: string } = {
    agreement: c.confidence, low: c.confidence < LOW_AGREEMENT, passes: 2, box, uncertainty: Buffer.from(uncertainty).toString('base64'),
  };
  return JSON.stringify(info);
}
