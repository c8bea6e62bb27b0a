/**
 * Coordinate spaces carried in the type, so that a patient-space point can never be
 * passed where a voxel index is expected (the commonest RTSTRUCT bug in the field).
 *
 * - 'LPS': DICOM patient coordinates in millimetres (x to the patient's left,
 *   y posterior, z superior), PS3.3 C.7.6.2.1.1.
 * - 'RAS': NIfTI world coordinates in millimetres (x right-to-left negated).
 * - 'IJK': continuous voxel index (i = column, j = row, k = slice), voxel centres at integers.
 */
export type Space = 'LPS' | 'RAS' | 'IJK' | 'MODEL';

declare const spaceBrand: unique symbol;

/** A 3-vector in the named space. */
export type Vec3<S extends Space> = readonly [number, number, number] & { readonly [spaceBrand]?: S };

/**
 * A 4×4 affine from space `From` to space `To`, row-major, last row 0 0 0 1.
 * Stored as 16 numbers so it can cross worker and IPC boundaries unchanged.
 */
export type Mat4<From extends Space, To extends Space> = readonly number[] & {
  readonly [spaceBrand]?: `${From}->${To}`;
};

export function vec3<S extends Space>(x: number, y: number, z: number): Vec3<S> {
  return [x, y, z] as Vec3<S>;
}

export function mat4<From extends Space, To extends Space>(values: readonly number[]): Mat4<From, To> {
  if (values.length !== 16) throw new Error(`a 4×4 matrix needs 16 values, got ${values.length}`);
  return [...values] as Mat4<From, To>;
}
