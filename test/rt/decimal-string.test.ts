import { describe, expect, it } from 'vitest';
import { dsValueBytes, formatContourData, formatDs } from '../../core/rt/decimal-string.js';

describe('formatDs (DS: at most 16 bytes, PS3.5 6.2)', () => {
  it('keeps every value within 16 characters and close to the number', () => {
    const values = [0, -0, 1 / 3, -2 / 3, 123.456789012345, -881.3200000001, -123456789.123456789, 1e-7, -1.234e-9, 6.02214076e23, -1e15, 0.9999999999999999, 2 ** 53];
    for (const v of values) {
      const s = formatDs(v);
      expect(s.length, `${v} → ${s}`).toBeLessThanOrEqual(16);
      expect(s).toMatch(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i);
      expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(Math.max(1e-6, Math.abs(v) * 1e-9));
    }
    expect(formatDs(-0)).toBe('0');
    expect(formatDs(-881.32)).toBe('-881.32');
    expect(formatDs(2.5)).toBe('2.5');
  });

  it('writes Contour Data to 0.0001 mm and counts its bytes as on the wire', () => {
    const data = formatContourData([-23.437616, -86.91414649, -881.32, 0.00004, 1e-9, 100]);
    expect(data).toEqual(['-23.4376', '-86.9141', '-881.32', '0', '0', '100']);
    expect(dsValueBytes(data)).toBe(8 + 8 + 7 + 1 + 1 + 3 + 5 + 1);
  });

  it('refuses what is not a number', () => {
    expect(() => formatDs(Number.NaN)).toThrow();
    expect(() => formatDs(Infinity)).toThrow();
  });
});
