import { fillHolesPerSlice } from '../../editing/fill-holes.js';
import { labelComponents, removeIslands } from '../../editing/components.js';
import { contractMask, expandMask } from '../../editing/margins.js';
import { voxelVolumeCc } from '../../editing/mask-grid.js';
import type { MaskGrid } from '../../editing/mask-grid.js';
import type { VoxelArray } from '../../volume/image-volume.js';

/**
 * Classical CT auto-contours that planners use every day, from Hounsfield units alone.
 * Thresholds (HU) and sizes are the usual planning-system defaults; they are named here so a
 * physicist can see and commission them.
 */
export const CT_CLASSICAL_VERSION = '1.0.0';

export const CT_THRESHOLDS = {
  /** Body/air boundary: between fat (≈ -100) and lung (≈ -800); table foam lies below it. */
  bodyHu: -350,
  /** Bone: cortical bone ≥ ~250 HU, trabecular 150–300; 200 separates bone from soft tissue and most contrast. */
  boneHu: 200,
  /** Air inside the body (lungs, airways, sinuses). */
  airHu: -400,
  /**
   * Opening radius that separates the couch and immobilisation devices, joined to the body by
   * thin contacts, from the patient (mm). A couch top is a few cm wide, so it survives an opening
   * too; what removes it is keeping only the largest component after the opening.
   */
  tableOpeningMm: 6,
  /** Islands smaller than this (cc) are noise or streaks, not anatomy. */
  boneMinIslandCc: 0.5,
  airMinIslandCc: 0.1,
  /** Air spaces at least this large are reported as lungs. */
  lungMinCc: 100,
} as const;

export interface ClassicalStructure {
  readonly name: string;
  readonly rtRoiInterpretedType: 'EXTERNAL' | 'ORGAN' | 'CAVITY';
  readonly color: readonly [number, number, number];
  readonly mask: Uint8Array;
  readonly description: string;
}

function threshold(data: VoxelArray | Float64Array, test: (hu: number) => boolean, within?: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let n = 0; n < data.length; n++) if ((!within || within[n]) && test(data[n] as number)) out[n] = 1;
  return out;
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/** Extent in mm along the patient's left–right (x) and anterior–posterior (y) axes of each component. */
function patientExtents(labels: Int32Array, components: number, grid: MaskGrid): { lr: number; ap: number }[] {
  const [nx, ny] = grid.dims;
  const m = grid.ijkToLps;
  const lo = Array.from({ length: components + 1 }, () => [Infinity, Infinity]);
  const hi = Array.from({ length: components + 1 }, () => [-Infinity, -Infinity]);
  for (let n = 0; n < labels.length; n++) {
    const c = labels[n]!;
    if (c === 0) continue;
    const i = n % nx;
    const j = Math.floor(n / nx) % ny;
    const k = Math.floor(n / (nx * ny));
    const x = m[0]! * i + m[1]! * j + m[2]! * k;
    const y = m[4]! * i + m[5]! * j + m[6]! * k;
    const l = lo[c]!, h = hi[c]!;
    if (x < l[0]!) l[0] = x;
    if (y < l[1]!) l[1] = y;
    if (x > h[0]!) h[0] = x;
    if (y > h[1]!) h[1] = y;
  }
  return lo.map((l, c) => ({ lr: hi[c]![0]! - l[0]!, ap: hi[c]![1]! - l[1]! }));
}

/**
 * External: threshold, then remove the couch. An opening cuts the thin contacts (straps, foam,
 * a strut) between the couch and the patient; any opened part shaped like a couch top — flat
 * and wide (AP < 60 mm, left–right ≥ 2.5 × AP) — is removed, and within a margin around it only
 * the opened anatomy is kept, which takes the contacts but not a back lying on the couch. Of what is left, parts of at least 5 cc are kept (both legs, a hand at the edge of the
 * field), and each slice's holes are filled (lungs, airways, bowel gas). Isolated bright voxels
 * from noise or streaks form parts far below 5 cc and are dropped.
 */
export function externalContour(hu: VoxelArray | Float64Array, grid: MaskGrid): Uint8Array {
  const t = CT_THRESHOLDS;
  const body = threshold(hu, (v) => v > t.bodyHu);
  const opened = expandMask(contractMask(body, grid, t.tableOpeningMm), grid, t.tableOpeningMm);
  const parts = labelComponents(opened, grid, 6);
  const extents = patientExtents(parts.labels, parts.sizes.length, grid);
  const couch = new Uint8Array(body.length);
  let couchFound = false;
  for (let n = 0; n < body.length; n++) {
    const c = parts.labels[n]!;
    if (c === 0) continue;
    const e = extents[c]!;
    if (e.ap < 60 && e.lr >= 2.5 * e.ap) {
      couch[n] = 1;
      couchFound = true;
    }
  }
  const withoutCouch = body;
  if (couchFound) {
    // Near the couch keep only the opened anatomy: the contacts go, a back lying on the couch stays.
    const zone = expandMask(couch, grid, t.tableOpeningMm + 2);
    for (let n = 0; n < body.length; n++) if (zone[n] && (couch[n] || !opened[n])) withoutCouch[n] = 0;
  }
  return fillHolesPerSlice(removeIslands(withoutCouch, grid, 5, 6), grid);
}

export function segmentCtClassical(hu: VoxelArray | Float64Array, grid: MaskGrid): ClassicalStructure[] {
  const t = CT_THRESHOLDS;
  const external = externalContour(hu, grid);
  const bones = fillHolesPerSlice(removeIslands(threshold(hu, (v) => v >= t.boneHu, external), grid, t.boneMinIslandCc, 26), grid);
  const air = removeIslands(threshold(hu, (v) => v < t.airHu, external), grid, t.airMinIslandCc, 6);
  const structures: ClassicalStructure[] = [
    { name: 'External', rtRoiInterpretedType: 'EXTERNAL', color: [0, 255, 0], mask: external, description: `HU > ${t.bodyHu}, couch removed, holes filled` },
    // Orange, not bone-white: an outline in the colour of bone vanishes against it at any window.
    { name: 'Bones', rtRoiInterpretedType: 'ORGAN', color: [230, 159, 0], mask: bones, description: `HU ≥ ${t.boneHu} inside External` },
  ];
  // Lungs only when there are lungs in the scan; smaller air spaces (sinuses, airways, bowel gas) stay "air cavities".
  const components = labelComponents(air, grid, 6);
  const cc = voxelVolumeCc(grid);
  const lungs = new Uint8Array(air.length);
  const cavities = new Uint8Array(air.length);
  const large = new Set<number>();
  components.sizes.forEach((size, index) => {
    if (size * cc >= t.lungMinCc) large.add(index + 1); // sizes[c - 1] is component c
  });
  for (let n = 0; n < air.length; n++) {
    const label = components.labels[n]!;
    if (label === 0) continue;
    if (large.has(label)) lungs[n] = 1;
    else cavities[n] = 1;
  }
  if (count(lungs) > 0) {
    structures.push({ name: 'Lungs', rtRoiInterpretedType: 'ORGAN', color: [0, 160, 255], mask: lungs, description: `air (HU < ${t.airHu}) spaces ≥ ${t.lungMinCc} cc inside External` });
  }
  if (count(cavities) > 0) {
    structures.push({ name: 'Cavity_Air', rtRoiInterpretedType: 'CAVITY', color: [120, 200, 255], mask: cavities, description: `air (HU < ${t.airHu}) inside External, islands < ${t.airMinIslandCc} cc removed` });
  }
  return structures;
}
