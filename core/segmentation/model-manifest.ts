/**
 * The manifest of a model package (`<root>/<id>/manifest.json` beside its ONNX weights).
 *
 * The input contract is explicit so the pipeline reproduces exactly what the network was
 * trained and validated with; anything this version cannot honour is refused at load time
 * rather than silently run with the wrong preprocessing.
 */

export const MANIFEST_SCHEMA_VERSION = 1;

export type Modality = 'MR' | 'CT';

/** RT ROI Interpreted Type (3006,00A4) defined terms, PS3.3 C.8.8.8.1. */
export const RT_ROI_INTERPRETED_TYPES = [
  'EXTERNAL', 'PTV', 'CTV', 'GTV', 'TREATED_VOLUME', 'IRRAD_VOLUME', 'BOLUS', 'AVOIDANCE', 'ORGAN', 'MARKER',
  'REGISTRATION', 'ISOCENTER', 'CONTRAST_AGENT', 'CAVITY', 'BRACHY_CHANNEL', 'BRACHY_ACCESSORY',
  'BRACHY_SRC_APP', 'BRACHY_CHNL_SHLD', 'SUPPORT', 'FIXATION', 'DOSE_REGION', 'CONTROL',
] as const;
export type RtRoiInterpretedType = (typeof RT_ROI_INTERPRETED_TYPES)[number];

/**
 * FreeSurfer-style conform (as NiiVue's `conform(vol, false)` used by brainchop): 256³ grid,
 * 1 mm, LIA, intensities robustly rescaled to uint8. The only conform this version implements.
 */
export interface ConformContract {
  readonly kind: 'freesurfer-uint8';
  readonly orientation: 'LIA';
  readonly spacingMm: 1;
  readonly size: readonly [256, 256, 256];
}

export type Normalisation =
  | { readonly kind: 'minmax' }
  /** brainchop's quantile normalisation: (x − q_lower) / (q_upper − q_lower), no clipping. */
  | { readonly kind: 'quantile'; readonly lower: number; readonly upper: number };

export type CropRule =
  | { readonly kind: 'none' }
  /** Bounding box of normalised > fractionOfMax × max, grown by marginVoxels (the head). */
  | { readonly kind: 'threshold'; readonly fractionOfMax: number; readonly marginVoxels: number }
  /** Bounding box of the brain found by another installed model, grown by marginVoxels. */
  | { readonly kind: 'brain-mask'; readonly maskModel: string; readonly marginVoxels: number };

export interface InputContract {
  readonly conform: ConformContract;
  readonly normalisation: Normalisation;
  readonly crop: CropRule;
  /** Each cropped axis is grown to a multiple of this (1 for fully convolutional MeshNets). */
  readonly sizeMultiple: number;
}

export interface PostprocessRule {
  /** Keep only the largest 26-connected component(s). */
  readonly largestComponent: boolean;
  /** How many of the largest components to keep (2 for a structure that is bilateral). */
  readonly components: number;
  /** Fill cavities not 6-connected to the outside. */
  readonly fillHoles: boolean;
}

export interface StructureSpec {
  /** TG-263 style name: Brain, Brainstem, Hippocampus_L… */
  readonly name: string;
  /** Network classes (channel indices) whose union is this structure. */
  readonly classes: readonly number[];
  readonly color: readonly [number, number, number];
  readonly rtRoiInterpretedType: RtRoiInterpretedType;
  readonly postprocess: PostprocessRule;
}

export interface NetworkSpec {
  readonly inputName: string;
  readonly outputName: string;
  readonly classes: number;
  readonly classNames: readonly string[];
  /** Channels of the widest hidden layer: sizes the memory a run needs. */
  readonly hiddenChannels: number;
  /**
   * How far (voxels) the network looks from each output voxel. Tiles carry this much halo so that
   * tiled inference equals whole-volume inference.
   */
  readonly receptiveFieldRadiusVoxels: number;
}

export interface ModelManifest {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly modality: Modality;
  readonly weights: { readonly file: string; readonly sha256: string; readonly bytes: number };
  readonly licence: { readonly spdx: string; readonly file: string; readonly copyright: string };
  readonly citation: string;
  readonly source: { readonly repository: string; readonly commit: string; readonly path: string; readonly conversion: string };
  readonly network: NetworkSpec;
  readonly input: InputContract;
  readonly structures: readonly StructureSpec[];
}
