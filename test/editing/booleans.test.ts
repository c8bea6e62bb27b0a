import { describe, expect, it } from 'vitest';
import { combineMasks, complement, intersection, subtraction, union, xor } from '../../core/editing/booleans.js';
import { makeGrid, randomMask } from './support/grids.js';

describe('booleans: voxel-exact against the truth table', () => {
  const grid = makeGrid([17, 11, 7], [0.8, 0.8, 3]);
  const a = randomMask(grid, 0.4, 11), b = randomMask(grid, 0.5, 12);
  const table: [string, (x: number, y: number) => number, (p: Uint8Array, q: Uint8Array) => Uint8Array][] = [
    ['union', (x, y) => (x || y ? 1 : 0), (p, q) => union(p, q, grid)],
    ['intersection', (x, y) => (x && y ? 1 : 0), (p, q) => intersection(p, q, grid)],
    ['subtraction', (x, y) => (x && !y ? 1 : 0), (p, q) => subtraction(p, q, grid)],
    ['xor', (x, y) => (x !== y ? 1 : 0), (p, q) => xor(p, q, grid)],
  ];
  for (const [name, rule, op] of table) {
    it(`${name}: every voxel follows the rule; inputs untouched; a new array`, () => {
      const [ca, cb] = [a.slice(), b.slice()];
      const out = op(a, b);
      expect(out).not.toBe(a);
      expect(Array.from(out)).toEqual(Array.from(a, (x, n) => rule(x, b[n]!)));
      expect(a).toEqual(ca);
      expect(b).toEqual(cb);
    });
  }
  it('complement and a mask on another grid', () => {
    expect(Array.from(complement(a, grid))).toEqual(Array.from(a, (x) => 1 - x));
    expect(() => combineMasks('union', a, new Uint8Array(5), grid)).toThrow(/second mask has 5 voxels/);
  });
});
