import { invert, LPS_TO_RAS, multiply, RAS_TO_LPS } from '../geometry/mat4.js';
import type { Mat4 } from '../geometry/spaces.js';
import { mat4 } from '../geometry/spaces.js';
import type { VoxelArray } from '../volume/image-volume.js';

/** The model grid's size along each axis (FreeSurfer conform). */
export const CONFORM_SIZE = 256;
const N = CONFORM_SIZE;

/** What conform needs of a volume: its first frame and where its voxels are in patient space. */
export interface GridImage {
  readonly dims: readonly [number, number, number];
  readonly data: VoxelArray | Float64Array;
  readonly ijkToLps: Mat4<'IJK', 'LPS'>;
}

/**
 * The image on the model grid: 256³, 1 mm, LIA, uint8, x fastest. Its voxel index is the
 * 'MODEL' space, so a model-grid index can never be used as a source-grid index by mistake.
 */
export interface ConformedVolume {
  readonly data: Uint8Array;
  readonly modelToLps: Mat4<'MODEL', 'LPS'>;
  /** False when the input already was a conformed uint8 volume and was used unchanged. */
  readonly resampled: boolean;
}

/** LIA direction cosines as RAS columns: +i → Left (−x), +j → Inferior (−z), +k → Anterior (+y). */
const LIA_COLUMNS_RAS = [
  [-1, 0, 0],
  [0, 0, -1],
  [0, 1, 0],
] as const;

function entry(m: readonly number[], r: number, c: number): number {
  return m[r * 4 + c] as number;
}

/** True for a 256³ grid whose axes are exactly LIA at 1 mm (translation free), as brainchop requires. */
export function isConformedGrid(dims: readonly number[], ijkToLps: Mat4<'IJK', 'LPS'>): boolean {
  if (dims[0] !== N || dims[1] !== N || dims[2] !== N) return false;
  const ras = multiply(LPS_TO_RAS, ijkToLps);
  for (let c = 0; c < 3; c++) {
    const want = LIA_COLUMNS_RAS[c] as readonly number[];
    for (let r = 0; r < 3; r++) if (Math.abs(entry(ras, r, c) - (want[r] as number)) > 1e-4) return false;
  }
  return true;
}

/**
 * The conformed grid for an input, as NiiVue's `conformVox2Vox` (nibabel/FastSurfer): LIA, 1 mm,
 * with output voxel (128,128,128) placed at the input's affine applied to (nx/2, ny/2, nz/2).
 * The half-voxel convention (dims/2, not (dims−1)/2) is theirs and is kept for identical results.
 */
export function conformedGrid(dims: readonly [number, number, number], ijkToLps: Mat4<'IJK', 'LPS'>): Mat4<'MODEL', 'RAS'> {
  const a = multiply(LPS_TO_RAS, ijkToLps);
  const half = [dims[0] / 2, dims[1] / 2, dims[2] / 2];
  const centre = [0, 1, 2].map((r) => entry(a, r, 0) * half[0]! + entry(a, r, 1) * half[1]! + entry(a, r, 2) * half[2]! + entry(a, r, 3));
  const m: number[] = [];
  for (let r = 0; r < 3; r++) {
    const row = [0, 1, 2].map((c) => (LIA_COLUMNS_RAS[c] as readonly number[])[r] as number);
    const t = (centre[r] as number) - (row[0]! + row[1]! + row[2]!) * (N / 2);
    m.push(row[0]!, row[1]!, row[2]!, t);
  }
  return mat4<'MODEL', 'RAS'>([...m, 0, 0, 0, 1]);
}

/**
 * Put an image on the model grid the way brainchop does (NiiVue `conform(vol, toRAS=false)`,
 * linear interpolation, uint8 output with FastSurfer's robust scaling). A 256³ 1 mm LIA uint8
 * input is used unchanged, as brainchop does. Only the first frame of a 4D image is used.
 */
export function conformVolume(image: GridImage): ConformedVolume {
  const [nx, ny, nz] = image.dims;
  const count = nx * ny * nz;
  if (image.data.length < count) throw new Error(`image has ${image.data.length} voxels, dims say ${count}`);
  if (image.data instanceof Uint8Array && isConformedGrid(image.dims, image.ijkToLps)) {
    return { data: image.data.subarray(0, count), modelToLps: image.ijkToLps as unknown as Mat4<'MODEL', 'LPS'>, resampled: false };
  }
  const modelToRas = conformedGrid(image.dims, image.ijkToLps);
  const modelToIjk = multiply(invert(multiply(LPS_TO_RAS, image.ijkToLps)), modelToRas);
  // NiiVue works on a float32 copy of the scaled voxels; the same rounding keeps results identical.
  const input = new Float32Array(count);
  let globalMin = Infinity;
  let globalMax = -Infinity;
  for (let n = 0; n < count; n++) {
    const raw = image.data[n] as number;
    const v = Number.isFinite(raw) ? raw : 0; // NaN/Inf voxels (float NIfTI) would poison the histogram
    input[n] = v;
    if (input[n]! < globalMin) globalMin = input[n]!;
    if (input[n]! > globalMax) globalMax = input[n]!;
  }
  if (!(globalMax > globalMin)) throw new Error('the image is constant: nothing to segment');
  const resampled = resampleTrilinear(input, image.dims, modelToIjk);
  const [srcMin, scale] = image.data instanceof Uint8Array ? [globalMin, 1] : robustScale(input, globalMin, globalMax);
  const data = new Uint8Array(N * N * N);
  for (let n = 0; n < data.length; n++) {
    // scalecropUint8: clamp to 0..255, then the typed-array store truncates (NaN stores 0).
    data[n] = Math.min(Math.max(scale * ((resampled[n] as number) - srcMin), 0), 255);
  }
  return { data, modelToLps: multiply(RAS_TO_LPS, modelToRas), resampled: true };
}

