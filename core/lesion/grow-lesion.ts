import type { Connectivity } from '../editing/components.js';
import { fillLesionHoles } from './fill-lesion-holes.js';
import { ringMask } from '../editing/margins.js';
import { pasteBox, voxelVolumeCc } from '../editing/mask-grid.js';
import type { Vec3 } from '../geometry/spaces.js';
import { cutByBound, floodFill, interiorVoxels } from './flood-fill.js';
import type { Levels } from './intensity-levels.js';
import { brightestMean, percentile, robustLevels, valuesWhere } from './intensity-levels.js';
import { LesionError, SeedNotDistinctError } from './lesion-errors.js';
import type { LesionImage, SearchRegion } from './search-region.js';
import { clickNeighbourhood, searchRegion } from './search-region.js';

/**
 * Default bound of the growth round the click (mm). A click anywhere in a 20 mm lesion — on the
 * rim of a ring-enhancing one too — leaves all of it within 20 mm; larger lesions need more.
 */
export const DEFAULT_MAX_RADIUS_MM = 20;
/** The largest bound accepted: a 200 mm ball holds a whole head; beyond it the tool is not contouring a lesion. */
export const MAX_RADIUS_LIMIT_MM = 100;
/** The click's neighbourhood: its three brightest voxels give the lesion's level. */
const SEED_RADIUS_MM = 1.5;
const SEED_BRIGHTEST = 3;
/** Once the region has this many interior voxels, their median is a steadier lesion level. */
const MIN_INTERIOR_VOXELS = 27;
/** The local background: a shell from 1 mm outside the contour (past its partial-volume edge) to 4 mm, inside the ball. */
const SHELL_INNER_MM = 1;
const SHELL_OUTER_MM = 4;
/**
 * The threshold lies this fraction of the way from background to lesion. 0.5 is the value of a
 * voxel half covered by the lesion, so the 50 % iso-surface keeps the volume of a
 * partial-volumed object unbiased.
 */
const THRESHOLD_FRACTION = 0.5;
/** The lesion must exceed its surroundings by this many of their robust standard deviations. */
const MIN_CONTRAST_SIGMAS = 2;
const MAX_ITERATIONS = 8;

export interface GrowLesionOptions {
  /** Radius of the ball round the click that bounds the contour (mm); default 20. */
  readonly maxRadiusMm?: number;
  /** Voxel connectivity of the growth; default 6 (face neighbours), which leaks least along vessels. */
  readonly connectivity?: Connectivity;
}

export interface LesionGrowth {
  /** 0/1 per voxel of the image grid, i fastest. */
  readonly mask: Uint8Array;
  readonly voxelCount: number;
  readonly volumeCc: number;
  readonly seedVoxel: Vec3<'IJK'>;
  /** The lesion's level: the click's brightest voxels, or the median inside the contour when lower. */
  readonly lesionLevel: number;
  /** Median and robust SD of the shell 1–4 mm outside the contour. */
  readonly backgroundLevel: number;
  readonly noise: number;
  readonly threshold: number;
  readonly iterations: number;
  readonly maxRadiusMm: number;
  /** True when voxels above the threshold continue past the ball: the lesion may be larger. */
  readonly hitRadiusBound: boolean;
  readonly warnings: readonly string[];
}

/**
 * One-click lesion contour on a contrast-enhanced image (T1 post-contrast). The lesion level
 * comes from the voxels round the click and the background from a shell round the current
 * contour; the threshold halfway between them is refined until it settles (the shell moves with
 * the contour, and the lesion level becomes the contour's own median once it has an interior, so
 * a click on the brightest spot of a heterogeneous lesion does not shrink it). The contour is the
 * region connected to the click above the threshold, inside the ball, with holes filled in 3D and
 * in every plane along the grid axes — a ring-enhancing lesion's necrotic core is included even where
 * the ring is open at a pole. Only the box round the ball is read, so the time does not depend on the
 * image size.
 */
