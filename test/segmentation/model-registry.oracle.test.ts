import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ModelNotFoundError, ModelPackageError } from '../../core/segmentation/model-errors.js';
import { builtInModelRoot, findModels, listModels, loadModelPackage, readVerifiedWeights, sha256Hex, verifyWeights } from '../../core/segmentation/model-registry.js';
import { segmentVolume } from '../../core/segmentation/segment-volume.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';
import { tempDir } from '../support/paths.js';
import { copyAsSitePackage } from './support/site-package.js';
import { readT1 } from './support/brainchop-reference.js';

const SHIPPED = ['brainchop-aparc-aseg-104', 'brainchop-brain-mask', 'brainchop-subcortical-18'];

/** A site model folder holding a copy of a shipped package, to be broken in one way per test. */
function siteCopy(id = 'brainchop-brain-mask'): { root: string; folder: string; manifest: Record<string, unknown> } {
  const root = tempDir('delineate-models-');
  return { root, ...copyAsSitePackage(root, id) };
}

function writeManifest(folder: string, manifest: unknown): void {
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
}

/** Load only the site folder, and return the one refusal it must produce. */
function refusalFor(root: string): ModelPackageError {
  const catalogue = listModels({ builtInRoot: null, extraRoots: [root] });
  expect(catalogue.models).toEqual([]);
  expect(catalogue.problems).toHaveLength(1);
  return catalogue.problems[0]!;
}

describe('shipped model packages', () => {
  it('validate, and their weights match the manifests', () => {
    const catalogue = listModels();
    expect(catalogue.problems.map((p) => p.message)).toEqual([]);
    expect(catalogue.models.map((m) => m.manifest.id)).toEqual(SHIPPED);
    for (const model of catalogue.models) {
      expect(verifyWeights(model)).toBe(model.manifest.weights.sha256);
      expect(model.builtIn).toBe(true);
      expect(model.manifest.licence.spdx).toBe('MIT');
      expect(model.manifest.modality).toBe('MR');
    }
  });

  it('the 104-class model gives left and right hippocampus from the FreeSurfer-labelled channels', () => {
    const [model] = findModels(['brainchop-aparc-aseg-104']);
    const names = model!.manifest.network.classNames;
    const channel = (structure: string): string => names[model!.manifest.structures.find((s) => s.name === structure)!.classes[0]!]!;
    expect(channel('Hippocampus_L')).toBe('Left-Hippocampus');
    expect(channel('Hippocampus_R')).toBe('Right-Hippocampus');
    expect(channel('Brainstem')).toBe('Brain-Stem');
  });
});

