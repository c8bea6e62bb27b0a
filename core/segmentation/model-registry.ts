import { createHash } from 'node:crypto';
import type { OnnxValueInfo } from './onnx-graph.js';
import { OnnxParseError, readOnnxGraph } from './onnx-graph.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from './model-manifest.js';
import { ModelNotFoundError, ModelPackageError } from './model-errors.js';
import { validateManifest } from './validate-manifest.js';

/** A model package that passed manifest validation (its weights are checked before each run). */
export interface InstalledModel {
  readonly manifest: ModelManifest;
  /** Absolute package folder. */
  readonly folder: string;
  readonly weightsPath: string;
  /** The model root it was found in, and whether that is the installation's own. */
  readonly root: string;
  readonly builtIn: boolean;
}

export interface ModelRootOptions {
  /**
   * Site model folders outside the installation (e.g. a department share). Their packages get
   * exactly the same validation; a built-in model of the same id wins and the copy is reported.
   */
  readonly extraRoots?: readonly string[];
  /** Override the installation's model folder; null leaves it out. */
  readonly builtInRoot?: string | null;
}

export interface ModelCatalogue {
  readonly roots: readonly string[];
  readonly models: readonly InstalledModel[];
  /** Packages that were refused, each naming its folder and problem. */
  readonly problems: readonly ModelPackageError[];
}

/**
 * `native-models/` of this installation: found by walking up from this module, so it works from
 * the TypeScript sources (core/segmentation) and the build (dist/core/segmentation) alike.
 */
export function builtInModelRoot(): string {
  const fromEnv = process.env['DELINEATE_NATIVE_MODELS'];
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let n = 0; n < 6; n++) {
    const candidate = join(dir, 'native-models');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the native-models folder above ${fileURLToPath(import.meta.url)} (set DELINEATE_NATIVE_MODELS)`);
}

function rootsOf(options: ModelRootOptions): { path: string; builtIn: boolean }[] {
  const roots: { path: string; builtIn: boolean }[] = [];
  if (options.builtInRoot !== null) roots.push({ path: resolve(options.builtInRoot ?? builtInModelRoot()), builtIn: true });
  for (const r of options.extraRoots ?? []) roots.push({ path: resolve(r), builtIn: false });
  return roots;
}

/** Read and validate one package folder. Throws ModelPackageError naming the folder. */
export function loadModelPackage(folder: string, root = dirname(folder), builtIn = false): InstalledModel {
  const manifestPath = join(folder, 'manifest.json');
  if (!existsSync(manifestPath)) throw new ModelPackageError(folder, 'no manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new ModelPackageError(folder, `manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifest = validateManifest(json, folder);
  // The folder name is how people find a package on disk; keep it and the id in step.
  if (manifest.id !== basename(folder)) {
    throw new ModelPackageError(folder, `manifest id '${manifest.id}' does not match the folder name '${basename(folder)}'`);
  }
  const weightsPath = join(folder, manifest.weights.file);
  if (!existsSync(weightsPath)) throw new ModelPackageError(folder, `weights file ${manifest.weights.file} is missing`);
  const size = statSync(weightsPath).size;
  if (size !== manifest.weights.bytes) {
    throw new ModelPackageError(folder, `weights ${manifest.weights.file} are ${size} bytes, the manifest says ${manifest.weights.bytes}`);
  }
  return { manifest, folder, weightsPath, root, builtIn };
}

