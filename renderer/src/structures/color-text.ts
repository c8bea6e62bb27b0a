import type { Triple } from '../../../core/api/contract.js';

/** '#rrggbb' for a colour input. */
export function hexOf(color: Triple): string {
  return `#${color.map((c) => Math.max(0, Math.min(255, Math.round(c))).toString(16).padStart(2, '0')).join('')}`;
}

export function tripleOf(hex: string): Triple {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return [255, 0, 0];
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Colours by interpreted type, as planning systems tend to show them: targets warm, organs varied. */
const BY_TYPE: Readonly<Record<string, Triple>> = {
  GTV: [255, 0, 0],
  CTV: [255, 128, 0],
  PTV: [0, 128, 255],
  ITV: [255, 64, 160],
  EXTERNAL: [0, 200, 0],
  AVOIDANCE: [200, 200, 0],
};
const ORGAN_PALETTE: readonly Triple[] = [
  [255, 230, 160], [160, 255, 160], [160, 200, 255], [255, 160, 255], [120, 220, 220], [230, 180, 120], [200, 160, 255], [255, 200, 200],
];

/** A default colour for a new structure: by type, else the next organ colour. */
export function defaultColor(type: string, index: number): Triple {
  return BY_TYPE[type] ?? ORGAN_PALETTE[index % ORGAN_PALETTE.length]!;
}