/**
 * NiiVue's trilinear resampling onto the 256³ grid: a voxel is left 0 when its floor is below 0 or
 * its ceil is past the last index. Reads past the end of the buffer (weight 0, last row/slice)
 * give NaN → 0 exactly as in NiiVue.
 */
function resampleTrilinear(src: Float32Array, dims: readonly [number, number, number], modelToIjk: Mat4<'MODEL', 'IJK'>): Float32Array {
  const [dx, dy, dz] = dims;
  const dxy = dx * dy;
  const m = modelToIjk;
  const out = new Float32Array(N * N * N);
  let o = -1;
  for (let z = 0; z < N; z++) {
    for (let y = 0; y < N; y++) {
      const ixYZ = y * entry(m, 0, 1) + z * entry(m, 0, 2) + entry(m, 0, 3);
      const iyYZ = y * entry(m, 1, 1) + z * entry(m, 1, 2) + entry(m, 1, 3);
      const izYZ = y * entry(m, 2, 1) + z * entry(m, 2, 2) + entry(m, 2, 3);
      for (let x = 0; x < N; x++) {
        o++;
        const ix = x * entry(m, 0, 0) + ixYZ;
        const iy = x * entry(m, 1, 0) + iyYZ;
        const iz = x * entry(m, 2, 0) + izYZ;
        const fx = Math.floor(ix), fy = Math.floor(iy), fz = Math.floor(iz);
        if (fx < 0 || fy < 0 || fz < 0) continue;
        if (Math.ceil(ix) >= dx || Math.ceil(iy) >= dy || Math.ceil(iz) >= dz) continue;
        const rcx = ix - fx, rcy = iy - fy, rcz = iz - fz;
        const rfx = 1 - rcx, rfy = 1 - rcy, rfz = 1 - rcz;
        const f = fx + fy * dx + fz * dxy;
        // Same summation order as NiiVue so float rounding matches.
        let v = 0;
        v += (src[f] as number) * rfx * rfy * rfz;
        v += (src[f + dxy] as number) * rfx * rfy * rcz;
        v += (src[f + dx] as number) * rfx * rcy * rfz;
        v += (src[f + dx + dxy] as number) * rfx * rcy * rcz;
        v += (src[f + 1] as number) * rcx * rfy * rfz;
        v += (src[f + 1 + dxy] as number) * rcx * rfy * rcz;
        v += (src[f + 1 + dx] as number) * rcx * rcy * rfz;
        v += (src[f + 1 + dx + dxy] as number) * rcx * rcy * rcz;
        out[o] = v;
      }
    }
  }
  return out;
}

/**
 * FastSurfer `getscale` as NiiVue ports it (f_low 0, f_high 0.999, 1000-bin histogram of the
 * input voxels): returns [srcMin, scale] mapping srcMin..robustMax to 0..255.
 */
export function robustScale(img: Float32Array, globalMin: number, globalMax: number): [number, number] {
  const fLow = 0;
  const fHigh = 0.999;
  const voxnum = img.length;
  let nz = 0;
  for (let n = 0; n < voxnum; n++) if (Math.abs(img[n] as number) >= 1e-15) nz++;
  const histosize = 1000;
  const binSize = (globalMax - globalMin) / histosize;
  const hist = new Float64Array(histosize);
  for (let n = 0; n < voxnum; n++) {
    const bin = Math.min(Math.floor(((img[n] as number) - globalMin) / binSize), histosize - 1);
    hist[bin]!++;
  }
  const cs = new Float64Array(histosize);
  cs[0] = hist[0]!;
  for (let n = 1; n < histosize; n++) cs[n] = cs[n - 1]! + hist[n]!;
  let nth = Math.floor(fLow * voxnum);
  let idx = 0;
  while (idx < histosize && cs[idx]! < nth) idx++;
  const srcMin = idx * binSize + globalMin;
  nth = voxnum - Math.floor((1.0 - fHigh) * nz);
  idx = 0;
  while (idx < histosize - 1 && cs[idx + 1]! < nth) idx++;
  const srcMax = idx * binSize + globalMin;
  return [srcMin, srcMin !== srcMax ? 255 / (srcMax - srcMin) : 1];
}
