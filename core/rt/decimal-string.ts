/**
 * Decimal String (DS) formatting: at most 16 bytes per value (PS3.5 6.2, table 6.2-1).
 * JavaScript's String(x) gives up to 17 significant digits and would overflow, so numbers are
 * written with as many decimals as fit, trailing zeros dropped.
 */
export const DS_MAX_BYTES = 16;

export function formatDs(value: number, maxDecimals = 6): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Decimal String`);
  for (let d = Math.min(maxDecimals, 15); d >= 0; d--) {
    const s = tidy(value.toFixed(d));
    if (s.length <= DS_MAX_BYTES) return s;
  }
  for (let d = 10; d >= 0; d--) {
    const s = value.toExponential(d).replace(/\.?0+e/, 'e');
    if (s.length <= DS_MAX_BYTES) return s;
  }
  throw new Error(`${value} does not fit a 16-byte Decimal String`);
}

function tidy(s: string): string {
  let t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  if (t === '-0') t = '0';
  return t;
}

/**
 * Contour Data coordinates: 0.0001 mm steps. Edge-traced contours keep every voxel centre at least
 * half a voxel from an edge, so rounding by 0.00005 mm cannot move a centre across one.
 */
export const CONTOUR_DECIMALS = 4;

export function formatContourData(points: ArrayLike<number>): string[] {
  const out = new Array<string>(points.length);
  for (let n = 0; n < points.length; n++) out[n] = formatDs(points[n] as number, CONTOUR_DECIMALS);
  return out;
}

/** Bytes a DS value list occupies on the wire: values, backslashes, padding to even length. */
export function dsValueBytes(values: readonly string[]): number {
  let bytes = Math.max(0, values.length - 1);
  for (const v of values) bytes += v.length;
  return bytes + (bytes % 2);
}
