import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs, required, single } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { CliError } from '../command.js';
import { checkDicomOutputName, checkOutputFile } from '../output-path.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { withoutUnprovenApproval } from '../../core/review/unproven-review.js';
import type { ImageVolume } from '../../core/volume/image-volume.js';
import { checkStructures } from '../../core/rt/check-structures.js';
import { readNiftiOnGrid } from '../../core/rt/nifti-on-grid.js';
import type { RoiInput } from '../../core/rt/roi-input.js';
import type { RoiDescription } from '../../core/rt/roi-table.js';
import { parseLabelNames, parseRoiIndex } from '../../core/rt/roi-table.js';
import { writeRtStructFile } from '../../core/rt/write-rtstruct.js';
import { writeSegFile } from '../../core/rt/write-seg.js';

const USAGE =
  'delineate nifti-to-rtstruct (--labels LABELS.nii[.gz] --names NAMES.json | --masks DIR) --image DIR --out RS.dcm ' +
  '[--series SERIES_UID] [--label TEXT] [--implicit] [--simplify-mm MM] [--seg SEG.dcm] [--force]';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new CliError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function toRoi(d: RoiDescription, mask: Uint8Array, warnings: string[]): RoiInput {
  const kept = d.roiDescription ? withoutUnprovenApproval(d.roiDescription) : undefined;
  if (kept?.dropped?.decision) {
    const { by, at } = kept.dropped.decision;
    warnings.push(`ROI ${d.number} '${d.name}': its approval (revision ${kept.dropped.revision} by ${by.name} at ${at}) is not carried over: a mask from a file cannot show it is the contour that was approved`);
  }
  return {
    number: d.number,
    name: d.name,
    mask,
    // Unknown origin stays unknown (empty, Type 2): masks from a file say nothing about who made them.
    ...(d.algorithm ? { generationAlgorithm: d.algorithm } : {}),
    ...(d.type ? { interpretedType: d.type } : {}),
    ...(d.color ? { color: d.color } : {}),
    ...(d.generationDescription ? { generationDescription: d.generationDescription } : {}),
    ...(kept?.description ? { description: kept.description } : {}),
  };
}

/** One ROI per NAMES entry (its label value is the ROI Number); a label in the image that NAMES lacks is an error. */
function roisFromLabels(labelsPath: string, namesPath: string, volume: ImageVolume, warnings: string[]): RoiInput[] {
  const names = parseLabelNames(readJson(namesPath), namesPath);
  const labels = readNiftiOnGrid(labelsPath, volume);
  const masks = new Map(names.map((d) => [d.number, new Uint8Array(labels.length)]));
  const unnamed = new Set<number>();
  for (let n = 0; n < labels.length; n++) {
    const v = labels[n]!;
    if (v === 0) continue;
    const mask = masks.get(v);
    if (mask) mask[n] = 1;
    else unnamed.add(v);
  }
  if (unnamed.size > 0) throw new CliError(`${labelsPath} holds label value(s) ${[...unnamed].sort((a, b) => a - b).join(', ')} that ${namesPath} does not name`);
  return names.map((d) => toRoi(d, masks.get(d.number)!, warnings));
}

/** One ROI per index.json entry of a folder in rtstruct-to-nifti form; file null → empty ROI. */
function roisFromMasks(dir: string, volume: ImageVolume, warnings: string[]): RoiInput[] {
  const indexPath = join(dir, 'index.json');
  const entries = parseRoiIndex(readJson(indexPath), indexPath);
  return entries.map((d) => {
    const mask = new Uint8Array(volume.dims[0] * volume.dims[1] * volume.dims[2]);
    if (d.file) {
      const values = readNiftiOnGrid(isAbsolute(d.file) ? d.file : join(dirname(indexPath), d.file), volume);
      for (let n = 0; n < values.length; n++) mask[n] = values[n] ? 1 : 0;
    }
    return toRoi(d, mask, warnings);
  });
}

function report(io: CliIo, issues: ReturnType<typeof checkStructures>): number {
  for (const i of issues) io.err(`${i.severity}: ${i.roi === null ? '' : `ROI ${i.roi}: `}${i.message}`);
  return issues.filter((i) => i.severity === 'error').length;
}

export const command: Command = {
  name: 'nifti-to-rtstruct',
  summary:
    'Write masks on an image series (a label map with names, or a folder from rtstruct-to-nifti) as an RT Structure Set, UNAPPROVED: ' +
    'a mask from a file proves no review. --force writes despite problems a planning system would reject, and replaces existing outputs.',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['labels', 'names', 'masks', 'image', 'out', 'series', 'label', 'simplify-mm', 'seg'], ['implicit', 'force']);
    if (parsed.positional.length > 0) throw new CliError(`usage: ${USAGE}`);
    const labels = single(parsed, 'labels');
    const masksDir = single(parsed, 'masks');
    if ((labels === undefined) === (masksDir === undefined)) throw new CliError('give either --labels with --names, or --masks');
    const out = required(parsed, 'out');
    const imageDir = required(parsed, 'image');
    const seg = single(parsed, 'seg');
    const simplifyText = single(parsed, 'simplify-mm');
    const simplify = simplifyText === undefined ? 0 : Number(simplifyText);
    if (!(simplify >= 0)) throw new CliError(`--simplify-mm must be a number ≥ 0: ${simplifyText}`);
    // Before the series is loaded and the masks traced: a wrong output path fails in seconds, not minutes.
    checkDicomOutputName(out, 'RT Structure Set');
    if (seg !== undefined) checkDicomOutputName(seg, 'Segmentation');
    for (const path of seg === undefined ? [out] : [out, seg]) checkOutputFile(path, { overwrite: parsed.flags.has('force') });
    const { volume, referenceDataset, warnings } = await loadSeriesFromFolder(imageDir, single(parsed, 'series'));
    for (const w of warnings) io.err(`warning: ${w}`);
    let rois: RoiInput[];
    const roiWarnings: string[] = [];
    try {
      rois = labels !== undefined ? roisFromLabels(labels, required(parsed, 'names'), volume, roiWarnings) : roisFromMasks(masksDir!, volume, roiWarnings);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
    for (const w of roiWarnings) io.err(`warning: ${w}`);
    const errors = report(io, checkStructures(rois, volume, { specificCharacterSet: 'ISO_IR 192' }));
    if (errors > 0 && !parsed.flags.has('force')) throw new CliError(`${errors} problem(s) a planning system would reject; fix them or pass --force`);
    const label = single(parsed, 'label');
    const built = writeRtStructFile(out, volume, referenceDataset, rois, {
      transferSyntax: parsed.flags.has('implicit') ? 'implicit' : 'explicit',
      ...(simplify > 0 ? { simplifyToleranceMm: simplify } : {}),
      ...(label ? { label } : {}),
      // Approval module (PS3.3 C.8.8.16): nothing in a mask file records a review of this set.
      extraAttributes: { ApprovalStatus: 'UNAPPROVED' },
    });
    for (const w of built.warnings) io.err(`warning: ${w}`);
    if (seg) {
      const s = writeSegFile(seg, volume, referenceDataset, rois);
      io.out(`${seg}: Segmentation, ${rois.length} segment(s), ${s.frameCount} frame(s)`);
    }
    io.out(`${out}: RT Structure Set, ${rois.length} ROI(s), ${built.contourCount} contour(s), on ${volume.modality} series ${volume.seriesInstanceUid}, UNAPPROVED`);
    return 0;
  },
};
