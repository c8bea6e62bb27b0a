import type { MaskGrid } from '../editing/mask-grid.js';
import { checkMask, voxelVolumeCc } from '../editing/mask-grid.js';
import { applyToPoint } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/spaces.js';
import { vec3 } from '../geometry/spaces.js';
import { maskDistanceMm } from './mask-distance.js';
import { maskDiameters } from './max-diameter.js';

/** A structure on the image grid: its name, RT ROI Interpreted Type when known, and 0/1 mask. */
export interface TableStructure {
  readonly name: string;
  readonly type?: string;
  readonly mask: Uint8Array;
}

export interface NearestOrgan {
  readonly name: string;
  /** Between the closest voxel centres; 0 when they overlap (see mask-distance.ts). */
  readonly distanceMm: number;
}

/** One row of the lesion table: a GTV and what SRS planning reads off it. */
export interface LesionRow {
  readonly name: string;
  readonly voxelCount: number;
  /** Voxel count × voxel volume: exact for the mask as drawn. */
  readonly volumeCc: number;
  /** pyradiomics' Maximum3DDiameter (see max-diameter.ts). */
  readonly diameter3dMm: number;
  /** RANO-BM's longest diameter within one axial image, and that image's index along `axialAxis`. */
  readonly axialDiameterMm: number;
  readonly axialSlice: number | null;
  /** Mean of the voxel centres (the centre of mass of the mask), LPS mm; null for an empty mask. */
  readonly centroidLps: Vec3<'LPS'> | null;
  /** The closest organ at risk present, or null when none is. */
  readonly nearestOrgan: NearestOrgan | null;
}

/** A gross tumour volume: RT ROI Interpreted Type GTV, or a name starting "GTV" (TG-263: GTV, GTV_1, GTVp…). */
export function isGtv(s: Pick<TableStructure, 'name' | 'type'>): boolean {
  return s.type?.toUpperCase() === 'GTV' || /^gtv/i.test(s.name.trim());
}

/**
 * The organs at risk an SRS plan is read against: brainstem and the optic apparatus (nerves,
 * chiasm, tracts), named as TG-263 (Brainstem, OpticChiasm, OpticNrv_L) or in common variants.
 */
export function isSrsOrganAtRisk(name: string): boolean {
  return /brain[\s_-]*stem|optic|chiasm/i.test(name);
}

/** The lesion table: one row per GTV, in the order given. */
export function lesionTable(structures: readonly TableStructure[], grid: MaskGrid): LesionRow[] {
  for (const s of structures) checkMask(s.mask, grid, `structure '${s.name}'`);
  const organs = structures.filter((s) => !isGtv(s) && isSrsOrganAtRisk(s.name));
  const cc = voxelVolumeCc(grid);
  return structures.filter(isGtv).map((s) => {
    const { voxelCount, centroid } = countAndCentroid(s.mask, grid);
    const d = maskDiameters(s.mask, grid);
    let nearestOrgan: NearestOrgan | null = null;
    for (const organ of organs) {
      const distanceMm = maskDistanceMm(s.mask, organ.mask, grid);
      if (distanceMm !== null && (nearestOrgan === null || distanceMm < nearestOrgan.distanceMm)) nearestOrgan = { name: organ.name, distanceMm };
    }
    return {
      name: s.name,
      voxelCount,
      volumeCc: voxelCount * cc,
      diameter3dMm: d.diameter3dMm,
      axialDiameterMm: d.axialDiameterMm,
      axialSlice: d.axialSlice,
      centroidLps: centroid,
      nearestOrgan,
    };
  });
}

function countAndCentroid(mask: Uint8Array, grid: MaskGrid): { voxelCount: number; centroid: Vec3<'LPS'> | null } {
  const [nx, ny, nz] = grid.dims;
  let count = 0, si = 0, sj = 0, sk = 0;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] !== 1) continue;
        count++;
        si += i;
        sj += j;
        sk += k;
      }
    }
  }
  if (count === 0) return { voxelCount: 0, centroid: null };
  return { voxelCount: count, centroid: applyToPoint(grid.ijkToLps, vec3<'IJK'>(si / count, sj / count, sk / count)) };
}

export type LesionSortKey = 'name' | 'volumeCc' | 'diameter3dMm' | 'axialDiameterMm' | 'organDistanceMm';

/**
 * Rows sorted by one column (a copy). Names compare naturally (GTV_2 before GTV_10); rows without
 * an organ distance go last either way; ties keep their order.
 */
export function sortLesionRows(rows: readonly LesionRow[], key: LesionSortKey, direction: 'asc' | 'desc' = 'asc'): LesionRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const value = (r: LesionRow): number | null => (key === 'organDistanceMm' ? (r.nearestOrgan?.distanceMm ?? null) : key === 'name' ? 0 : r[key]);
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * byName.compare(a.name, b.name);
    const x = value(a), y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  });
}
