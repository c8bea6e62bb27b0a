import type {
  CropRule,
  InputContract,
  ModelManifest,
  NetworkSpec,
  Normalisation,
  PostprocessRule,
  RtRoiInterpretedType,
  StructureSpec,
} from './model-manifest.js';
import { MANIFEST_SCHEMA_VERSION, RT_ROI_INTERPRETED_TYPES } from './model-manifest.js';
import { ModelPackageError } from './model-errors.js';

type Json = unknown;

/**
 * Walks the parsed JSON with the dotted path of every field, so each failure reads like
 * "missing field 'weights.sha256'" rather than a stack trace.
 */
class Fields {
  constructor(
    private readonly folder: string,
    private readonly value: Json,
    private readonly path: string,
  ) {}

  fail(problem: string): never {
    throw new ModelPackageError(this.folder, problem);
  }

  private get(name: string): Json {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) {
      this.fail(`'${this.path || '(root)'}' must be an object`);
    }
    return (this.value as Record<string, Json>)[name];
  }

  private where(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  field(name: string): Fields {
    const v = this.get(name);
    if (v === undefined) this.fail(`missing field '${this.where(name)}'`);
    return new Fields(this.folder, v, this.where(name));
  }

  string(name: string): string {
    const v = this.field(name).value;
    if (typeof v !== 'string' || v.trim() === '') this.fail(`'${this.where(name)}' must be a non-empty string`);
    return v;
  }

  number(name: string, check?: (n: number) => boolean, rule = ''): number {
    const v = this.field(name).value;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`'${this.where(name)}' must be a number`);
    if (check && !check(v)) this.fail(`'${this.where(name)}' = ${v} is out of range${rule ? ` (${rule})` : ''}`);
    return v;
  }

  boolean(name: string): boolean {
    const v = this.field(name).value;
    if (typeof v !== 'boolean') this.fail(`'${this.where(name)}' must be true or false`);
    return v;
  }

  array(name: string): Fields[] {
    const f = this.field(name);
    if (!Array.isArray(f.value)) this.fail(`'${this.where(name)}' must be an array`);
    return (f.value as Json[]).map((item, n) => new Fields(this.folder, item, `${this.where(name)}[${n}]`));
  }

  raw(): Json {
    return this.value;
  }

  at(): string {
    return this.path;
  }
}

const isInt = (n: number): boolean => Number.isInteger(n);
const SHA256 = /^[0-9a-f]{64}$/;
const MODEL_ID = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Validate a parsed manifest. `folder` is the package folder, used in every message.
 * Throws ModelPackageError on the first problem.
 */
export function validateManifest(json: Json, folder: string): ModelManifest {
  const root = new Fields(folder, json, '');
  const schemaVersion = root.number('schemaVersion');
  if (schemaVersion !== MANIFEST_SCHEMA_VERSION) {
    root.fail(`unsupported schemaVersion ${schemaVersion} (this version reads ${MANIFEST_SCHEMA_VERSION})`);
  }
  const id = root.string('id');
  if (!MODEL_ID.test(id)) root.fail(`'id' = '${id}' must be lower-case letters, digits, '.', '_' or '-'`);
  const modality = root.string('modality');
  if (modality !== 'MR' && modality !== 'CT') return root.fail(`unsupported modality '${modality}' (MR or CT)`);

  const weights = root.field('weights');
  const sha256 = weights.string('sha256').toLowerCase();
  if (!SHA256.test(sha256)) root.fail(`'weights.sha256' must be 64 hex digits`);
  const file = weights.string('file');
  if (file.includes('/') || file.includes('\\') || !file.endsWith('.onnx')) {
    root.fail(`'weights.file' = '${file}' must be an .onnx file name inside the package folder`);
  }

  const licence = root.field('licence');
  const source = root.field('source');
  const network = readNetwork(root.field('network'));
  const manifest: ModelManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id,
    title: root.string('title'),
    version: root.string('version'),
    modality,
    weights: { file, sha256, bytes: weights.number('bytes', (n) => isInt(n) && n > 0) },
    licence: { spdx: licence.string('spdx'), file: licence.string('file'), copyright: licence.string('copyright') },
    citation: root.string('citation'),
    source: {
      repository: source.string('repository'),
      commit: source.string('commit'),
      path: source.string('path'),
      conversion: source.string('conversion'),
    },
    network,
    input: readInput(root.field('input'), modality),
    structures: readStructures(root, network),
  };
  return manifest;
}

function readNetwork(f: Fields): NetworkSpec {
  const classes = f.number('classes', (n) => isInt(n) && n >= 2 && n <= 255, 'an integer 2..255: labels are stored as uint8');
  const classNames = f.array('classNames').map((c) => {
    const v = c.raw();
    return typeof v === 'string' ? v : c.fail(`'${c.at()}' must be a string`);
  });
  if (classNames.length !== classes) f.fail(`'network.classNames' has ${classNames.length} names, 'network.classes' is ${classes}`);
  return {
    inputName: f.string('inputName'),
    outputName: f.string('outputName'),
    classes,
    classNames,
    hiddenChannels: f.number('hiddenChannels', (n) => isInt(n) && n >= 1),
    receptiveFieldRadiusVoxels: f.number('receptiveFieldRadiusVoxels', (n) => isInt(n) && n >= 0),
  };
}

