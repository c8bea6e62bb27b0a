/** A display window: values from centre − width/2 (black) to centre + width/2 (white). */
export interface DisplayWindow {
  readonly center: number;
  readonly width: number;
}

/**
 * CT presets in HU, as planning systems and radiology references (e.g. Radiopaedia's
 * "windowing (CT)") give them: brain W80/L40, soft tissue W400/L40, bone W1800/L400.
 */
export const CT_PRESETS: readonly { readonly name: string; readonly window: DisplayWindow }[] = [
  { name: 'Brain', window: { center: 40, width: 80 } },
  { name: 'Soft tissue', window: { center: 40, width: 400 } },
  { name: 'Bone', window: { center: 400, width: 1800 } },
];

/**
 * The window a series opens with. CT: soft tissue (HU are absolute). Anything else (MR has no
 * absolute scale): the 1st–99th percentile of its values, so a few very bright voxels (fat,
 * vessels, artefacts) do not leave the rest of the image dark.
 */
export function initialWindow(modality: string, p1: number, p99: number): DisplayWindow {
  if (modality === 'CT') return CT_PRESETS[1]!.window;
  const width = Math.max(p99 - p1, 1);
  return { center: (p1 + p99) / 2, width };
}

/**
 * Grey values into RGBA: linear between the window's ends, clamped; NaN (outside the grid) black.
 * MONOCHROME1 series are shown inverted, as PS3.3 C.7.6.3.1.2 requires.
 */
export function applyWindow(values: Float32Array, window: DisplayWindow, invert: boolean, rgba: Uint8ClampedArray): void {
  const low = window.center - window.width / 2;
  const scale = 255 / Math.max(window.width, 1e-6);
  for (let n = 0, p = 0; n < values.length; n++, p += 4) {
    const v = values[n]!;
    let g = v !== v ? 0 : (v - low) * scale;
    g = g < 0 ? 0 : g > 255 ? 255 : g;
    if (invert && v === v) g = 255 - g;
    rgba[p] = g;
    rgba[p + 1] = g;
    rgba[p + 2] = g;
    rgba[p + 3] = 255;
  }
}