export function growLesion(image: LesionImage, seed: Vec3<'LPS'>, options: GrowLesionOptions = {}): LesionGrowth {
  const maxRadiusMm = options.maxRadiusMm ?? DEFAULT_MAX_RADIUS_MM;
  if (!(Number.isFinite(maxRadiusMm) && maxRadiusMm > 0)) throw new LesionError('bad-option', `the maximum radius must be a positive number of mm, got ${maxRadiusMm}`);
  if (maxRadiusMm > MAX_RADIUS_LIMIT_MM) {
    throw new LesionError('bad-option', `the maximum radius ${maxRadiusMm} mm is larger than any lesion this tool is for (at most ${MAX_RADIUS_LIMIT_MM} mm); contour larger targets with the other tools`);
  }
  const voxelMm = Math.max(...[0, 1, 2].map((a) => Math.hypot(image.ijkToLps[a]!, image.ijkToLps[4 + a]!, image.ijkToLps[8 + a]!)));
  if (maxRadiusMm < voxelMm) {
    throw new LesionError('bad-option', `the maximum radius ${maxRadiusMm} mm is smaller than a voxel of this image (${Number(voxelMm.toFixed(2))} mm): nothing could be grown`);
  }
  const connectivity = options.connectivity ?? 6;
  const region = searchRegion(image, seed, maxRadiusMm + SHELL_OUTER_MM);
  const { values } = region;
  const ball = Uint8Array.from(region.distance2Mm2, (d) => (d <= maxRadiusMm * maxRadiusMm ? 1 : 0));
  const near = clickNeighbourhood(region, SEED_RADIUS_MM);
  const seedLevel = brightestMean(values, near, SEED_BRIGHTEST);
  let lesionLevel = seedLevel;
  const notDistinct = (bg: Levels): SeedNotDistinctError => new SeedNotDistinctError(seed, lesionLevel, bg.median, bg.sigma);

  const ballValues = valuesWhere(values, (n) => ball[n] === 1);
  let background = robustLevels(ballValues);
  if (!(lesionLevel > background.median)) throw notDistinct(background);
  if (!(lesionLevel - background.median > MIN_CONTRAST_SIGMAS * background.sigma)) {
    // Most of the ball is about as bright as the click: a lesion larger than the ball (or tissue
    // that is not a lesion). Start from the darker tenth of the search box, which reaches past
    // the ball; the shell then refines it.
    background = { median: percentile(Float64Array.from(values), 10), sigma: background.sigma };
  }
  const thresholdFor = (bg: Levels): number => bg.median + THRESHOLD_FRACTION * (lesionLevel - bg.median);
  let threshold = thresholdFor(background);
  let grown = grow(region, ball, near, threshold, connectivity);
  let iterations = 1;
  let converged = false;
  for (; iterations <= MAX_ITERATIONS; iterations++) {
    // Only inside the ball: past it lies what the bound cut off, not background.
    const shell = ringMask(grown.filled, region.grid, SHELL_INNER_MM, SHELL_OUTER_MM);
    const local = robustLevels(valuesWhere(values, (n) => shell[n] === 1 && ball[n] === 1));
    if (Number.isNaN(local.median)) {
      converged = true; // the contour fills the ball: nothing left to refine against
      break;
    }
    background = local;
    const inner = interiorVoxels(grown.region, region.dims);
    if (inner.length >= MIN_INTERIOR_VOXELS) lesionLevel = Math.min(seedLevel, percentile(Float64Array.from(inner, (n) => values[n]!), 50));
    if (!(lesionLevel - background.median > MIN_CONTRAST_SIGMAS * background.sigma)) throw notDistinct(background);
    const next = thresholdFor(background);
    if (Math.abs(next - threshold) <= 0.01 * (lesionLevel - background.median)) {
      converged = true;
      break;
    }
    threshold = next;
    grown = grow(region, ball, near, threshold, connectivity);
  }

  const hitRadiusBound = cutByBound(grown.region, ball, values, region.dims, threshold);
  const warnings: string[] = [];
  if (hitRadiusBound) {
    warnings.push(`the contour reached the ${maxRadiusMm} mm bound round the seed and may continue beyond it: check it, or raise the maximum radius`);
  }
  if (!converged) warnings.push('the threshold did not settle: the lesion edge is unclear, check the contour');
  let voxelCount = 0;
  for (let n = 0; n < grown.filled.length; n++) voxelCount += grown.filled[n]!;
  return {
    mask: pasteBox(grown.filled, region.box, image.dims, new Uint8Array(image.dims[0] * image.dims[1] * image.dims[2])),
    voxelCount,
    volumeCc: voxelCount * voxelVolumeCc(image),
    seedVoxel: region.seedVoxel,
    lesionLevel,
    backgroundLevel: background.median,
    noise: background.sigma,
    threshold,
    iterations,
    maxRadiusMm,
    hitRadiusBound,
    warnings,
  };
}

/** The region above the threshold connected to the click, and the same with its holes filled. */
function grow(region: SearchRegion, ball: Uint8Array, near: readonly number[], threshold: number, connectivity: Connectivity): { region: Uint8Array; filled: Uint8Array } {
  const grown = floodFill(region.values, ball, region.dims, threshold, near, connectivity);
  return { region: grown, filled: fillLesionHoles(grown, region.grid) };
}
