import { describe, expect, it } from 'vitest';
import { postprocessMask } from '../../core/segmentation/postprocess.js';

const D: [number, number, number] = [20, 20, 20];
const at = (i: number, j: number, k: number): number => i + D[0] * (j + D[1] * k);
const count = (m: Uint8Array): number => m.reduce((s, v) => s + v, 0);

function cube(mask: Uint8Array, lo: number[], hi: number[]): void {
  for (let k = lo[2]!; k <= hi[2]!; k++) for (let j = lo[1]!; j <= hi[1]!; j++) for (let i = lo[0]!; i <= hi[0]!; i++) mask[at(i, j, k)] = 1;
}

describe('postprocessMask', () => {
  it('keeps the largest component and drops islands', () => {
    const m = new Uint8Array(8000);
    cube(m, [2, 2, 2], [6, 6, 6]); // 125 voxels
    cube(m, [10, 10, 10], [12, 12, 12]); // 27
    m[at(17, 17, 17)] = 1;
    postprocessMask(m, D, { largestComponent: true, components: 1, fillHoles: false });
    expect(count(m)).toBe(125);
    expect(m[at(11, 11, 11)]).toBe(0);
  });

  it('keeps two components for a bilateral structure', () => {
    const m = new Uint8Array(8000);
    cube(m, [1, 1, 1], [4, 4, 4]); // 64
    cube(m, [10, 1, 1], [13, 4, 4]); // 64
    m[at(18, 18, 18)] = 1;
    postprocessMask(m, D, { largestComponent: true, components: 2, fillHoles: false });
    expect(count(m)).toBe(128);
  });

  it('joins voxels touching only at a corner (26-connectivity)', () => {
    const m = new Uint8Array(8000);
    cube(m, [2, 2, 2], [4, 4, 4]);
    cube(m, [5, 5, 5], [5, 5, 5]); // corner-adjacent to (4,4,4)
    postprocessMask(m, D, { largestComponent: true, components: 1, fillHoles: false });
    expect(count(m)).toBe(28);
  });

  it('fills an enclosed cavity but not a pocket open to the outside', () => {
    const m = new Uint8Array(8000);
    cube(m, [2, 2, 2], [8, 8, 8]);
    m[at(5, 5, 5)] = 0; // enclosed
    for (let j = 0; j <= 4; j++) m[at(3, j + 2, 5)] = 0; // tunnel from the face j = 2 inwards
    const before = count(m);
    postprocessMask(m, D, { largestComponent: false, components: 1, fillHoles: true });
    expect(m[at(5, 5, 5)]).toBe(1);
    expect(m[at(3, 4, 5)]).toBe(0);
    expect(count(m)).toBe(before + 1);
  });

  it('works on a structure touching the grid edge and leaves an empty mask empty', () => {
    const m = new Uint8Array(8000);
    cube(m, [0, 0, 0], [3, 3, 3]);
    m[at(1, 1, 1)] = 0;
    postprocessMask(m, D, { largestComponent: true, components: 1, fillHoles: true });
    expect(count(m)).toBe(64);
    const empty = new Uint8Array(8000);
    postprocessMask(empty, D, { largestComponent: true, components: 1, fillHoles: true });
    expect(count(empty)).toBe(0);
  });
});
