import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, required, single } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { CliError } from '../command.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';
import type { ExecutionProviderName } from '../../core/segmentation/execution-providers.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';
import type { OnSegmentationRun } from '../../core/segmentation/run-record.js';
import type { SegmentationResult } from '../../core/workers/segment-in-worker.js';
import { checkMaskFolder, clearEarlierMasks } from '../mask-folder.js';
import { cliModelRoots } from './models.js';
import { segmentInWorker } from '../../core/workers/segment-in-worker.js';

/** One line of `index.json`. */
export interface RoiIndexEntry {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly color: readonly [number, number, number];
  readonly file: string;
}

export interface SegmentNiftiOptions {
  /** Where provider and stage times are printed; default nowhere. */
  readonly io?: CliIo;
  readonly signal?: AbortSignal;
  readonly extraModelRoots?: readonly string[];
  readonly providers?: readonly ExecutionProviderName[];
  readonly threads?: number;
  readonly onRun?: OnSegmentationRun;
}

/**
 * Auto-contour a NIfTI image: one 0/1 uint8 `roi-<n>.nii.gz` per structure on the input's own grid
 * and affine, plus `index.json` [{number, name, type, color, file}]. Returns the full result.
 */
export async function segmentNiftiToFolder(
  input: string,
  outDir: string,
  modelIds?: readonly string[],
  options: SegmentNiftiOptions = {},
): Promise<SegmentationResult> {
  const path = resolve(input);
  const nifti = readNiftiFile(path);
  const result = await segmentInWorker(segmentationInputFromNifti(nifti), {
    source: { kind: 'file', path },
    ...(modelIds ? { modelIds } : {}),
    ...(options.extraModelRoots ? { extraModelRoots: options.extraModelRoots } : {}),
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onRun ? { onRun: options.onRun } : {}),
    onProgress: (p) => options.io?.out(`  ${p.stage}: ${p.message}`),
  });
  clearEarlierMasks(outDir, (line) => options.io?.err(line));
  mkdirSync(outDir, { recursive: true });
  const [nx, ny, nz] = nifti.dims;
  const index: RoiIndexEntry[] = result.structures.map((s) => {
    const file = `roi-${s.number}.nii.gz`;
    writeNiftiFile(join(outDir, file), {
      dims: [nx, ny, nz, 1],
      data: s.mask,
      ijkToRas: nifti.ijkToRas,
      description: `Delineate ${s.name} (${s.modelId})`.slice(0, 79),
    });
    return { number: s.number, name: s.name, type: s.rtRoiInterpretedType, color: s.color, file };
  });
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  const io = options.io;
  if (io) {
    for (const m of result.models) {
      const failed = m.providerAttempts.filter((a) => !a.ok).map((a) => `${a.provider}: ${a.error ?? 'failed'}`);
      io.out(`${m.id} ${m.version}: provider ${m.provider}${failed.length ? ` (not available: ${failed.join('; ')})` : ''}`);
    }
    for (const t of result.timings) io.out(`  ${t.stage.padEnd(12)} ${(t.modelId ?? '').padEnd(26)} ${(t.durationMs / 1000).toFixed(1)} s`);
    for (const d of result.duplicatesDropped) io.out(`  ${d.name} from ${d.modelId} not written: an earlier model gave it`);
    io.out(`${index.length} structures written to ${resolve(outDir)}`);
  }
  return result;
}

const USAGE = 'delineate segment-nifti INPUT.nii[.gz] --out DIR [--model ID]... [--models-dir DIR]... [--provider cpu|cuda|dml|coreml]... [--threads N] [--force]';

export const command: Command = {
  name: 'segment-nifti',
  summary: 'Auto-contour a NIfTI image: one roi-<n>.nii.gz mask per structure plus index.json; a folder that is not empty only with --force (earlier masks replaced)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'model', 'models-dir', 'provider', 'threads'], ['force']);
    const [input, ...extra] = parsed.positional;
    if (input === undefined || extra.length > 0) throw new CliError(`expected one input file; usage: ${USAGE}`);
    const providers = parsed.options.get('provider') as ExecutionProviderName[] | undefined;
    for (const p of providers ?? []) if (!['cpu', 'cuda', 'dml', 'coreml'].includes(p)) throw new CliError(`unknown provider '${p}'`);
    const threadsText = single(parsed, 'threads');
    const threads = threadsText === undefined ? undefined : Number(threadsText);
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new CliError('--threads must be a positive integer');
    const out = required(parsed, 'out');
    checkMaskFolder(out, parsed.flags.has('force'));
    await segmentNiftiToFolder(input, out, parsed.options.get('model'), {
      io,
      extraModelRoots: cliModelRoots(undefined, parsed.options.get('models-dir')),
      ...(providers ? { providers } : {}),
      ...(threads ? { threads } : {}),
    });
    return 0;
  },
};
