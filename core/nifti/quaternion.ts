/**
 * qform parameters from a 3×3 direction-and-spacing matrix, following the
 * construction in nifti1_io.c (nifti_mat44_to_quatern): columns are normalised,
 * a negative determinant is carried by qfac = -1 on the third axis.
 */
export interface Quatern {
  b: number;
  c: number;
  d: number;
  qfac: 1 | -1;
}

export function matrixToQuatern(r: readonly number[][]): Quatern {
  const col = (c: number): [number, number, number] => {
    const v: [number, number, number] = [r[0]![c]!, r[1]![c]!, r[2]![c]!];
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return [v[0] / n, v[1] / n, v[2] / n];
  };
  const x = col(0), y = col(1);
  let z = col(2);
  const det =
    x[0] * (y[1] * z[2] - y[2] * z[1]) - y[0] * (x[1] * z[2] - x[2] * z[1]) + z[0] * (x[1] * y[2] - x[2] * y[1]);
  let qfac: 1 | -1 = 1;
  if (det < 0) {
    qfac = -1;
    z = [-z[0], -z[1], -z[2]];
  }
  const r11 = x[0], r21 = x[1], r31 = x[2];
  const r12 = y[0], r22 = y[1], r32 = y[2];
  const r13 = z[0], r23 = z[1], r33 = z[2];
  let a = r11 + r22 + r33 + 1;
  let b: number, c: number, d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33);
    const yd = 1 + r22 - (r11 + r33);
    const zd = 1 + r33 - (r11 + r22);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

/** The rotation matrix of a qform quaternion (nifti_quatern_to_mat44), without spacing. */
export function quaternToMatrix(b: number, c: number, d: number, qfac: number): number[][] {
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    a = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= a;
    c *= a;
    d *= a;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const q = qfac < 0 ? -1 : 1;
  return [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), q * 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, q * 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), q * (a * a + d * d - c * c - b * b)],
  ];
}
