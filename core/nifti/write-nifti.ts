import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Mat4 } from '../geometry/spaces.js';
import type { VoxelArray } from '../volume/image-volume.js';
import { NIFTI_DATATYPE } from './nifti-types.js';
import { matrixToQuatern } from './quaternion.js';

export interface NiftiWriteInput {
  readonly dims: readonly [number, number, number, number];
  readonly data: VoxelArray;
  readonly ijkToRas: Mat4<'IJK', 'RAS'>;
  /** Free text, at most 79 bytes (NIfTI descrip). */
  readonly description?: string;
}

const HEADER_BYTES = 352; // 348-byte header + 4-byte extension flag

/** Columns orthonormal within float32 precision. */
function isRotation(r: number[][]): boolean {
  for (let a = 0; a < 3; a++) {
    for (let b = a; b < 3; b++) {
      const d = r[0]![a]! * r[0]![b]! + r[1]![a]! * r[1]![b]! + r[2]![a]! * r[2]![b]!;
      if (Math.abs(d - (a === b ? 1 : 0)) > 1e-5) return false;
    }
  }
  return true;
}

function datatypeOf(data: VoxelArray): { code: number; bitpix: number } {
  if (data instanceof Uint8Array) return { code: NIFTI_DATATYPE.uint8, bitpix: 8 };
  if (data instanceof Int16Array) return { code: NIFTI_DATATYPE.int16, bitpix: 16 };
  if (data instanceof Uint16Array) return { code: NIFTI_DATATYPE.uint16, bitpix: 16 };
  if (data instanceof Int32Array) return { code: NIFTI_DATATYPE.int32, bitpix: 32 };
  return { code: NIFTI_DATATYPE.float32, bitpix: 32 };
}

/**
 * Encode a little-endian NIfTI-1 single file. Both qform and sform carry the affine
 * (codes 1 = scanner anatomical), as dcm2niix writes them, so every reader agrees.
 */
export function encodeNifti(input: NiftiWriteInput): Buffer {
  const { header, body } = encodeParts(input);
  return Buffer.concat([header, body]);
}

function encodeParts(input: NiftiWriteInput): { header: Buffer; body: Buffer } {
  const [nx, ny, nz, nt] = input.dims;
  const count = nx * ny * nz * nt;
  if (input.data.length !== count) throw new Error(`NIfTI data has ${input.data.length} voxels, dims say ${count}`);
  const { code, bitpix } = datatypeOf(input.data);
  const header = Buffer.alloc(HEADER_BYTES);
  const m = input.ijkToRas;
  const a = (r: number, c: number): number => m[r * 4 + c] as number;
  const spacing = [0, 1, 2].map((c) => Math.hypot(a(0, c), a(1, c), a(2, c)));
  const rot = [0, 1, 2].map((r) => [0, 1, 2].map((c) => a(r, c) / (spacing[c] || 1)));
  const q = matrixToQuatern(rot);

  header.writeInt32LE(348, 0);
  header.writeUInt8('r'.charCodeAt(0), 38); // regular = 'r'
  const ndim = nt > 1 ? 4 : 3;
  const dim = [ndim, nx, ny, nz, nt, 1, 1, 1];
  dim.forEach((v, k) => header.writeInt16LE(v, 40 + 2 * k));
  header.writeInt16LE(code, 70);
  header.writeInt16LE(bitpix, 72);
  const pixdim = [q.qfac, spacing[0] ?? 1, spacing[1] ?? 1, spacing[2] ?? 1, 1, 1, 1, 1];
  pixdim.forEach((v, k) => header.writeFloatLE(v, 76 + 4 * k));
  header.writeFloatLE(HEADER_BYTES, 108); // vox_offset
  header.writeFloatLE(1, 112); // scl_slope
  header.writeFloatLE(0, 116); // scl_inter
  header.writeUInt8(2 | 8, 123); // xyzt_units: mm, s
  const descrip = Buffer.from((input.description ?? 'Delineate').slice(0, 79), 'latin1');
  descrip.copy(header, 148);
  // A qform is a rotation; a sheared affine (gantry tilt) cannot be one, so then only the sform
  // is set (qform_code 0) rather than a qform that places the image up to centimetres away.
  header.writeInt16LE(isRotation(rot) ? 1 : 0, 252); // qform_code: scanner
  header.writeInt16LE(1, 254); // sform_code: scanner
  header.writeFloatLE(q.b, 256);
  header.writeFloatLE(q.c, 260);
  header.writeFloatLE(q.d, 264);
  header.writeFloatLE(a(0, 3), 268);
  header.writeFloatLE(a(1, 3), 272);
  header.writeFloatLE(a(2, 3), 276);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) header.writeFloatLE(a(r, c), 280 + 16 * r + 4 * c);
  header.write('n+1\0', 344, 'latin1');

  const body = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  return { header, body };
}

/** Write .nii or, when the path ends in .gz, gzip-compressed .nii.gz. */
export function writeNiftiFile(path: string, input: NiftiWriteInput): void {
  if (path.endsWith('.gz')) {
    writeFileSync(path, gzipSync(encodeNifti(input), { level: 6 }));
    return;
  }
  // Header and voxels written separately: no second copy of a large volume in memory.
  const { header, body } = encodeParts(input);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header);
    for (let offset = 0; offset < body.length; offset += WRITE_CHUNK) writeSync(fd, body, offset, Math.min(WRITE_CHUNK, body.length - offset));
  } finally {
    closeSync(fd);
  }
}

const WRITE_CHUNK = 8 * 1024 * 1024;
