/**
 * The lesion table (core/lesion/lesion-table.ts): volume, the longest 3D and axial diameters in
 * patient space, centroid, and the distance to the nearest SRS organ at risk; sorting; CSV.
 * Diameters are checked against a brute-force implementation of the same definition (every surface
 * mesh vertex against every other, no pruning) on random shapes and grids, and against closed forms.
 */
import { describe, expect, it } from 'vitest';
import { multiply } from '../../core/geometry/mat4.js';
import type { Mat4 } from '../../core/geometry/spaces.js';
import { mat4 } from '../../core/geometry/spaces.js';
import type { LesionRow } from '../../core/lesion/index.js';
import { axialAxis, isGtv, isSrsOrganAtRisk, LESION_CSV_HEADER, lesionTable, lesionTableCsv, maskDiameters, sortLesionRows } from '../../core/lesion/index.js';

type Dims = readonly [number, number, number];

function grid(dims: Dims, spacing: readonly [number, number, number], origin: readonly [number, number, number] = [0, 0, 0]): { dims: Dims; ijkToLps: Mat4<'IJK', 'LPS'> } {
  return { dims, ijkToLps: mat4([spacing[0], 0, 0, origin[0], 0, spacing[1], 0, origin[1], 0, 0, spacing[2], origin[2], 0, 0, 0, 1]) };
}

function boxMask(dims: Dims, lo: readonly number[], hi: readonly number[]): Uint8Array {
  const m = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = lo[2]!; k < hi[2]!; k++) for (let j = lo[1]!; j < hi[1]!; j++) for (let i = lo[0]!; i < hi[0]!; i++) m[i + dims[0] * (j + dims[1] * k)] = 1;
  return m;
}

/** Every vertex of the definition: midpoints of inside/outside face-neighbour pairs (off-grid = outside), in LPS. */
function allVertices(mask: Uint8Array, g: { dims: Dims; ijkToLps: Mat4<'IJK', 'LPS'> }): { p: number[][]; half: number[][] } {
  const [nx, ny, nz] = g.dims;
  const at = (i: number, j: number, k: number): boolean => i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && mask[i + nx * (j + ny * k)] === 1;
  const p: number[][] = [];
  const half: number[][] = [];
  const m = g.ijkToLps;
  for (let k = -1; k <= nz; k++) for (let j = -1; j <= ny; j++) for (let i = -1; i <= nx; i++) {
    for (const [a, b, c] of [[1, 0, 0], [0, 1, 0], [0, 0, 1]] as const) {
      if (at(i, j, k) === at(i + a, j + b, k + c)) continue;
      const v = [i + a / 2, j + b / 2, k + c / 2];
      half.push(v);
      p.push([0, 1, 2].map((r) => m[4 * r]! * v[0]! + m[4 * r + 1]! * v[1]! + m[4 * r + 2]! * v[2]! + m[4 * r + 3]!));
    }
  }
  return { p, half };
}