/** Every valid package in the installation's folder and the site folders, plus what was refused. */
export function listModels(options: ModelRootOptions = {}): ModelCatalogue {
  const roots = rootsOf(options);
  const models: InstalledModel[] = [];
  const problems: ModelPackageError[] = [];
  for (const root of roots) {
    if (!existsSync(root.path)) {
      problems.push(new ModelPackageError(root.path, 'model folder does not exist'));
      continue;
    }
    const entries = readdirSync(root.path, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
    for (const name of entries) {
      const folder = join(root.path, name);
      try {
        const model = loadModelPackage(folder, root.path, root.builtIn);
        // A site package is checked in full before it is offered: its licence is in the package, its
        // weights are the ones its manifest names and its network has the declared inputs and
        // outputs (cached by mtime and size, so listing again costs a stat). The installation's own
        // packages are checked when they run, as every package is.
        if (!root.builtIn) verifySitePackage(model);
        const clash = models.find((m) => m.manifest.id === model.manifest.id);
        if (clash) problems.push(new ModelPackageError(folder, `duplicate model id '${model.manifest.id}': ${clash.folder} is used`));
        else models.push(model);
      } catch (error) {
        if (error instanceof ModelPackageError) problems.push(error);
        else throw error;
      }
    }
  }
  return { roots: roots.map((r) => r.path), models, problems };
}

/**
 * The requested models, in the order asked. A refused package is reported with its own problem,
 * not as "not found", so the user learns why.
 */
export function findModels(ids: readonly string[], options: ModelRootOptions = {}): InstalledModel[] {
  const catalogue = listModels(options);
  return ids.map((id) => {
    const model = catalogue.models.find((m) => m.manifest.id === id);
    if (model) return model;
    const refused = catalogue.problems.find((p) => basename(p.folder) === id);
    if (refused) throw refused;
    throw new ModelNotFoundError(id, catalogue.roots);
  });
}

const hashCache = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Check the weights on disk against the manifest, caching the digest by mtime and size (for
 * listings). A run uses readVerifiedWeights instead, which hashes the very bytes it runs.
 */
export function verifyWeights(model: InstalledModel): string {
  const st = statSync(model.weightsPath);
  const cached = hashCache.get(model.weightsPath);
  let sha256 = cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size ? cached.sha256 : undefined;
  if (sha256 === undefined) {
    sha256 = sha256Hex(readFileSync(model.weightsPath));
    hashCache.set(model.weightsPath, { mtimeMs: st.mtimeMs, size: st.size, sha256 });
  }
  assertDigest(model, sha256);
  return sha256;
}

/** The weights' bytes, refused unless their sha256 is the manifest's: no gap between check and use. */
export function readVerifiedWeights(model: InstalledModel): Uint8Array {
  const bytes = readFileSync(model.weightsPath);
  assertDigest(model, sha256Hex(bytes));
  return bytes;
}

function assertDigest(model: InstalledModel, actual: string): void {
  if (actual !== model.manifest.weights.sha256) {
    throw new ModelPackageError(
      model.folder,
      `weights sha256 mismatch for ${model.manifest.weights.file}: manifest says ${model.manifest.weights.sha256}, file is ${actual}`,
    );
  }
}

const siteCache = new Map<string, { mtimeMs: number; size: number; sha256: string; network: string }>();

/**
 * Everything a site package must satisfy before it is offered: the licence file inside the package,
 * the weights' sha256, and the network's declared contract (see checkNetworkContract).
 */
export function verifySitePackage(model: InstalledModel): void {
  const licence = resolve(model.folder, model.manifest.licence.file);
  if (relative(model.folder, licence).startsWith('..') || isAbsolute(relative(model.folder, licence))) {
    throw new ModelPackageError(model.folder, `licence file ${model.manifest.licence.file} is outside the package; a site package carries its own licence`);
  }
  if (!existsSync(licence)) throw new ModelPackageError(model.folder, `licence file ${model.manifest.licence.file} is missing`);
  const st = statSync(model.weightsPath);
  const network = JSON.stringify(model.manifest.network);
  const cached = siteCache.get(model.weightsPath);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size && cached.network === network) {
    assertDigest(model, cached.sha256);
    return;
  }
  const bytes = readFileSync(model.weightsPath);
  const sha256 = sha256Hex(bytes);
  assertDigest(model, sha256);
  checkNetworkContract(model, bytes);
  siteCache.set(model.weightsPath, { mtimeMs: st.mtimeMs, size: st.size, sha256, network });
}

const describeNames = (values: readonly OnnxValueInfo[]): string => values.map((v) => `'${v.name}'`).join(', ') || 'none';

/**
 * The network in the weights file has the input and output the manifest names, takes one-channel
 * 5-D volumes (batch, channel, depth, height, width) as this version feeds them, and its output has
 * the declared number of classes where the file fixes it.
 */
export function checkNetworkContract(model: InstalledModel, bytes: Uint8Array): void {
  const { inputName, outputName, classes } = model.manifest.network;
  const file = model.manifest.weights.file;
  let graph;
  try {
    graph = readOnnxGraph(bytes);
  } catch (error) {
    if (error instanceof OnnxParseError) throw new ModelPackageError(model.folder, `weights ${file} are ${error.message}`);
    throw error;
  }
  const input = graph.inputs.find((v) => v.name === inputName);
  if (!input) throw new ModelPackageError(model.folder, `the network in ${file} has no input '${inputName}' (its inputs: ${describeNames(graph.inputs)})`);
  const output = graph.outputs.find((v) => v.name === outputName);
  if (!output) throw new ModelPackageError(model.folder, `the network in ${file} has no output '${outputName}' (its outputs: ${describeNames(graph.outputs)})`);
  if (input.shape && input.shape.length !== 5) {
    throw new ModelPackageError(model.folder, `unsupported input: the network's input '${inputName}' has ${input.shape.length} dimensions; this version feeds volumes as (batch, channel, depth, height, width)`);
  }
  if (input.shape && typeof input.shape[1] === 'number' && input.shape[1] !== 1) {
    throw new ModelPackageError(model.folder, `unsupported input: the network's input '${inputName}' takes ${input.shape[1]} channels; this version feeds one`);
  }
  if (output.shape && typeof output.shape[1] === 'number' && output.shape[1] !== classes) {
    throw new ModelPackageError(model.folder, `the network's output '${outputName}' has ${output.shape[1]} classes; the manifest declares ${classes}`);
  }
}