describe('manifest validation names the package folder and the problem', () => {
  let site: ReturnType<typeof siteCopy>;
  beforeEach(() => {
    site = siteCopy();
  });

  it('bad hash: weights altered in place (same size) are refused before a run', () => {
    const weights = join(site.folder, 'model.onnx');
    const bytes = readFileSync(weights);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256; // last float's low byte: still loads
    writeFileSync(weights, bytes);
    const model = loadModelPackage(site.folder, site.root, false);
    const expected = `model package ${site.folder}: weights sha256 mismatch for model.onnx: manifest says ${model.manifest.weights.sha256}, file is ${sha256Hex(bytes)}`;
    expect(() => verifyWeights(model)).toThrow(expected);
    expect(() => readVerifiedWeights(model)).toThrow(ModelPackageError);
    // A site package is hashed when listed: it is refused before the model picker could offer it.
    expect(listModels({ builtInRoot: null, extraRoots: [site.root] }).problems.map((p) => p.message)).toEqual([expected]);
    expect(() => findModels(['brainchop-brain-mask'], { builtInRoot: null, extraRoots: [site.root] })).toThrow(expected);
  });

  it('bad hash stops the pipeline at load time, naming the folder', async () => {
    const weights = join(site.folder, 'model.onnx');
    const bytes = readFileSync(weights);
    bytes[100] = (bytes[100]! + 1) % 256;
    writeFileSync(weights, bytes);
    const input = segmentationInputFromNifti(readT1());
    const run = segmentVolume(input, { builtInModelRoot: null, extraModelRoots: [site.root], modelIds: ['brainchop-brain-mask'] });
    await expect(run).rejects.toThrow(`model package ${site.folder}: weights sha256 mismatch`);
  });

  it('missing field', () => {
    const weights = site.manifest['weights'] as Record<string, unknown>;
    delete weights['sha256'];
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: missing field 'weights.sha256'`);
  });

  it('unsupported input: orientation, normalisation, crop', () => {
    const input = site.manifest['input'] as Record<string, Record<string, unknown>>;
    input['conform']!['orientation'] = 'RAS';
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: unsupported input: orientation 'RAS' (this version conforms to LIA)`);

    input['conform']!['orientation'] = 'LIA';
    input['normalisation'] = { kind: 'zscore' };
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: unsupported input: normalisation 'zscore' (minmax or quantile)`);

    input['normalisation'] = { kind: 'minmax' };
    input['crop'] = { kind: 'atlas', marginVoxels: 4 };
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: unsupported input: crop 'atlas' (none, threshold or brain-mask)`);
  });

  it('a CT model with the MR conform is refused', () => {
    site.manifest['modality'] = 'CT';
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toContain("unsupported input: conform 'freesurfer-uint8' is an MR preprocessing");
  });

  it('structure classes must exist in the network, types must be DICOM terms', () => {
    const structures = site.manifest['structures'] as Record<string, unknown>[];
    structures[0]!['classes'] = [1, 3];
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: 'structures[0].classes[1]' = 3 is not a foreground class (1..2)`);
    structures[0]!['classes'] = [1, 2];
    structures[0]!['rtRoiInterpretedType'] = 'OAR';
    writeManifest(site.folder, site.manifest);
    expect(refusalFor(site.root).message).toBe(`model package ${site.folder}: 'structures[0].rtRoiInterpretedType' = 'OAR' is not a DICOM RT ROI Interpreted Type`);
  });

  it('invalid JSON, id not matching its folder, truncated weights', () => {
    writeFileSync(join(site.folder, 'manifest.json'), '{ "id": ');
    expect(refusalFor(site.root).message).toMatch(new RegExp(`^model package ${site.folder}: manifest.json is not valid JSON`));

    const other = siteCopy();
    other.manifest['id'] = 'renamed';
    writeManifest(other.folder, other.manifest);
    expect(refusalFor(other.root).message).toBe(`model package ${other.folder}: manifest id 'renamed' does not match the folder name 'brainchop-brain-mask'`);

    const third = siteCopy();
    writeFileSync(join(third.folder, 'model.onnx'), readFileSync(join(third.folder, 'model.onnx')).subarray(0, 1000));
    expect(refusalFor(third.root).message).toBe(`model package ${third.folder}: weights model.onnx are 1000 bytes, the manifest says 94956`);
  });
});

describe('extra model roots', () => {
  it('a site model is listed beside the built-in ones; a duplicate id is reported, built-in wins', () => {
    const site = siteCopy();
    const renamed = join(site.root, 'site-brain-mask');
    renameSync(site.folder, renamed);
    writeManifest(renamed, { ...site.manifest, id: 'site-brain-mask' });
    const duplicate = siteCopy('brainchop-subcortical-18');
    const catalogue = listModels({ extraRoots: [site.root, duplicate.root] });
    const siteModel = catalogue.models.find((m) => m.manifest.id === 'site-brain-mask');
    expect(siteModel?.builtIn).toBe(false);
    expect(siteModel?.root).toBe(site.root);
    expect(catalogue.problems.map((p) => p.message)).toEqual([
      `model package ${duplicate.folder}: duplicate model id 'brainchop-subcortical-18': ${join(builtInModelRoot(), 'brainchop-subcortical-18')} is used`,
    ]);
  });

  it('an unknown id and a refused package are told apart', () => {
    expect(() => findModels(['no-such-model'])).toThrow(ModelNotFoundError);
    const site = siteCopy();
    writeFileSync(join(site.folder, 'manifest.json'), '[]');
    expect(() => findModels(['brainchop-brain-mask'], { builtInRoot: null, extraRoots: [site.root] })).toThrow(
      `model package ${site.folder}: '(root)' must be an object`,
    );
  });
});
