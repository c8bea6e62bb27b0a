import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Mat4 } from '../geometry/spaces.js';
import { mat4 } from '../geometry/spaces.js';
import type { NiftiImage } from './nifti-types.js';
import { NIFTI_DATATYPE } from './nifti-types.js';
import { quaternToMatrix } from './quaternion.js';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class NiftiFormatError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'NiftiFormatError';
  }
}

/** Read a NIfTI-1 file (.nii or .nii.gz, either byte order). */
export function readNiftiFile(path: string): NiftiImage {
  let bytes: Buffer = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return parseNifti(bytes, path);
}

export function parseNifti(bytes: Buffer, name = 'NIfTI data'): NiftiImage {
  if (bytes.length < 352) throw new NiftiFormatError(name, `file is ${bytes.length} bytes, shorter than a NIfTI-1 header`);
  let little = true;
  if (bytes.readInt32LE(0) !== 348) {
    if (bytes.readInt32BE(0) !== 348) throw new NiftiFormatError(name, 'not a NIfTI-1 file (sizeof_hdr is not 348)');
    little = false;
  }
  const i16 = (o: number): number => (little ? bytes.readInt16LE(o) : bytes.readInt16BE(o));
  const f32 = (o: number): number => (little ? bytes.readFloatLE(o) : bytes.readFloatBE(o));
  const dim = Array.from({ length: 8 }, (_, k) => i16(40 + 2 * k));
  const ndim = dim[0] ?? 0;
  if (ndim < 1 || ndim > 7) throw new NiftiFormatError(name, `dim[0] = ${ndim} is out of range`);
  const size = (k: number): number => (k <= ndim ? Math.max(1, dim[k] ?? 1) : 1);
  const nx = size(1), ny = size(2), nz = size(3);
  let nt = 1;
  for (let k = 4; k <= ndim; k++) nt *= size(k);
  const datatype = i16(70);
  const voxOffset = Math.max(352, Math.round(f32(108)));
  const pixdim = Array.from({ length: 8 }, (_, k) => f32(76 + 4 * k));
  const slope = f32(112);
  const inter = f32(116);
  const count = nx * ny * nz * nt;
  const data = readVoxels(bytes, voxOffset, count, datatype, little, name);
  const scaled = applyScaling(data, slope, inter);
  return {
    dims: [nx, ny, nz, nt],
    data: scaled,
    ijkToRas: readAffine(bytes, little, pixdim),
    pixdim: [Math.abs(pixdim[1] ?? 1), Math.abs(pixdim[2] ?? 1), Math.abs(pixdim[3] ?? 1)],
  };
}

function readVoxels(bytes: Buffer, offset: number, count: number, datatype: number, little: boolean, name: string) {
  const spec = {
    [NIFTI_DATATYPE.uint8]: { size: 1, make: (n: number) => new Uint8Array(n), get: (o: number) => bytes.readUInt8(o) },
    [NIFTI_DATATYPE.int8]: { size: 1, make: (n: number) => new Int16Array(n), get: (o: number) => bytes.readInt8(o) },
    [NIFTI_DATATYPE.int16]: {
      size: 2,
      make: (n: number) => new Int16Array(n),
      get: (o: number) => (little ? bytes.readInt16LE(o) : bytes.readInt16BE(o)),
    },
    [NIFTI_DATATYPE.uint16]: {
      size: 2,
      make: (n: number) => new Uint16Array(n),
      get: (o: number) => (little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o)),
    },
    [NIFTI_DATATYPE.int32]: {
      size: 4,
      make: (n: number) => new Int32Array(n),
      get: (o: number) => (little ? bytes.readInt32LE(o) : bytes.readInt32BE(o)),
    },
    [NIFTI_DATATYPE.uint32]: {
      size: 4,
      make: (n: number) => new Float64Array(n),
      get: (o: number) => (little ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o)),
    },
    [NIFTI_DATATYPE.float32]: {
      size: 4,
      make: (n: number) => new Float32Array(n),
      get: (o: number) => (little ? bytes.readFloatLE(o) : bytes.readFloatBE(o)),
    },
    [NIFTI_DATATYPE.float64]: {
      size: 8,
      make: (n: number) => new Float64Array(n),
      get: (o: number) => (little ? bytes.readDoubleLE(o) : bytes.readDoubleBE(o)),
    },
  }[datatype];
  if (!spec) throw new NiftiFormatError(name, `NIfTI datatype ${datatype} is not supported`);
  if (offset + count * spec.size > bytes.length) {
    throw new NiftiFormatError(name, `voxel data is truncated: need ${count * spec.size} bytes after offset ${offset}, have ${bytes.length - offset}`);
  }
  const out = spec.make(count);
  if (little === HOST_LITTLE_ENDIAN && out.BYTES_PER_ELEMENT === spec.size && datatype !== NIFTI_DATATYPE.uint32) {
    // Same byte order and element type: one aligned copy instead of a call per voxel.
    new Uint8Array(out.buffer, out.byteOffset, count * spec.size).set(bytes.subarray(offset, offset + count * spec.size));
    return out;
  }
  for (let n = 0; n < count; n++) out[n] = spec.get(offset + n * spec.size);
  return out;
}

function applyScaling(data: ReturnType<typeof readVoxels>, slope: number, inter: number) {
  // nifti1.h: scl_slope 0 means no scaling.
  if (!Number.isFinite(slope) || slope === 0 || (slope === 1 && (inter === 0 || !Number.isFinite(inter)))) return data;
  const out = new Float32Array(data.length);
  const b = Number.isFinite(inter) ? inter : 0;
  for (let n = 0; n < data.length; n++) out[n] = (data[n] as number) * slope + b;
  return out;
}

function readAffine(bytes: Buffer, little: boolean, pixdim: number[]): Mat4<'IJK', 'RAS'> {
  const i16 = (o: number): number => (little ? bytes.readInt16LE(o) : bytes.readInt16BE(o));
  const f32 = (o: number): number => (little ? bytes.readFloatLE(o) : bytes.readFloatBE(o));
  const qformCode = i16(252);
  const sformCode = i16(254);
  if (sformCode > 0) {
    const row = (o: number) => [f32(o), f32(o + 4), f32(o + 8), f32(o + 12)];
    return mat4<'IJK', 'RAS'>([...row(280), ...row(296), ...row(312), 0, 0, 0, 1]);
  }
  const dx = pixdim[1] ?? 1, dy = pixdim[2] ?? 1, dz = pixdim[3] ?? 1;
  if (qformCode > 0) {
    const qfac = (pixdim[0] ?? 1) < 0 ? -1 : 1;
    const r = quaternToMatrix(f32(256), f32(260), f32(264), qfac);
    const t = [f32(268), f32(272), f32(276)];
    const m: number[] = [];
    for (let row = 0; row < 3; row++) {
      const rr = r[row]!;
      m.push(rr[0]! * dx, rr[1]! * dy, rr[2]! * dz, t[row]!);
    }
    return mat4<'IJK', 'RAS'>([...m, 0, 0, 0, 1]);
  }
  return mat4<'IJK', 'RAS'>([dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0, 0, 0, 0, 1]);
}