function bruteDiameters(mask: Uint8Array, g: { dims: Dims; ijkToLps: Mat4<'IJK', 'LPS'> }, axis: number): { d3: number; axial: number } {
  const { p, half } = allVertices(mask, g);
  let d3 = 0, axial = 0;
  for (let a = 0; a < p.length; a++) for (let b = a + 1; b < p.length; b++) {
    const d = Math.hypot(p[a]![0]! - p[b]![0]!, p[a]![1]! - p[b]![1]!, p[a]![2]! - p[b]![2]!);
    d3 = Math.max(d3, d);
    if (half[a]![axis] === half[b]![axis] && Number.isInteger(half[a]![axis])) axial = Math.max(axial, d);
  }
  return { d3, axial };
}

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('maskDiameters', () => {
  it('a box: the longest chord joins opposite face centres of the corner voxels (closed form)', () => {
    const g = grid([9, 10, 11], [0.5, 1, 2.5]);
    const d = maskDiameters(boxMask(g.dims, [2, 3, 2], [5, 7, 7]), g); // 3×4×5 voxels
    // z faces: Δ = (2·0.5, 3·1, 5·2.5) between (0,0,−½) and (2,3,4+½) in box voxels.
    expect(d.diameter3dMm).toBeCloseTo(Math.sqrt(1 + 9 + 156.25), 10);
    // Axial (LPS z = k): the slice outline spans 3×4 voxels, vertices on the x faces: Δ = (3·0.5, 3·1).
    expect(d.axialAxis).toBe(2);
    expect(d.axialDiameterMm).toBeCloseTo(Math.max(Math.hypot(1.5, 3), Math.hypot(1, 4)), 10);
    expect(d.axialSlice).toBe(2);
  });

  it('one voxel: 3D diameter is its longest side, axial its longest in-plane side', () => {
    const g = grid([3, 3, 3], [0.7, 0.9, 3]);
    const d = maskDiameters(boxMask(g.dims, [1, 1, 1], [2, 2, 2]), g);
    expect(d.diameter3dMm).toBeCloseTo(3, 10);
    expect(d.axialDiameterMm).toBeCloseTo(0.9, 10);
  });

  it('an empty mask has zero diameters and no slice', () => {
    const g = grid([4, 4, 4], [1, 1, 1]);
    expect(maskDiameters(new Uint8Array(64), g)).toEqual({ diameter3dMm: 0, axialDiameterMm: 0, axialAxis: 2, axialSlice: null });
  });

  it('equals brute force over all mesh vertices on random blobs, anisotropic and rotated grids', () => {
    const rnd = random(7);
    const rotation = (t: number): number[] => [Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0, 0, 0, 1];
    for (let trial = 0; trial < 12; trial++) {
      const dims: Dims = [7 + (trial % 3), 6 + (trial % 4), 5 + (trial % 2)];
      const spacing = [0.4 + rnd(), 0.4 + rnd(), 1 + 3 * rnd()] as const;
      const r = rotation(trial * 0.4);
      // Rotated about z, then scaled: axes stay orthogonal, so k stays the axial axis.
      const g = {
        dims,
        ijkToLps: multiply(
          mat4<'IJK', 'LPS'>([r[0]!, r[1]!, 0, 5, r[3]!, r[4]!, 0, -3, 0, 0, 1, 12, 0, 0, 0, 1]),
          mat4<'IJK', 'IJK'>([spacing[0], 0, 0, 0, 0, spacing[1], 0, 0, 0, 0, spacing[2], 0, 0, 0, 0, 1]),
        ),
      };
      const mask = Uint8Array.from({ length: dims[0] * dims[1] * dims[2] }, () => (rnd() < 0.35 ? 1 : 0));
      const ours = maskDiameters(mask, g);
      const brute = bruteDiameters(mask, g, 2);
      expect(ours.diameter3dMm).toBeCloseTo(brute.d3, 9);
      expect(ours.axialDiameterMm).toBeCloseTo(brute.axial, 9);
    }
  });

  it('a 20 mm ball on a 1 mm grid measures 20 mm within one voxel', () => {
    const g = grid([30, 30, 30], [1, 1, 1]);
    const mask = Uint8Array.from({ length: 27000 }, (_, n) => (Math.hypot((n % 30) - 14.5, (Math.floor(n / 30) % 30) - 14.5, Math.floor(n / 900) - 14.5) <= 10 ? 1 : 0));
    const d = maskDiameters(mask, g);
    expect(Math.abs(d.diameter3dMm - 20)).toBeLessThan(1);
    expect(Math.abs(d.axialDiameterMm - 20)).toBeLessThan(1);
  });

  it('the axial planes follow the patient, not the storage: a sagittal stack is measured across its j axis', () => {
    // Sagittal storage: i → posterior, j → inferior, k → left (LPS columns).
    const sagittal = mat4<'IJK', 'LPS'>([0, 0, 1, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1]);
    expect(axialAxis({ dims: [4, 4, 4], ijkToLps: sagittal })).toBe(1);
    expect(axialAxis(grid([4, 4, 4], [1, 1, 1]))).toBe(2);
  });
});

