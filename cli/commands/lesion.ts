import { statSync } from 'node:fs';
import { parseArgs, required, single } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { LPS_TO_RAS, multiply } from '../../core/geometry/mat4.js';
import type { Vec3 } from '../../core/geometry/spaces.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import type { LesionImage } from '../../core/lesion/index.js';
import { DEFAULT_MAX_RADIUS_MM, growLesion, LesionError, lesionTable } from '../../core/lesion/index.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import { checkOutputFile, errnoText } from '../output-path.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';

const USAGE = 'delineate lesion IMAGE --seed X,Y,Z --out MASK.nii[.gz] [--max-radius-mm R] [--series SERIES_UID]';

/** "X,Y,Z" in mm, patient coordinates (LPS, as DICOM viewers show them). */
export function parseSeed(text: string): Vec3<'LPS'> {
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map((p) => (p === '' ? Number.NaN : Number(p)));
  if (values.length !== 3 || values.some((v) => !Number.isFinite(v))) {
    throw new CliError(`--seed must be three numbers in mm, X,Y,Z in patient coordinates (LPS), e.g. --seed -12.5,30,41; got '${text}'`);
  }
  return vec3<'LPS'>(values[0]!, values[1]!, values[2]!);
}

/** Refuse an output that cannot be written before any work is done. */
function checkWritable(out: string): void {
  if (!/\.nii(\.gz)?$/.test(out)) throw new CliError(`--out must end in .nii or .nii.gz: ${out}`);
  // An existing mask is replaced, as segment and convert replace theirs.
  checkOutputFile(out, { overwrite: true });
}

interface Loaded {
  readonly image: LesionImage;
  readonly warnings: readonly string[];
  readonly what: string;
}

async function loadImage(input: string, series: string | undefined): Promise<Loaded> {
  let isFolder: boolean;
  try {
    isFolder = statSync(input).isDirectory();
  } catch (error) {
    throw new CliError(`${input}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (isFolder) {
    const loaded = await loadSeriesFromFolder(input, series);
    const v = loaded.volume;
    return { image: v, warnings: loaded.warnings, what: `${v.modality} series ${v.seriesInstanceUid}` };
  }
  if (!/\.nii(\.gz)?$/.test(input)) throw new CliError(`${input}: IMAGE must be a DICOM folder or a .nii/.nii.gz file`);
  if (series !== undefined) throw new CliError('--series applies to a DICOM folder, not a NIfTI file');
  try {
    return { image: segmentationInputFromNifti(readNiftiFile(input)), warnings: [], what: 'NIfTI image' };
  } catch (error) {
    throw new CliError(`${input}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

export const command: Command = {
  name: 'lesion',
  summary:
    'One-click lesion contour for SRS: grows from a seed inside an enhancing lesion (T1 post-contrast), bounded by a ball ' +
    `(default ${DEFAULT_MAX_RADIUS_MM} mm), holes filled; writes a 0/1 mask on the image grid and prints its volume and diameters.`,
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['seed', 'out', 'max-radius-mm', 'series']);
    const [input, ...extra] = parsed.positional;
    if (input === undefined || extra.length > 0) throw new CliError(`expected one IMAGE; usage: ${USAGE}`);
    const seed = parseSeed(required(parsed, 'seed'));
    const radiusText = single(parsed, 'max-radius-mm');
    const maxRadiusMm = radiusText === undefined ? DEFAULT_MAX_RADIUS_MM : Number(radiusText);
    if (!(Number.isFinite(maxRadiusMm) && maxRadiusMm > 0)) throw new CliError(`--max-radius-mm must be a positive number of mm, got '${radiusText}'`);
    const out = required(parsed, 'out');
    checkWritable(out);

    const { image, warnings, what } = await loadImage(input, single(parsed, 'series'));
    for (const w of warnings) io.err(`warning: ${w}`);
    let growth: ReturnType<typeof growLesion>;
    try {
      growth = growLesion(image, seed, { maxRadiusMm });
    } catch (error) {
      if (error instanceof LesionError) throw new CliError(error.message);
      throw error;
    }
    const [nx, ny, nz] = image.dims;
    try {
      writeNiftiFile(out, { dims: [nx, ny, nz, 1], data: growth.mask, ijkToRas: multiply(LPS_TO_RAS, image.ijkToLps), description: 'Delineate one-click lesion (GTV draft)' });
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${errnoText(error)}`);
    }
    for (const w of growth.warnings) io.err(`warning: ${w}`);
    const row = lesionTable([{ name: 'GTV', mask: growth.mask }], image)[0]!;
    const centroid = row.centroidLps!.map((v) => v.toFixed(1)).join(', ');
    io.out(
      `${out}: ${growth.voxelCount} voxels, ${growth.volumeCc.toFixed(3)} cc, longest diameter ${row.diameter3dMm.toFixed(1)} mm ` +
        `(axial ${row.axialDiameterMm.toFixed(1)} mm), centroid (${centroid}) mm LPS, on the ${what}`,
    );
    io.out(`  threshold ${growth.threshold.toFixed(1)}: lesion ${growth.lesionLevel.toFixed(1)}, surroundings ${growth.backgroundLevel.toFixed(1)} (SD ${growth.noise.toFixed(1)}), bound ${maxRadiusMm} mm`);
    return 0;
  },
};
