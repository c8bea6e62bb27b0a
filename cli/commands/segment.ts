import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, required, single } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { CliError } from '../command.js';
import { checkOutputFile } from '../output-path.js';
import type { ContourRun } from '../../core/autocontour/contour-series.js';
import { contourSeries, writeAutoContours } from '../../core/autocontour/contour-series.js';
import { openAuditLog } from '../../core/audit/index.js';
import type { JsonValue } from '../../core/audit/index.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import type { ExecutionProviderName } from '../../core/segmentation/execution-providers.js';
import type { SegmentationRunRecord } from '../../core/segmentation/run-record.js';
import { defaultStorePath } from '../../core/store/index.js';
import { segmentNiftiToFolder } from './segment-nifti.js';
import { checkMaskFolder } from '../mask-folder.js';
import { cliModelRoots } from './models.js';

const USAGE =
  'delineate segment INPUT --out OUT [--model ID]... [--series SERIES_UID] [--models-dir DIR]... [--provider cpu|cuda|dml|coreml]... [--threads N] [--data DATA_DIR] [--force]';

export function printRun(run: ContourRun, io: CliIo): void {
  for (const m of run.models) io.out(`model ${m.id} ${m.version} (sha256 ${m.weightsSha256.slice(0, 12)}…) ran on ${m.provider}`);
  for (const t of run.timings) io.out(`  ${t.stage.padEnd(12)} ${t.modelId ? `${t.modelId} ` : ''}${(t.durationMs / 1000).toFixed(2)} s`);
  for (const s of run.structures) io.out(`  ${String(s.number).padStart(3)} ${s.name.padEnd(18)} ${s.rtRoiInterpretedType.padEnd(9)} ${s.volumeCc.toFixed(2).padStart(9)} cc`);
}

/** What the study database records of a run: provenance, not voxels. */
export function runSummary(run: ContourRun, seriesUid: string, output: string): JsonValue {
  return {
    seriesInstanceUid: seriesUid,
    output,
    models: run.models.map((m) => ({ id: m.id, version: m.version, weightsSha256: m.weightsSha256, provider: m.provider })),
    timings: run.timings.map((t) => ({ stage: t.stage, modelId: t.modelId ?? null, durationMs: Math.round(t.durationMs) })),
    structures: run.structures.map((s) => ({ number: s.number, name: s.name, modelId: s.modelId, volumeCc: Number(s.volumeCc.toFixed(3)) })),
    ...(run.record ? { runId: run.record.runId, status: run.record.status } : {}),
  };
}

export const command: Command = {
  name: 'segment',
  summary:
    'Auto-contour a DICOM series (→ RT Structure Set, every structure an unapproved AI draft) or a NIfTI image (→ folder of masks); CT gets External and Bones, MR T1 the brain organs at risk. A folder of masks that is not empty is written into only with --force.',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'model', 'series', 'models-dir', 'provider', 'threads', 'data'], ['force']);
    const [input, ...extra] = parsed.positional;
    if (input === undefined || extra.length > 0) throw new CliError(`usage: ${USAGE}`);
    const out = required(parsed, 'out');
    const providers = parsed.options.get('provider') as ExecutionProviderName[] | undefined;
    for (const p of providers ?? []) if (!['cpu', 'cuda', 'dml', 'coreml'].includes(p)) throw new CliError(`unknown provider '${p}'`);
    const threadsText = single(parsed, 'threads');
    const threads = threadsText === undefined ? undefined : Number(threadsText);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new CliError('--threads must be a positive integer');
    const modelIds = parsed.options.get('model');
    let isFolder: boolean;
    try {
      isFolder = statSync(input).isDirectory();
    } catch (error) {
      throw new CliError(`${input}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const dataDir = single(parsed, 'data');
    const storePath = defaultStorePath(dataDir === undefined ? undefined : resolve(dataDir));
    const extraModelRoots = cliModelRoots(dataDir === undefined ? undefined : resolve(dataDir), parsed.options.get('models-dir'));
    if (!isFolder) {
      if (!/\.nii(\.gz)?$/.test(input)) throw new CliError(`${input}: INPUT must be a DICOM folder or a .nii/.nii.gz file`);
      // A folder of masks: say so before minutes of inference, not after.
      checkMaskFolder(out, parsed.flags.has('force'));
      // Every run, completed or not, goes into the study database with its provenance.
      const onRun = (record: SegmentationRunRecord): void => {
        const log = openAuditLog(storePath);
        try {
          log.append({ actor: 'delineate-cli', action: 'model-run', subject: resolve(input), details: JSON.parse(JSON.stringify(record)) as JsonValue });
        } finally {
          log.close();
        }
      };
      await segmentNiftiToFolder(input, out, modelIds, { io, onRun, extraModelRoots, ...(providers ? { providers } : {}), ...(threads ? { threads } : {}) });
      return 0;
    }
    if (!out.endsWith('.dcm')) throw new CliError(`--out must name the RT Structure Set file to write (….dcm), got ${out}`);
    // Say so before minutes of inference, not after. An existing file is replaced, as it always was.
    checkOutputFile(out, { overwrite: true });
    const loaded = await loadSeriesFromFolder(input, single(parsed, 'series'));
    for (const w of loaded.warnings) io.err(`warning: ${w}`);
    const run = await contourSeries(loaded, {
      ...(modelIds ? { modelIds } : {}),
      extraModelRoots,
      ...(providers ? { providers } : {}),
      ...(threads ? { threads } : {}),
    });
    const written = writeAutoContours(out, loaded, run);
    for (const w of written.warnings) io.err(`warning: ${w}`);
    printRun(run, io);
    const log = openAuditLog(storePath);
    try {
      log.append({ actor: 'delineate-cli', action: 'model-run', subject: loaded.volume.seriesInstanceUid, details: runSummary(run, loaded.volume.seriesInstanceUid, resolve(out)) });
    } finally {
      log.close();
    }
    io.out(`${out}: ${run.structures.length} structure(s) on series ${loaded.volume.seriesInstanceUid}, AI draft, not approved`);
    return 0;
  },
};
