/**
 * brainchop's sample T1 and the reference label counts recorded beside it
 * (../shared/datasets/brainchop/SOURCE.md: MIT, produced with onnxruntime-node 1.20.1 on the
 * same ONNX files, full 256³, no crop, no post-processing). They are regression references for
 * our preprocessing and pipeline, not ground truth.
 */
import { readFileSync } from 'node:fs';
import { multiply, RAS_TO_LPS } from '../../../core/geometry/mat4.js';
import type { Mat4 } from '../../../core/geometry/spaces.js';
import { mat4 } from '../../../core/geometry/spaces.js';
import type { NiftiImage } from '../../../core/nifti/nifti-types.js';
import { readNiftiFile } from '../../../core/nifti/read-nifti.js';
import { sharedDataset } from '../../support/paths.js';

export const T1_PATH = sharedDataset('brainchop', 't1_crop.nii.gz');
const COUNTS_PATH = sharedDataset('brainchop', 'reference_outputs', 't1_crop_reference_counts.json');

interface CountsFile {
  readonly models: Record<string, { readonly voxel_counts: Record<string, number> }>;
}

/** Reference voxel counts per class name for an upstream model folder name (e.g. model18cls). */
export function referenceCounts(upstreamModel: string): Record<string, number> {
  const file = JSON.parse(readFileSync(COUNTS_PATH, 'utf8')) as CountsFile;
  const model = file.models[upstreamModel];
  if (!model) throw new Error(`no reference counts for ${upstreamModel}`);
  return model.voxel_counts;
}

/** Reference count per channel index, in the colormap order the manifests use. */
export function referenceCountsByClass(upstreamModel: string, classNames: readonly string[]): number[] {
  const counts = referenceCounts(upstreamModel);
  const values = Object.values(counts);
  // model11_gw_ae has no colormap: its reference names its channels by index, in channel order.
  if (values.length === classNames.length && classNames.some((n) => !(n in counts))) return values;
  return classNames.map((n) => {
    const c = counts[n];
    if (c === undefined) throw new Error(`reference for ${upstreamModel} has no class '${n}'`);
    return c;
  });
}

export function readT1(): NiftiImage {
  return readNiftiFile(T1_PATH);
}

/** Voxel count per label value of a uint8 label volume. */
export function histogram(labels: Uint8Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (let v = 0; v < labels.length; v++) out[labels[v]!]!++;
  return out;
}

export function relativeDifference(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

/**
 * The T1 re-stored in RAS voxel order (i → Right, j → Anterior, k → Superior) with the affine that
 * keeps every voxel at the same place: the same patient, a different file layout. The source
 * is LIA, so i is flipped, j and k swap, and the new k is the old j flipped.
 */
export function reorientToRas(image: NiftiImage): NiftiImage {
  const [nx, ny, nz] = image.dims;
  if (nx !== ny || ny !== nz) throw new Error('reorientToRas expects a cube');
  const n = nx;
  const src = image.data;
  const out = new Uint8Array(n * n * n);
  // old (i, j, k) LIA → new (a, b, c) RAS: a = n−1−i, b = k, c = n−1−j.
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const a = n - 1 - i, b = k, c = n - 1 - j;
        out[a + n * (b + n * c)] = src[i + n * (j + n * k)] as number;
      }
    }
  }
  // new → old voxel: i = n−1−a, j = n−1−c, k = b.
  const newToOld = mat4<'IJK', 'IJK'>([-1, 0, 0, n - 1, 0, 0, -1, n - 1, 0, 1, 0, 0, 0, 0, 0, 1]);
  const ijkToRas: Mat4<'IJK', 'RAS'> = multiply(image.ijkToRas, newToOld);
  return { dims: image.dims, data: out, ijkToRas, pixdim: image.pixdim };
}

export function niftiIjkToLps(image: NiftiImage): Mat4<'IJK', 'LPS'> {
  return multiply(RAS_TO_LPS, image.ijkToRas);
}
