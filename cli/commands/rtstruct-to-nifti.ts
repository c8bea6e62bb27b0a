import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, required, single } from '../args.js';
import { checkMaskFolder, clearEarlierMasks } from '../mask-folder.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { LPS_TO_RAS, multiply } from '../../core/geometry/mat4.js';
import { imageSeriesOf, loadSeries } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';

/** One line of OUTDIR/index.json: every ROI of the structure set, empty ones with file null. */
export interface RoiIndexEntry {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly color: [number, number, number];
  /** roi-<number>.nii.gz beside index.json, or null when the ROI covers no voxel. */
  readonly file: string | null;
  readonly voxels: number;
  readonly contours: number;
  readonly algorithm: string;
  /** ROI Generation Description, when the ROI has one. */
  readonly generationDescription?: string;
  /**
   * ROI Description, when the ROI has one: with the review record (`delineate-review/1 {…}`) as
   * written, so that nifti-to-rtstruct can carry an AI draft back as an AI draft.
   */
  readonly roiDescription?: string;
  /** POINT / OPEN_* contours, kept as LPS mm points, never rasterised. */
  readonly markers?: { type: string; points: [number, number, number][] }[];
}

const USAGE = 'delineate rtstruct-to-nifti RS.dcm --image DIR --out OUTDIR [--series SERIES_UID] [--slice-tolerance-mm MM] [--force]';

export const command: Command = {
  name: 'rtstruct-to-nifti',
  summary: 'Rasterise every ROI of an RT Structure Set onto its image series: OUTDIR/roi-<number>.nii.gz (0/1) and index.json; a folder that is not empty only with --force (earlier masks replaced, other files left).',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['image', 'out', 'series', 'slice-tolerance-mm'], ['force']);
    const rsPath = parsed.positional[0];
    if (rsPath === undefined || parsed.positional.length > 1) throw new CliError(`usage: ${USAGE}`);
    const imageDir = required(parsed, 'image');
    const outDir = required(parsed, 'out');
    const toleranceText = single(parsed, 'slice-tolerance-mm');
    const tolerance = toleranceText === undefined ? undefined : Number(toleranceText);
    if (tolerance !== undefined && !(tolerance >= 0)) throw new CliError(`--slice-tolerance-mm must be a number ≥ 0: ${toleranceText}`);
    checkMaskFolder(outDir, parsed.flags.has('force'));
    const set = readRtStruct(rsPath);
    // The series the structure set names, when the folder holds it; else the one asked for; else the largest.
    const report = await scanFolder(imageDir);
    const candidates = imageSeriesOf(report);
    const wanted = single(parsed, 'series') ?? set.referencedSeriesUids.find((uid) => candidates.some((s) => s.seriesInstanceUid === uid));
    const series = wanted === undefined ? candidates[0] : candidates.find((s) => s.seriesInstanceUid === wanted);
    if (!series) throw new CliError(wanted ? `series ${wanted} is not in ${imageDir}` : `no image series in ${imageDir}`);
    if (set.referencedSeriesUids.length > 0 && !set.referencedSeriesUids.includes(series.seriesInstanceUid)) {
      io.err(`warning: the structure set was drawn on series ${set.referencedSeriesUids.join(', ')}; rasterising onto ${series.seriesInstanceUid} (same Frame of Reference required)`);
    }
    const { volume, warnings: loadWarnings } = await loadSeries(series);
    const rasters = rasterizeStructureSet(set, volume, tolerance === undefined ? {} : { sliceToleranceMm: tolerance });
    clearEarlierMasks(outDir, (line) => io.err(line));
    mkdirSync(outDir, { recursive: true });
    const ijkToRas = multiply(LPS_TO_RAS, volume.ijkToLps);
    const index: RoiIndexEntry[] = rasters.map(({ roi, mask, voxels, markers }) => {
      const file = mask && voxels > 0 ? `roi-${roi.number}.nii.gz` : null;
      if (mask && file) {
        writeNiftiFile(join(outDir, file), { dims: [...volume.dims, 1], data: mask, ijkToRas, description: roi.name.slice(0, 79) });
      }
      const entry: RoiIndexEntry = {
        number: roi.number,
        name: roi.name,
        type: roi.interpretedType,
        color: [...roi.color],
        file,
        voxels,
        contours: roi.contours.length,
        algorithm: roi.generationAlgorithm,
        ...(roi.generationDescription ? { generationDescription: roi.generationDescription } : {}),
        ...(roi.description ? { roiDescription: roi.description } : {}),
      };
      if (markers.length === 0) return entry;
      return {
        ...entry,
        markers: markers.map((m) => ({
          type: m.geometricType,
          points: Array.from({ length: m.points.length / 3 }, (_, p) => [m.points[3 * p]!, m.points[3 * p + 1]!, m.points[3 * p + 2]!] as [number, number, number]),
        })),
      };
    });
    writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    for (const w of [...loadWarnings, ...set.warnings, ...rasters.flatMap((r) => r.warnings)]) io.err(`warning: ${w}`);
    const written = index.filter((e) => e.file !== null).length;
    io.out(`${outDir}: ${index.length} ROI(s), ${written} mask file(s), on ${volume.modality} ${volume.dims.join('×')} series ${volume.seriesInstanceUid}`);
    // An ROI that has closed contours but fills no voxel lost every contour to the slice match:
    // the wrong series, or a shifted one. Batch users must not take that for success.
    const lost = rasters.filter((r) => r.voxels === 0 && r.roi.contours.some((c) => c.geometricType === 'CLOSED_PLANAR'));
    if (lost.length > 0) {
      throw new CliError(`${lost.length} ROI(s) with contours fill no voxel of this series (${lost.map((r) => `${r.roi.number} '${r.roi.name}'`).join(', ')}): is it the series they were drawn on?`);
    }
    return 0;
  },
};
