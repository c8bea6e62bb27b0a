import { isValidColor } from './colors.js';
import type { RoiGenerationAlgorithm, Rgb } from './rt-types.js';

/** What a label map's companion file or an index.json says about one ROI. */
export interface RoiDescription {
  readonly number: number;
  readonly name: string;
  readonly type?: string;
  readonly color?: Rgb;
  readonly algorithm?: RoiGenerationAlgorithm;
  /** ROI Generation Description (3006,0038). */
  readonly generationDescription?: string;
  /** ROI Description (3006,0028), with the review record when the ROI had one. */
  readonly roiDescription?: string;
  /** Mask file (index.json only): null for an empty ROI. */
  readonly file?: string | null;
}

const ALGORITHMS = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL'];

/**
 * NAMES.json: `{ "<label value>": { "name": "...", "type"?: "ORGAN", "color"?: [r, g, b],
 * "algorithm"?: "AUTOMATIC", "generationDescription"?: "...", "roiDescription"?: "..." } }`
 * ("description" is read as generationDescription, as earlier versions named it). The label value
 * becomes the ROI Number.
 */
export function parseLabelNames(json: unknown, source: string): RoiDescription[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${source}: expected an object mapping label values to {name, type?, color?}`);
  return Object.entries(json as Record<string, unknown>).map(([key, value]) => {
    const label = Number(key);
    if (!Number.isInteger(label) || label < 1) throw new Error(`${source}: label '${key}' is not a positive integer`);
    return describe(value, label, `${source}: label ${key}`);
  });
}

/**
 * index.json as rtstruct-to-nifti writes it: an array of {number, name, type, color, file,
 * algorithm?, generationDescription?, roiDescription?}.
 */
export function parseRoiIndex(json: unknown, source: string): RoiDescription[] {
  if (!Array.isArray(json)) throw new Error(`${source}: expected an array of ROI entries`);
  return json.map((value, n) => {
    const entry = value as Record<string, unknown> | null;
    const number = entry?.['number'];
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) throw new Error(`${source}: entry ${n + 1} has no positive integer 'number'`);
    const file = entry?.['file'];
    if (file !== null && typeof file !== 'string') throw new Error(`${source}: ROI ${number} needs 'file' (a path, or null when empty)`);
    return { ...describe(value, number, `${source}: ROI ${number}`), file };
  });
}

function describe(value: unknown, number: number, where: string): RoiDescription {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object such as {"name": "GTV", "type": "GTV", "color": [255, 0, 0]} (type and color optional), got ${JSON.stringify(value)}`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v['name'] !== 'string' || v['name'].trim() === '') throw new Error(`${where}: 'name' must be a non-empty string`);
  const type = v['type'];
  if (type !== undefined && typeof type !== 'string') throw new Error(`${where}: 'type' must be a string`);
  const color = v['color'];
  if (color !== undefined && !(Array.isArray(color) && isValidColor(color))) throw new Error(`${where}: 'color' must be [r, g, b] with integers 0–255`);
  const algorithm = v['algorithm'];
  if (algorithm !== undefined && algorithm !== '' && !ALGORITHMS.includes(algorithm as string)) throw new Error(`${where}: 'algorithm' must be one of ${ALGORITHMS.join(', ')}`);
  const generationDescription = v['generationDescription'] ?? v['description'];
  if (generationDescription !== undefined && typeof generationDescription !== 'string') throw new Error(`${where}: 'generationDescription' must be a string`);
  const roiDescription = v['roiDescription'];
  if (roiDescription !== undefined && typeof roiDescription !== 'string') throw new Error(`${where}: 'roiDescription' must be a string`);
  return {
    number,
    name: v['name'],
    ...(type ? { type } : {}),
    ...(color ? { color } : {}),
    ...(algorithm ? { algorithm: algorithm as RoiGenerationAlgorithm } : {}),
    ...(generationDescription ? { generationDescription } : {}),
    ...(roiDescription ? { roiDescription } : {}),
  };
}
