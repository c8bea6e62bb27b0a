import { basename } from 'node:path';
import type { Mat4, Vec3 } from '../geometry/spaces.js';
import { mat4 } from '../geometry/spaces.js';
import { add, cross, dot, norm, scale, sub } from '../geometry/vec3.js';
import type { FrameRecord } from './frame-record.js';
import { SeriesGeometryError } from './frame-records.js';

/** Positions closer than this along the normal are the same slice (mm). */
const SAME_POSITION_MM = 0.01;
/**
 * Largest allowed deviation of a slice from the regular grid, in mm. DICOM positions are
 * decimal strings of at most 16 characters, so real series scatter by ~1e-4 mm; anything
 * beyond this would move contours measurably and is reported instead of stretched.
 */
const GRID_TOLERANCE_MM = 0.02;
/** Below this angle between the slice step and the normal, the stack is taken as unsheared. */
const MAX_UNSHEARED_DEGREES = 0.01;

export interface SliceGrid {
  readonly dims: readonly [number, number, number];
  readonly volumes: number;
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
  readonly spacingMm: readonly [number, number, number];
  /** frames[t][k]: the plane that fills slice k of volume t. */
  readonly frames: readonly (readonly FrameRecord[])[];
  readonly warnings: string[];
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let n = 0; n < Math.max(a.length, b.length); n++) {
    const d = (a[n] ?? 0) - (b[n] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const fmt = (x: number): string => x.toFixed(3);

/** Name the step that breaks the grid: where it is, between which files, and what the rest are. */
function describeIrregularity(positions: readonly { d: number; planes: FrameRecord[] }[], gaps: readonly number[]): string {
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  let worst = 0;
  for (let k = 1; k < gaps.length; k++) if (Math.abs(gaps[k]! - median) > Math.abs(gaps[worst]! - median)) worst = k;
  const a = positions[worst]!;
  const b = positions[worst + 1]!;
  const step = gaps[worst]!;
  const hint = step > 1.5 * median ? ': missing slices?' : step < 0.5 * median ? ': an extra slice?' : ': non-uniform slice spacing';
  return (
    `slice positions are not on a regular grid: a step of ${fmt(step)} mm between ${fmt(a.d)} and ${fmt(b.d)} mm along the normal ` +
    `(${basename(a.planes[0]!.path)} and ${basename(b.planes[0]!.path)}, slices ${worst + 1} and ${worst + 2} of ${positions.length}), ` +
    `where the steps are mostly ${fmt(median)} mm (range ${fmt(sorted[0]!)}–${fmt(sorted[sorted.length - 1]!)} mm)${hint}`
  );
}

/**
 * Order the planes of one stack by their position along the slice normal (never by
 * InstanceNumber or SliceLocation) and build the exact voxel→patient affine. Planes that
 * repeat a position become further volumes (time points, repetitions), ordered by their
 * temporal keys. Non-uniform spacing, missing slices and incomplete time series are errors.
 */
export function assembleGrid(frames: readonly FrameRecord[], label: string): SliceGrid {
  const first = frames[0];
  if (!first) throw new SeriesGeometryError(label, 'no image planes');
  const normal: Vec3<'LPS'> = cross(first.rowCosine, first.columnCosine);
  if (Math.abs(norm(normal) - 1) > 1e-3) throw new SeriesGeometryError(first.path, 'Image Orientation (Patient) is not two orthogonal unit vectors');
  const withDistance = frames.map((f) => ({ f, d: dot(normal, f.position) })).sort((a, b) => a.d - b.d || compareOrder(a.f.temporalOrder, b.f.temporalOrder));
  const positions: { d: number; planes: FrameRecord[] }[] = [];
  for (const { f, d } of withDistance) {
    const last = positions[positions.length - 1];
    if (last && Math.abs(d - last.d) < SAME_POSITION_MM) last.planes.push(f);
    else positions.push({ d, planes: [f] });
  }
  // The commonest count per position is the number of volumes; a position holding more or
  // fewer images names the files concerned (a duplicated slice, or a missing one in a time series).
  const countFrequency = new Map<number, number>();
  for (const p of positions) countFrequency.set(p.planes.length, (countFrequency.get(p.planes.length) ?? 0) + 1);
  const volumes = [...countFrequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const uneven = positions.find((p) => p.planes.length !== volumes);
  if (uneven) {
    const files = uneven.planes.map((f) => basename(f.path)).join(', ');
    const what = uneven.planes.length > volumes ? 'a duplicated or extra image' : 'an image missing from one of the volumes';
    throw new SeriesGeometryError(
      label,
      `incomplete series: the position ${fmt(uneven.d)} mm along the normal holds ${uneven.planes.length} image(s) (${files}) where the others hold ${volumes}: ${what}`,
    );
  }
  for (const p of positions) p.planes.sort((a, b) => compareOrder(a.temporalOrder, b.temporalOrder));
  const nz = positions.length;
  const warnings: string[] = [];
  const [rowSpacing, colSpacing] = first.pixelSpacing;
  const p0 = positions[0]!.planes[0]!.position;
  let step: Vec3<'LPS'>;
  if (nz === 1) {
    step = scale(normal, 1);
    warnings.push('single slice: the slice step is unknown and set to 1 mm along the normal');
  } else {
    const pLast = positions[nz - 1]!.planes[0]!.position;
    step = scale(sub(pLast, p0), 1 / (nz - 1));
    const gaps = positions.slice(1).map((p, k) => p.d - positions[k]!.d);
    const mean = (positions[nz - 1]!.d - positions[0]!.d) / (nz - 1);
    // Every slice must sit on the regular grid within tolerance: this catches missing slices and
    // non-uniform spacing, which would otherwise be silently stretched.
    for (let k = 0; k < nz; k++) {
      const expected = add(p0, scale(step, k));
      const deviation = norm(sub(positions[k]!.planes[0]!.position, expected));
      if (deviation > GRID_TOLERANCE_MM) throw new SeriesGeometryError(label, describeIrregularity(positions, gaps));
    }
    const tilt = Math.acos(Math.min(1, Math.abs(dot(step, normal)) / norm(step))) * (180 / Math.PI);
    if (tilt > MAX_UNSHEARED_DEGREES) {
      warnings.push(`slices are sheared by ${tilt.toFixed(2)}° (gantry tilt): the affine keeps the true slice positions`);
    } else {
      // No real shear: the in-plane drift is decimal-string rounding of the positions, so the
      // step is taken along the normal (as dcm2niix and ITK do) rather than carrying that noise.
      step = scale(normal, mean);
    }
  }
  const colStep = scale(first.rowCosine, colSpacing); // +1 in i moves one column along the row direction
  const rowStep = scale(first.columnCosine, rowSpacing); // +1 in j moves one row along the column direction
  const ijkToLps = mat4<'IJK', 'LPS'>([
    colStep[0], rowStep[0], step[0], p0[0],
    colStep[1], rowStep[1], step[1], p0[1],
    colStep[2], rowStep[2], step[2], p0[2],
    0, 0, 0, 1,
  ]);
  const framesByVolume = Array.from({ length: volumes }, (_, t) => positions.map((p) => p.planes[t]!));
  return {
    dims: [first.columns, first.rows, nz],
    volumes,
    ijkToLps,
    spacingMm: [colSpacing, rowSpacing, nz === 1 ? 1 : norm(step)],
    frames: framesByVolume,
    warnings,
  };
}