function readInput(f: Fields, modality: string): InputContract {
  const conform = f.field('conform');
  const kind = conform.string('kind');
  // Only the FreeSurfer/NiiVue conform is implemented; a CT model needs an HU contract first.
  if (kind !== 'freesurfer-uint8') f.fail(`unsupported input: conform kind '${kind}' (this version supports 'freesurfer-uint8')`);
  if (modality !== 'MR') f.fail(`unsupported input: conform 'freesurfer-uint8' is an MR preprocessing, the model says modality ${modality}`);
  const orientation = conform.string('orientation');
  if (orientation !== 'LIA') f.fail(`unsupported input: orientation '${orientation}' (this version conforms to LIA)`);
  const spacing = conform.number('spacingMm');
  if (spacing !== 1) f.fail(`unsupported input: spacingMm ${spacing} (this version conforms to 1 mm)`);
  const size = conform.array('size').map((s) => s.raw());
  if (size.length !== 3 || size.some((s) => s !== 256)) f.fail(`unsupported input: size ${JSON.stringify(size)} (this version conforms to [256,256,256])`);
  const sizeMultiple = f.number('sizeMultiple', (n) => isInt(n) && n >= 1 && 256 % n === 0, 'a divisor of 256');
  return {
    conform: { kind: 'freesurfer-uint8', orientation: 'LIA', spacingMm: 1, size: [256, 256, 256] },
    normalisation: readNormalisation(f.field('normalisation')),
    crop: readCrop(f.field('crop')),
    sizeMultiple,
  };
}

function readNormalisation(f: Fields): Normalisation {
  const kind = f.string('kind');
  if (kind === 'minmax') return { kind };
  if (kind === 'quantile') {
    const lower = f.number('lower', (n) => n >= 0 && n < 1);
    const upper = f.number('upper', (n) => n > lower && n <= 1, "greater than 'lower', at most 1");
    return { kind, lower, upper };
  }
  return f.fail(`unsupported input: normalisation '${kind}' (minmax or quantile)`);
}

function readCrop(f: Fields): CropRule {
  const kind = f.string('kind');
  if (kind === 'none') return { kind };
  const marginVoxels = f.number('marginVoxels', (n) => isInt(n) && n >= 0);
  if (kind === 'threshold') return { kind, fractionOfMax: f.number('fractionOfMax', (n) => n >= 0 && n < 1), marginVoxels };
  if (kind === 'brain-mask') return { kind, maskModel: f.string('maskModel'), marginVoxels };
  return f.fail(`unsupported input: crop '${kind}' (none, threshold or brain-mask)`);
}

function readStructures(root: Fields, network: NetworkSpec): StructureSpec[] {
  const items = root.array('structures');
  if (items.length === 0) root.fail(`'structures' is empty: the model would produce nothing`);
  const names = new Set<string>();
  return items.map((s) => {
    const name = s.string('name');
    if (names.has(name)) s.fail(`structure name '${name}' appears twice`);
    names.add(name);
    const classes = s.array('classes').map((c) => {
      const v = c.raw();
      if (typeof v === 'number' && isInt(v) && v >= 1 && v < network.classes) return v;
      return c.fail(`'${c.at()}' = ${JSON.stringify(v)} is not a foreground class (1..${network.classes - 1})`);
    });
    if (classes.length === 0) s.fail(`'${s.at()}.classes' is empty`);
    const color = s.array('color').map((c) => c.raw());
    if (color.length !== 3 || color.some((c) => typeof c !== 'number' || !isInt(c) || c < 0 || c > 255)) {
      s.fail(`'${s.at()}.color' must be [r, g, b] integers 0..255`);
    }
    const type = s.string('rtRoiInterpretedType');
    if (!(RT_ROI_INTERPRETED_TYPES as readonly string[]).includes(type)) {
      s.fail(`'${s.at()}.rtRoiInterpretedType' = '${type}' is not a DICOM RT ROI Interpreted Type`);
    }
    return {
      name,
      classes,
      color: color as unknown as readonly [number, number, number],
      rtRoiInterpretedType: type as RtRoiInterpretedType,
      postprocess: readPostprocess(s.field('postprocess')),
    };
  });
}

function readPostprocess(f: Fields): PostprocessRule {
  const largestComponent = f.boolean('largestComponent');
  const components = f.has('components') ? f.number('components', (n) => isInt(n) && n >= 1) : 1;
  return { largestComponent, components, fillHoles: f.boolean('fillHoles') };
}