describe('lesionTable', () => {
  const g = grid([40, 40, 20], [1, 1, 2], [-20, -20, -20]);
  const gtv = boxMask(g.dims, [10, 10, 5], [14, 16, 8]); // 4×6×3 voxels = 72 voxels, 0.144 cc
  const brainstem = boxMask(g.dims, [10, 25, 5], [14, 30, 8]); // 9 voxels beyond the GTV along j
  const chiasm = boxMask(g.dims, [10, 10, 11], [14, 16, 12]); // 3 slices above the GTV along k (2 mm slices)

  it('one row per GTV (by type or name), with volume, diameters, centroid and the nearest organ at risk', () => {
    const rows = lesionTable(
      [
        { name: 'GTV_1', mask: gtv },
        { name: 'Met 2', type: 'GTV', mask: boxMask(g.dims, [30, 30, 2], [31, 31, 3]) },
        { name: 'PTV_1', type: 'PTV', mask: gtv },
        { name: 'Brainstem', type: 'ORGAN', mask: brainstem },
        { name: 'OpticChiasm', mask: chiasm },
        { name: 'Brain', mask: boxMask(g.dims, [0, 0, 0], [40, 40, 20]) },
      ],
      g,
    );
    expect(rows.map((r) => r.name)).toEqual(['GTV_1', 'Met 2']);
    const [first, second] = rows as [LesionRow, LesionRow];
    expect(first.voxelCount).toBe(72);
    expect(first.volumeCc).toBeCloseTo(0.144, 12);
    expect([...first.centroidLps!]).toEqual([-8.5, -7.5, -8]); // mean voxel (11.5, 12.5, 6) → LPS
    // Surface to surface (voxel faces): brainstem j = 15.5 → 24.5, 9 × 1 mm; chiasm k = 7.5 → 10.5, 3 × 2 mm.
    expect(first.nearestOrgan).toEqual({ name: 'OpticChiasm', distanceMm: 6 });
    expect(lesionTable([{ name: 'GTV_1', mask: gtv }, { name: 'Brainstem', mask: brainstem }], g)[0]!.nearestOrgan).toEqual({ name: 'Brainstem', distanceMm: 9 });
    expect(first.diameter3dMm).toBeCloseTo(Math.hypot(3, 5, 3 * 2), 10); // k faces: Δ = (3, 5, 3 slices × 2 mm)
    expect(second.nearestOrgan?.name).toBe('Brainstem');
    expect(second.diameter3dMm).toBeCloseTo(2, 10);
  });

  it('distance 0 when the GTV overlaps an organ at risk, null when none is present', () => {
    expect(lesionTable([{ name: 'GTV', mask: gtv }, { name: 'Brain_Stem', mask: gtv }], g)[0]!.nearestOrgan).toEqual({ name: 'Brain_Stem', distanceMm: 0 });
    expect(lesionTable([{ name: 'GTV', mask: gtv }, { name: 'Brainstem', mask: new Uint8Array(gtv.length) }], g)[0]!.nearestOrgan).toBeNull();
    const empty = lesionTable([{ name: 'GTV', mask: new Uint8Array(gtv.length) }], g)[0]!;
    expect(empty).toMatchObject({ voxelCount: 0, volumeCc: 0, diameter3dMm: 0, centroidLps: null, nearestOrgan: null });
  });

  it('names: GTVs and SRS organs at risk', () => {
    expect(['GTV', 'gtv_2', 'GTVp', ' GTV-Met1'].every((name) => isGtv({ name }))).toBe(true);
    expect(isGtv({ name: 'Met1', type: 'GTV' })).toBe(true);
    expect(['PTV_GTV', 'CTV', 'Lesion'].some((name) => isGtv({ name }))).toBe(false);
    expect(['Brainstem', 'BrainStem', 'Brain_Stem', 'brain stem', 'OpticNrv_L', 'Optic Nerve R', 'OpticChiasm', 'Chiasm'].every(isSrsOrganAtRisk)).toBe(true);
    expect(['Brain', 'Cochlea_L', 'Eye_L'].some(isSrsOrganAtRisk)).toBe(false);
  });

  it('refuses a mask on another grid', () => {
    expect(() => lesionTable([{ name: 'GTV', mask: new Uint8Array(5) }], g)).toThrow("structure 'GTV' has 5 voxels, the grid 40×40×20 = 32000");
  });
});

