import type { Mat4 } from '../../core/geometry/spaces.js';
import { applyToPoint, invert, multiply } from '../../core/geometry/mat4.js';
import { vec3 } from '../../core/geometry/spaces.js';
import type { NiftiImage } from '../../core/nifti/nifti-types.js';

export interface GridImage {
  readonly dims: readonly [number, number, number, number];
  readonly data: ArrayLike<number>;
  readonly ijkToRas: Mat4<'IJK', 'RAS'>;
}

export interface WorldComparison {
  /** Largest distance in mm between a voxel centre of ours and the matching reference voxel centre (grid corners). */
  readonly maxCornerErrorMm: number;
  /** The same for the four corners of our first slice only (origin and in-plane axes). */
  readonly firstSliceCornerErrorMm: number;
  /** Our axis a maps to reference axis axisMap[a] (sign in axisSign). */
  readonly axisMap: readonly number[];
  readonly axisSign: readonly number[];
  readonly voxelsCompared: number;
  readonly mismatches: number;
  readonly maxAbsDifference: number;
  readonly firstMismatch?: string;
}

/**
 * Compare two images in world space, not array order: find the signed axis permutation that
 * maps our voxel grid onto the reference grid (from the two affines), check that every corner
 * lands on the same world point, then compare each voxel with the reference voxel at the same
 * world position.
 */
export function compareInWorld(ours: GridImage, ref: NiftiImage, valueTolerance: (refValue: number) => number = () => 0): WorldComparison {
  const m = multiply(invert(ref.ijkToRas), ours.ijkToRas); // our ijk → reference ijk
  const axisMap: number[] = [];
  const axisSign: number[] = [];
  for (let c = 0; c < 3; c++) {
    let best = 0;
    for (let r = 1; r < 3; r++) if (Math.abs(m[r * 4 + c]!) > Math.abs(m[best * 4 + c]!)) best = r;
    axisMap.push(best);
    axisSign.push(Math.sign(m[best * 4 + c]!));
  }
  const toRef = (i: number, j: number, k: number): [number, number, number] => {
    const p = [i, j, k];
    const out = [0, 0, 0] as [number, number, number];
    for (let r = 0; r < 3; r++) out[r] = m[r * 4]! * p[0]! + m[r * 4 + 1]! * p[1]! + m[r * 4 + 2]! * p[2]! + m[r * 4 + 3]!;
    return out;
  };
  // Corner error in mm: distance between our voxel centre and the nearest reference voxel centre.
  let maxCornerErrorMm = 0;
  let firstSliceCornerErrorMm = 0;
  const [nx, ny, nz, nt] = ours.dims;
  for (const k of [0, nz - 1]) for (const i of [0, nx - 1]) for (const j of [0, ny - 1]) {
    const q = toRef(i, j, k);
    const rounded = q.map(Math.round);
    const delta = q.map((v, n) => v - rounded[n]!);
    const a = ref.ijkToRas;
    const mm = [0, 1, 2].map((r) => a[r * 4]! * delta[0]! + a[r * 4 + 1]! * delta[1]! + a[r * 4 + 2]! * delta[2]!);
    maxCornerErrorMm = Math.max(maxCornerErrorMm, Math.hypot(mm[0]!, mm[1]!, mm[2]!));
    if (k === 0) firstSliceCornerErrorMm = maxCornerErrorMm;
  }
  const [rx, ry, rz, rt] = ref.dims;
  let mismatches = 0;
  let compared = 0;
  let maxAbsDifference = 0;
  let firstMismatch: string | undefined;
  if (rt !== nt || rx * ry * rz !== nx * ny * nz) {
    return { maxCornerErrorMm, firstSliceCornerErrorMm, axisMap, axisSign, voxelsCompared: 0, mismatches: -1, maxAbsDifference: Infinity, firstMismatch: `dims differ: ours ${ours.dims.join('×')}, reference ${ref.dims.join('×')}` };
  }
  for (let t = 0; t < nt; t++) {
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const q = toRef(i, j, k).map(Math.round) as [number, number, number];
      if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] >= rx || q[1] >= ry || q[2] >= rz) {
        mismatches++;
        firstMismatch ??= `voxel ${i},${j},${k} maps outside the reference grid`;
        continue;
      }
      const a = ours.data[i + nx * (j + ny * (k + nz * t))]!;
      const b = ref.data[q[0] + rx * (q[1] + ry * (q[2] + rz * t))]!;
      const d = Math.abs(a - b);
      compared++;
      if (d > valueTolerance(b)) {
        mismatches++;
        firstMismatch ??= `voxel ${i},${j},${k},${t}: ours ${a}, reference ${b}`;
      }
      maxAbsDifference = Math.max(maxAbsDifference, d);
    }
  }
  return { maxCornerErrorMm, firstSliceCornerErrorMm, axisMap, axisSign, voxelsCompared: compared, mismatches, maxAbsDifference, ...(firstMismatch ? { firstMismatch } : {}) };
}

/** Distance (mm) from each DICOM position to the nearest slice origin of our grid. */
export function positionDeviations(positions: readonly (readonly number[])[], ijkToLps: readonly number[]): number[] {
  const inv = invert(ijkToLps as Mat4<'IJK', 'LPS'>);
  return positions.map((p) => {
    const ijk = applyToPoint(inv, vec3<'LPS'>(p[0]!, p[1]!, p[2]!));
    const snapped = applyToPoint(ijkToLps as Mat4<'IJK', 'LPS'>, vec3<'IJK'>(Math.round(ijk[0]), Math.round(ijk[1]), Math.round(ijk[2])));
    return Math.hypot(snapped[0] - p[0]!, snapped[1] - p[1]!, snapped[2] - p[2]!);
  });
}

