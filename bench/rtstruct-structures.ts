/**
 * Twenty structures for the RTSTRUCT benchmark, drawn analytically in voxel space on a 512×512×N
 * grid: a body outline on every slice, organs of all sizes, a hollow ring, tubes, a 1-voxel-thin
 * cord and a couch plate that touches the image edge.
 */
export interface BenchStructure {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly mask: Uint8Array;
}

type Inside = (i: number, j: number, k: number) => boolean;

const ellipsoid = (ci: number, cj: number, ck: number, ri: number, rj: number, rk: number): Inside =>
  (i, j, k) => ((i - ci) / ri) ** 2 + ((j - cj) / rj) ** 2 + ((k - ck) / rk) ** 2 <= 1;
const cylinder = (ci: number, cj: number, r: number, k0: number, k1: number): Inside =>
  (i, j, k) => k >= k0 && k <= k1 && (i - ci) ** 2 + (j - cj) ** 2 <= r * r;

export function benchStructures(dims: readonly [number, number, number]): BenchStructure[] {
  const [nx, ny, nz] = dims;
  const z = (f: number) => Math.round(f * (nz - 1));
  const defs: [string, string, Inside][] = [
    ['BODY', 'EXTERNAL', (i, j) => ((i - 255.5) / 200) ** 2 + ((j - 255.5) / 140) ** 2 <= 1],
    ['Lung_L', 'ORGAN', ellipsoid(335, 240, z(0.7), 60, 80, z(0.2))],
    ['Lung_R', 'ORGAN', ellipsoid(175, 240, z(0.7), 65, 82, z(0.2))],
    ['Heart', 'ORGAN', ellipsoid(280, 220, z(0.6), 50, 45, z(0.1))],
    ['SpinalCord', 'ORGAN', cylinder(256, 330, 6, 0, nz - 1)],
    ['Esophagus', 'ORGAN', cylinder(262, 290, 5, z(0.3), z(0.95))],
    ['Liver', 'ORGAN', ellipsoid(190, 250, z(0.35), 80, 70, z(0.12))],
    ['Kidney_L', 'ORGAN', ellipsoid(320, 310, z(0.25), 22, 30, z(0.06))],
    ['Kidney_R', 'ORGAN', ellipsoid(190, 310, z(0.25), 22, 30, z(0.06))],
    ['Spleen', 'ORGAN', ellipsoid(350, 280, z(0.35), 25, 35, z(0.06))],
    ['Bladder', 'ORGAN', ellipsoid(256, 200, z(0.05), 35, 30, z(0.05))],
    ['PTV', 'PTV', ellipsoid(230, 250, z(0.5), 35, 35, z(0.1))],
    ['CTV', 'CTV', ellipsoid(230, 250, z(0.5), 27, 27, z(0.08))],
    ['GTV', 'GTV', ellipsoid(230, 250, z(0.5), 15, 15, z(0.05))],
    ['PTV_ring', 'AVOIDANCE', (i, j, k) => ellipsoid(230, 250, z(0.5), 50, 50, z(0.14))(i, j, k) && !ellipsoid(230, 250, z(0.5), 38, 38, z(0.11))(i, j, k)],
    ['Trachea', 'ORGAN', (i, j, k) => cylinder(256, 250, 10, z(0.75), nz - 1)(i, j, k) && !cylinder(256, 250, 7, 0, nz - 1)(i, j, k)],
    ['Femur_L', 'ORGAN', cylinder(330, 250, 18, 0, z(0.1))],
    ['Femur_R', 'ORGAN', cylinder(182, 250, 18, 0, z(0.1))],
    ['Wire', 'MARKER', (i, j) => i === j && i > 100 && i < 400],
    ['Couch', 'SUPPORT', (_i, j) => j >= 440 && j < 452],
  ];
  return defs.map(([name, type, inside], n) => {
    const mask = new Uint8Array(nx * ny * nz);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++) {
        const row = (k * ny + j) * nx;
        for (let i = 0; i < nx; i++) if (inside(i, j, k)) mask[row + i] = 1;
      }
    return { number: n + 1, name, type, mask };
  });
}