const row = (name: string, volumeCc: number, distanceMm: number | null): LesionRow => ({
  name,
  voxelCount: Math.round(volumeCc * 1000),
  volumeCc,
  diameter3dMm: volumeCc * 10,
  axialDiameterMm: volumeCc * 8,
  axialSlice: 3,
  centroidLps: [1, -2.5, 30.125] as unknown as LesionRow['centroidLps'],
  nearestOrgan: distanceMm === null ? null : { name: 'Brainstem', distanceMm },
});

describe('sortLesionRows', () => {
  const rows = [row('GTV_10', 0.5, 12), row('GTV_2', 2, null), row('GTV_1', 0.1, 3)];
  it('sorts by any column, names naturally, missing distances last', () => {
    expect(sortLesionRows(rows, 'name').map((r) => r.name)).toEqual(['GTV_1', 'GTV_2', 'GTV_10']);
    expect(sortLesionRows(rows, 'volumeCc', 'desc').map((r) => r.name)).toEqual(['GTV_2', 'GTV_10', 'GTV_1']);
    expect(sortLesionRows(rows, 'organDistanceMm').map((r) => r.name)).toEqual(['GTV_1', 'GTV_10', 'GTV_2']);
    expect(sortLesionRows(rows, 'organDistanceMm', 'desc').map((r) => r.name)).toEqual(['GTV_10', 'GTV_1', 'GTV_2']);
    expect(rows.map((r) => r.name)).toEqual(['GTV_10', 'GTV_2', 'GTV_1']); // a copy, the input is untouched
  });
});

describe('lesionTableCsv (RFC 4180)', () => {
  it('writes a header with units, CRLF lines, empty fields for none, quoted and neutralised names', () => {
    const source = { patientId: 'SRS-0042', seriesInstanceUid: '1.2.826.0.1.3680043.10.1.7' };
    const csv = lesionTableCsv([row('GTV_1', 1.23456, 4.5), { ...row('GTV "A", left', 0.5, null), centroidLps: null, axialSlice: null }, row('=HYPERLINK("x")', 0.1, 1)], source);
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(LESION_CSV_HEADER.join(','));
    expect(lines[0]).toBe(
      'Structure,Voxels,Volume (cc),Longest diameter 3D (mm),Longest axial diameter (mm),Axial slice (index),Centroid x LPS (mm),Centroid y LPS (mm),Centroid z LPS (mm),Nearest organ at risk,Distance to nearest organ at risk (mm),Patient ID,Series Instance UID',
    );
    const whose = 'SRS-0042,1.2.826.0.1.3680043.10.1.7';
    expect(lines[1]).toBe(`GTV_1,1235,1.235,12.35,9.88,3,1.00,-2.50,30.13,Brainstem,4.50,${whose}`);
    expect(lines[2]).toBe(`"GTV ""A"", left",500,0.500,5.00,4.00,,,,,,,${whose}`);
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")",100,0.100,1.00,0.80,3,1.00,-2.50,30.13,Brainstem,1.00,${whose}`);
    // A patient ID a spreadsheet would run as a formula is neutralised like a name.
    expect(lesionTableCsv([row('GTV_1', 1, 1)], { ...source, patientId: '=1+1' }).split('\r\n')[1]).toMatch(/,'=1\+1,1\.2\.826/);
    expect(csv).not.toMatch(/(?<!\r)\n/);
  });

  it('an empty table is the header alone', () => {
    expect(lesionTableCsv([])).toBe(`${LESION_CSV_HEADER.join(',')}\r\n`);
  });
});
