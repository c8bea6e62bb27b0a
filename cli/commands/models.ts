import { parseArgs, single } from '../args.js';
import { CT_CLASSICAL_INFO } from '../../core/autocontour/contour-series.js';
import type { CliIo, Command } from '../command.js';
import { ModelPackageError } from '../../core/segmentation/model-errors.js';
import { listModels, verifyWeights } from '../../core/segmentation/model-registry.js';
import { siteModelDirs } from '../../core/segmentation/site-model-dirs.js';
import { defaultDataDir } from '../../core/store/index.js';

/** The site model folders the application uses (the data folder's `models`, DELINEATE_SITE_MODELS), then each --models-dir. */
export function cliModelRoots(data: string | undefined, modelsDirs: readonly string[] | undefined): string[] {
  return [...siteModelDirs(defaultDataDir(data)), ...(modelsDirs ?? [])];
}

/** `delineate models`: what auto-contouring models are installed, and which were refused. */
export function listModelsCommand(args: readonly string[], io: CliIo): number {
  const parsed = parseArgs(args, ['models-dir', 'data']);
  const catalogue = listModels({ extraRoots: cliModelRoots(single(parsed, 'data'), parsed.options.get('models-dir')) });
  const problems: ModelPackageError[] = [...catalogue.problems];
  io.out(`model folders: ${catalogue.roots.join(', ')}`);
  const c = CT_CLASSICAL_INFO;
  io.out(`${c.id}  version ${c.version}  ${c.modality}  ${c.licence}  (built in: thresholds sha256 ${c.weightsSha256.slice(0, 12)}…)`);
  io.out(`    ${c.title}`);
  io.out(`    structures: ${c.structures.join(', ')}`);
  for (const model of catalogue.models) {
    const m = model.manifest;
    try {
      verifyWeights(model);
    } catch (error) {
      if (!(error instanceof ModelPackageError)) throw error;
      problems.push(error);
      continue;
    }
    io.out(`${m.id}  version ${m.version}  ${m.modality}  ${m.licence.spdx}${model.builtIn ? '' : `  (site: ${model.root})`}`);
    io.out(`    ${m.title}`);
    io.out(`    structures: ${m.structures.map((s) => s.name).join(', ')}`);
  }
  for (const p of problems) io.err(`refused: ${p.message}`);
  // A refused package is a site problem worth failing a script on.
  return problems.length > 0 ? 1 : 0;
}

export const command: Command = {
  name: 'models',
  summary: 'List the installed auto-contouring models (id, version, modality, structures)',
  usage: 'delineate models [--data DATA_DIR] [--models-dir DIR]...',
  run: (args, io) => Promise.resolve(listModelsCommand(args, io)),
};
