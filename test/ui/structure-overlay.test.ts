import { describe, expect, it } from 'vitest';
import type { DisplayStructure } from '../../renderer/src/viewer/structure-overlay.js';
import { dashOn, drawStructures, hatchOn, surfaceOpacity } from '../../renderer/src/viewer/structure-overlay.js';

/**
 * The 2D overlay on a 24×24 canvas whose pixel (x, y) shows voxel (x, y, 0): a 10×10 square
 * structure at voxels 6..15. A reviewed structure is filled with a solid outline; an AI draft
 * nobody has reviewed gets only a dashed outline, so it is never taken for a person's contour.
 */
const W = 24, H = 24;
const GREY = 100;
const ijk = new Float32Array(3 * W * H);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) ijk.set([x, y, 0], 3 * (y * W + x));
const square = new Uint8Array(100).fill(1);

function draw(aiDraft: boolean, rejected = false): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(4 * W * H).fill(GREY);
  const s: DisplayStructure = {
    id: 's', name: 'Brain', color: [255, 0, 0], visible: true, box: { lo: [6, 6, 0], hi: [15, 15, 0] }, mask: square,
    aiDraft, rejected, external: false, uncertainty: null,
  };
  drawStructures(ijk, W, H, [s], rgba, new Uint8Array(W * H));
  return rgba;
}

const inSquare = (x: number, y: number): boolean => x >= 6 && x <= 15 && y >= 6 && y <= 15;
const onEdge = (x: number, y: number): boolean => inSquare(x, y) && (x === 6 || x === 15 || y === 6 || y === 15);
const red = (rgba: Uint8ClampedArray, x: number, y: number): readonly number[] => [...rgba.subarray(4 * (y * W + x), 4 * (y * W + x) + 3)];

describe('structure overlay: reviewed and AI-draft styles', () => {
  it('a reviewed structure: every edge pixel in its colour, the inside tinted, the outside untouched', () => {
    const rgba = draw(false);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const expected = onEdge(x, y) ? [255, 0, 0] : inSquare(x, y) ? [Math.round(GREY + (255 - GREY) * 0.22), Math.round(GREY * 0.78), Math.round(GREY * 0.78)] : [GREY, GREY, GREY];
        expect(red(rgba, x, y), `${x},${y}`).toEqual(expected);
      }
    }
  });

  it('an AI draft: the edge dashed in its colour, no fill, the outside untouched', () => {
    const rgba = draw(true);
    let dashes = 0, gaps = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const drawn = onEdge(x, y) && dashOn(x, y);
        expect(red(rgba, x, y), `${x},${y}`).toEqual(drawn ? [255, 0, 0] : [GREY, GREY, GREY]);
        if (onEdge(x, y) && drawn) dashes++;
        else if (onEdge(x, y)) gaps++;
      }
    }
    // About half of the 36 edge pixels drawn: dashed, not solid and not blank.
    expect(dashes + gaps).toBe(36);
    expect(dashes).toBeGreaterThanOrEqual(14);
    expect(gaps).toBeGreaterThanOrEqual(14);
  });

  it('a rejected structure: a solid outline and diagonal hatch lines in its colour, no tint between them', () => {
    const rgba = draw(false, true);
    let hatch = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const drawn = onEdge(x, y) || (inSquare(x, y) && hatchOn(x, y));
        expect(red(rgba, x, y), `${x},${y}`).toEqual(drawn ? [255, 0, 0] : [GREY, GREY, GREY]);
        if (drawn && !onEdge(x, y)) hatch++;
      }
    }
    // The 8×8 inside crossed by diagonal lines every 6 pixels.
    expect(hatch).toBeGreaterThan(8);
  });

  it('in 3D the body outline is faint, and an AI draft or a rejected structure translucent', () => {
    const plain = { aiDraft: false, rejected: false, external: false };
    expect(surfaceOpacity(plain)).toBe(0.9);
    expect(surfaceOpacity({ ...plain, aiDraft: true })).toBe(0.45);
    expect(surfaceOpacity({ ...plain, rejected: true })).toBe(0.45);
    expect(surfaceOpacity({ ...plain, external: true })).toBe(0.15);
    expect(surfaceOpacity({ ...plain, aiDraft: true, external: true })).toBeCloseTo(0.075, 10);
  });
});
