import type { Rgba } from './png.js';

/** What a screenshot of a view holds, measured so that a blank, black or uniform canvas fails. */
export interface ImageStats {
  /** Standard deviation of luminance (0–255) over the image. */
  readonly lumaStd: number;
  /** Fraction of pixels more than 12 grey levels (about 5 %) from the background colour. */
  readonly contentFraction: number;
  /** Number of distinct luminance levels (of 256) present. */
  readonly levels: number;
}

const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

export function imageStats(img: Rgba, background: readonly [number, number, number]): ImageStats {
  const n = img.width * img.height;
  let sum = 0, sum2 = 0, content = 0;
  const seen = new Uint8Array(256);
  const bg = luma(...background);
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [img.data[4 * p]!, img.data[4 * p + 1]!, img.data[4 * p + 2]!];
    const y = luma(r, g, b);
    sum += y;
    sum2 += y * y;
    seen[Math.round(y)] = 1;
    if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 36 || Math.abs(y - bg) > 12) content++;
  }
  const mean = sum / n;
  return { lumaStd: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), contentFraction: content / n, levels: seen.reduce((a, v) => a + v, 0) };
}

/** Pixels close to a colour (each channel within `tolerance`): finds drawn structures. */
export function colourFraction(img: Rgba, colour: readonly [number, number, number], tolerance = 40): number {
  const n = img.width * img.height;
  let hits = 0;
  for (let p = 0; p < n; p++) {
    if (Math.abs(img.data[4 * p]! - colour[0]) <= tolerance && Math.abs(img.data[4 * p + 1]! - colour[1]) <= tolerance && Math.abs(img.data[4 * p + 2]! - colour[2]) <= tolerance) hits++;
  }
  return hits / n;
}

/** A view counts as rendered when it shows varied, non-background content over a real part of its area. */
export function looksRendered(s: ImageStats, minContent = 0.1): boolean {
  return s.lumaStd > 10 && s.levels >= 32 && s.contentFraction >= minContent;
}

/** Pixels where red clearly dominates (shaded red surfaces, red outlines): r > 90 and over twice g and b. */
export function redFraction(img: Rgba): number {
  const n = img.width * img.height;
  let hits = 0;
  for (let p = 0; p < n; p++) {
    const r = img.data[4 * p]!, g = img.data[4 * p + 1]!, b = img.data[4 * p + 2]!;
    if (r > 90 && r > 2 * g && r > 2 * b) hits++;
  }
  return hits / n;
}
