import type { Rgb } from './rt-types.js';

/**
 * Colours for ROIs that carry none (ROI Display Color (3006,002A) is type 3): a fixed palette
 * indexed by ROI number, so the same ROI gets the same colour on every import.
 */
const PALETTE: readonly Rgb[] = [
  [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48], [145, 30, 180],
  [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212], [0, 128, 128], [220, 190, 255],
  [170, 110, 40], [255, 250, 200], [128, 0, 0], [170, 255, 195], [128, 128, 0], [255, 215, 180],
];

export function defaultRoiColor(roiNumber: number): Rgb {
  const n = PALETTE.length;
  return PALETTE[(((Math.trunc(roiNumber) - 1) % n) + n) % n] as Rgb;
}

export function isValidColor(c: readonly unknown[]): c is Rgb {
  return c.length === 3 && c.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255);
}
