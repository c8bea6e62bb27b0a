import { writeFileSync } from 'node:fs';
import { parseArgs, required, single } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { checkDicomOutputName, checkOutputFile } from '../output-path.js';
import { deriveStructureSet } from '../../core/editing/derive-structure-set.js';
import { touchesGridEdge } from '../../core/editing/grid-edge.js';
import { voxelVolumeCc } from '../../core/editing/mask-grid.js';
import { RuleSyntaxError, UnknownStructureError } from '../../core/editing/rules/rule-errors.js';
import { parseRule } from '../../core/editing/rules/rule-parser.js';
import { imageSeriesOf, loadSeries } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import type { Dataset } from '../../core/dicom/dcmjs.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { encodeDicom } from '../../core/rt/encode-dicom.js';
import { parseRtStruct } from '../../core/rt/read-rtstruct.js';

const USAGE =
  'delineate derive RS.dcm --image DIR --out NEW.dcm --rule "PTV = GTV + 5mm" [--rule …] [--series SERIES_UID] ' +
  '[--outside-grid unknown|background] [--label TEXT] [--force]';

export const command: Command = {
  name: 'derive',
  summary:
    'Add structures made by rules (margins, rings, Booleans: "PTV = GTV + [R5,L5,A3,P3,S8,I8]mm", "Ring = ring(PTV, 2mm, 7mm)", ' +
    '"Avoid = Rectum - PTV + 3mm") to an RT Structure Set; the original ROIs are kept unchanged, the new set is UNAPPROVED. ' +
    '--force replaces an existing NEW.dcm.',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['image', 'out', 'rule', 'series', 'outside-grid', 'label'], ['force']);
    const rsPath = parsed.positional[0];
    if (rsPath === undefined || parsed.positional.length > 1) throw new CliError(`usage: ${USAGE}`);
    const rules = parsed.options.get('rule') ?? [];
    if (rules.length === 0) throw new CliError('give at least one --rule, e.g. --rule "PTV = GTV + 5mm"');
    const outsideText = single(parsed, 'outside-grid') ?? 'unknown';
    if (outsideText !== 'unknown' && outsideText !== 'background') throw new CliError(`--outside-grid must be unknown or background, got ${outsideText}`);
    const out = required(parsed, 'out');
    const imageDir = required(parsed, 'image');
    // Everything that can be known wrong before the series is loaded fails first: the output path, the rules' syntax.
    checkDicomOutputName(out, 'RT Structure Set');
    checkOutputFile(out, { overwrite: parsed.flags.has('force') });
    for (const rule of rules) {
      try {
        parseRule(rule);
      } catch (error) {
        if (error instanceof RuleSyntaxError) throw new CliError(error.message);
        throw error;
      }
    }
    const source = readDicomFile(rsPath);
    const set = parseRtStruct(source);
    const { volume, referenceDataset, warnings } = await loadReferencedSeries(imageDir, single(parsed, 'series'), set.referencedSeriesUids);
    for (const w of warnings) io.err(`warning: ${w}`);
    const label = single(parsed, 'label');
    let built: ReturnType<typeof deriveStructureSet>;
    try {
      built = deriveStructureSet(set, volume, referenceDataset, rules, { outsideGrid: outsideText, source: source.dataset, ...(label ? { label } : {}) });
    } catch (error) {
      // Rule errors are several lines (the rule, a caret, the known names): print them whole.
      if (error instanceof RuleSyntaxError || error instanceof UnknownStructureError) throw new CliError(error.message);
      throw error;
    }
    writeFileSync(out, encodeDicom(built.dataset, built.transferSyntax));
    for (const w of built.warnings) io.err(`warning: ${w}`);
    const voxelMl = voxelVolumeCc(volume);
    for (const d of built.derived) {
      let voxels = 0;
      for (const v of d.mask) voxels += v;
      io.out(`  ROI ${d.number} '${d.name}': ${(voxels * voxelMl).toFixed(2)} mL  (${d.rule})`);
      if (/\+|ring\(/.test(d.rule) && touchesGridEdge(d.mask, volume)) {
        io.err(`warning: ROI ${d.number} '${d.name}' reaches the edge of the image grid: a margin may have been cut off there`);
      }
    }
    io.out(`${out}: RT Structure Set, ${set.rois.length} original + ${built.derived.length} derived ROI(s), ${built.contourCount} contour(s), on ${volume.modality} series ${volume.seriesInstanceUid}, ${built.approvalStatus}`);
    return 0;
  },
};

/** The series the structure set names when the folder holds it; else the one asked for; else the largest. */
async function loadReferencedSeries(dir: string, asked: string | undefined, referenced: readonly string[]): Promise<{ volume: Awaited<ReturnType<typeof loadSeries>>['volume']; referenceDataset: Dataset; warnings: string[] }> {
  const headers = new Map<string, Dataset>();
  const report = await scanFolder(dir, { hash: false, onHeader: (path, ds) => headers.set(path, ds) });
  const candidates = imageSeriesOf(report);
  const wanted = asked ?? referenced.find((uid) => candidates.some((s) => s.seriesInstanceUid === uid));
  const series = wanted === undefined ? candidates[0] : candidates.find((s) => s.seriesInstanceUid === wanted);
  if (!series) throw new CliError(wanted ? `series ${wanted} is not in ${dir}` : `no image series in ${dir}`);
  const loaded = await loadSeries(series, { headers });
  const warnings = [...loaded.warnings];
  if (referenced.length > 0 && !referenced.includes(series.seriesInstanceUid)) {
    warnings.push(`the structure set was drawn on series ${referenced.join(', ')}; deriving on ${series.seriesInstanceUid} (same Frame of Reference required)`);
  }
  return { volume: loaded.volume, referenceDataset: loaded.referenceDataset, warnings };
}
