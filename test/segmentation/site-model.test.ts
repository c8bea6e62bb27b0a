/**
 * Site-installed models (core/segmentation/model-registry.ts, extraRoots): a valid site package
 * — a copy of a shipped model with its own id, version, provenance and weights hash — is listed
 * and runs through the same engine (segmentVolume) as the shipped models, and its structures
 * carry the site model's identity into the RT Structure Set provenance. A package with a wrong
 * weights hash, a missing manifest field or an unsupported input contract is refused — by the
 * listing, so it never reaches the model picker, and by the run itself — with a message naming the
 * folder and the problem. (model-registry.oracle.test.ts covers more listing-time refusals.) The
 * application finds site packages in the data folder's `models` and in DELINEATE_SITE_MODELS.
 *
 * The image is a 64×48×64 block of the real T1 in test/fixtures/brainchop-t1, so each network run
 * is small (2-core CI).
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiply } from '../../core/geometry/mat4.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { readNiftiFile } from '../../core/nifti/read-nifti.js';
import { dice } from '../../core/review/agreement.js';
import { structureSetProvenance } from '../../core/review/provenance.js';
import { createAiDraft } from '../../core/review/structure-state.js';
import { createBackend } from '../../core/api/backend.js';
import { builtInModelRoot, listModels, sha256Hex } from '../../core/segmentation/model-registry.js';
import { SITE_MODELS_ENV, siteModelDirs } from '../../core/segmentation/site-model-dirs.js';
import { segmentationInputFromNifti } from '../../core/segmentation/nifti-input.js';
import type { SegmentationInput, SegmentationOutput } from '../../core/segmentation/segmentation-types.js';
import { segmentVolume } from '../../core/segmentation/segment-volume.js';
import { copyAsSitePackage } from './support/site-package.js';
import { fixture, tempDir } from '../support/paths.js';

const SHIPPED = 'brainchop-brain-mask';
const SITE = 'site-brain-mask';

/** A site package: the shipped brain-mask model under its own id, version and source, with its own (altered) weights. */
function sitePackage(root: string, id = SITE): { folder: string; manifest: Record<string, unknown> } {
  const { folder } = copyAsSitePackage(root, SHIPPED, id);
  renameSync(join(folder, 'LICENSE-brainchop.txt'), join(folder, 'LICENSE.txt'));
  // The last float's low byte: different weights (so a different hash), the same network.
  const weights = readFileSync(join(folder, 'model.onnx'));
  weights[weights.length - 1] = (weights[weights.length - 1]! + 1) % 256;
  writeFileSync(join(folder, 'model.onnx'), weights);
  const shipped = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = {
    ...shipped,
    id,
    title: 'Brain mask, re-validated at the site',
    version: '2.1.0-site',
    weights: { file: 'model.onnx', sha256: sha256Hex(weights), bytes: weights.length },
    licence: { spdx: 'MIT', file: 'LICENSE.txt', copyright: 'Copyright (c) 2021 neuroneural/brainchop' },
    source: { repository: 'https://models.example-hospital.org/brain-mask', commit: 'site-2025-03', path: 'brain-mask/2.1.0', conversion: 'brainchop model11_gw_ae, one weight changed for this test' },
  };
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { folder, manifest };
}

/** A 64×48×64 block of the fixture head (voxels 24…87, 24…71, 16…79), in place. */
function smallHead(): SegmentationInput {
  const full = segmentationInputFromNifti(readNiftiFile(fixture('brainchop-t1', 't1-head-crop.nii.gz')));
  const [nx, ny] = full.dims;
  const dims = [64, 48, 64] as const;
  const lo = [24, 24, 16];
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
    data[i + dims[0] * (j + dims[1] * k)] = full.data[i + lo[0]! + nx * (j + lo[1]! + ny * (k + lo[2]!))]!;
  }
  const shift = mat4<'IJK', 'IJK'>([1, 0, 0, lo[0]!, 0, 1, 0, lo[1]!, 0, 0, 1, lo[2]!, 0, 0, 0, 1]);
  return { dims, data, ijkToLps: multiply(full.ijkToLps, shift), modality: 'MR' };
}

const RUN = { providers: ['cpu'] as const, threads: 2 };

describe('a valid site model', () => {
  const root = tempDir('delineate-site-models-');
  const site = sitePackage(root);
  const siteWeights = (site.manifest['weights'] as { sha256: string }).sha256;
  let input: SegmentationInput;
  let siteRun: SegmentationOutput;
  let shippedRun: SegmentationOutput;

  beforeAll(async () => {
    input = smallHead();
    siteRun = await segmentVolume(input, { ...RUN, extraModelRoots: [root], modelIds: [SITE] });
    shippedRun = await segmentVolume(input, { ...RUN, modelIds: [SHIPPED] });
  });

  it('is listed beside the shipped models, marked as a site model', () => {
    const catalogue = listModels({ extraRoots: [root] });
    expect(catalogue.problems.map((p) => p.message)).toEqual([]);
    const model = catalogue.models.find((m) => m.manifest.id === SITE);
    expect(model).toMatchObject({ builtIn: false, root, folder: site.folder });
    expect(model!.manifest.version).toBe('2.1.0-site');
    expect(model!.manifest.source.repository).toBe('https://models.example-hospital.org/brain-mask');
    expect(siteWeights).not.toBe(listModels().models.find((m) => m.manifest.id === SHIPPED)!.manifest.weights.sha256);
  });

  it('runs through the same engine as the shipped model and gives its result', () => {
    expect(siteRun.models.map((m) => [m.id, m.version, m.weightsSha256, m.provider])).toEqual([[SITE, '2.1.0-site', siteWeights, 'cpu']]);
    expect(siteRun.structures.map((s) => [s.name, s.modelId])).toEqual([['Brain', SITE]]);
    const ours = siteRun.structures[0]!;
    const theirs = shippedRun.structures[0]!;
    console.info(`site model: Brain ${ours.voxelCount} voxels, shipped model ${theirs.voxelCount}; same stages: ${siteRun.timings.map((t) => t.stage).join(' ')}`);
    expect(ours.voxelCount).toBeGreaterThan(10_000);
    expect(dice(ours.mask, theirs.mask)).toBeGreaterThan(0.999);
    expect(siteRun.timings.map((t) => t.stage)).toEqual(shippedRun.timings.map((t) => t.stage));
  });

  it('its structures carry the site model\'s id, version and weights hash into the structure set provenance', () => {
    const run = siteRun.models[0]!;
    const drafts = siteRun.structures.map((s) =>
      createAiDraft({ id: String(s.number), name: s.name, seriesUid: '1.2.3', model: { id: run.id, version: run.version, weightsSha256: run.weightsSha256 }, at: '2025-03-01T10:00:00.000Z' }),
    );
    const provenance = structureSetProvenance(drafts);
    const roi = provenance.rois.get('1')!;
    expect(roi.structureSetRoi.ROIGenerationAlgorithm).toBe('AUTOMATIC');
    expect(roi.roiInput.generationDescription).toBe(`${SITE} 2.1.0-site sha256:${siteWeights}`.slice(0, 64));
    const equipment = provenance.extraAttributes['ContributingEquipmentSequence'] as { ContributionDescription: string }[];
    expect(equipment.map((e) => e.ContributionDescription)).toEqual([`auto-contouring model ${SITE} version 2.1.0-site weights sha256:${siteWeights}`]);
  });
});

describe('a broken site model is refused, when listed and when asked to run, naming the folder and the problem', () => {
  const cases: [string, (p: { folder: string; manifest: Record<string, unknown> }) => void, string][] = [
    [
      'wrong weights hash',
      ({ folder }) => writeFileSync(join(folder, 'model.onnx'), readFileSync(join(builtInModelRoot(), SHIPPED, 'model.onnx'))),
      'weights sha256 mismatch for model.onnx: manifest says ',
    ],
    [
      'missing manifest field',
      ({ folder, manifest }) => {
        delete manifest['version'];
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      "missing field 'version'",
    ],
    [
      'unsupported input contract',
      ({ folder, manifest }) => {
        const input = manifest['input'] as Record<string, Record<string, unknown>>;
        input['conform']!['spacingMm'] = 0.5;
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      'unsupported input: spacingMm 0.5 (this version conforms to 1 mm)',
    ],
    [
      'input name not in the network',
      ({ folder, manifest }) => {
        (manifest['network'] as Record<string, unknown>)['inputName'] = 'image';
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      "the network in model.onnx has no input 'image' (its inputs: 'input')",
    ],
    [
      'output name not in the network',
      ({ folder, manifest }) => {
        (manifest['network'] as Record<string, unknown>)['outputName'] = 'logits';
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      "the network in model.onnx has no output 'logits' (its outputs: 'output')",
    ],
    [
      'class count other than the network\'s',
      ({ folder, manifest }) => {
        const network = manifest['network'] as Record<string, unknown>;
        network['classes'] = 5;
        network['classNames'] = ['background', 'a', 'b', 'c', 'd'];
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      "the network's output 'output' has 3 classes; the manifest declares 5",
    ],
    [
      'weights that are not an ONNX model (hash matching)',
      ({ folder, manifest }) => {
        const junk = Buffer.from(Array.from({ length: 4096 }, (_, n) => (n * 7919 + 13) % 256));
        writeFileSync(join(folder, 'model.onnx'), junk);
        manifest['weights'] = { file: 'model.onnx', sha256: sha256Hex(junk), bytes: junk.length };
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      'weights model.onnx are not an ONNX model',
    ],
    [
      'licence file outside the package',
      ({ folder, manifest }) => {
        manifest['licence'] = { ...(manifest['licence'] as Record<string, unknown>), file: '../LICENSE-brainchop.txt' };
        writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest));
      },
      'licence file ../LICENSE-brainchop.txt is outside the package; a site package carries its own licence',
    ],
  ];
  it.each(cases)('%s', async (_what, breakIt, problem) => {
    const root = tempDir('delineate-site-models-');
    const site = sitePackage(root);
    breakIt(site);
    const run = segmentVolume(smallHead(), { ...RUN, builtInModelRoot: null, extraModelRoots: [root], modelIds: [SITE] });
    await expect(run).rejects.toThrow(`model package ${site.folder}: ${problem}`);
    // Refused before it is offered, too: the model picker never lists it.
    expect(listModels({ builtInRoot: null, extraRoots: [root] }).models).toEqual([]);
    const listed = listModels({ builtInRoot: null, extraRoots: [root] }).problems.map((p) => p.message);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.startsWith(`model package ${site.folder}: ${problem}`)).toBe(true);
  });
});

describe('site model folders of the application', () => {
  it('the data folder\'s models folder (created) and DELINEATE_SITE_MODELS, in that order, without repeats', () => {
    const data = tempDir('delineate-site-data-');
    const share = tempDir('delineate-site-share-');
    expect(siteModelDirs(data, {})).toEqual([join(data, 'models')]);
    expect(readdirSync(data)).toEqual(['models']);
    expect(siteModelDirs(data, { [SITE_MODELS_ENV]: ` ${share}${delimiter}${join(data, 'models')}${delimiter}` })).toEqual([join(data, 'models'), share]);
  });

  it('a package dropped into the data folder\'s models folder is offered by the app, marked as a site model; a broken one is listed with its reason', async () => {
    const data = tempDir('delineate-site-data-');
    const backend = createBackend({ shell: 'web', dataDir: data, sampleStudyDir: null });
    try {
      const folder = join(data, 'models');
      expect((await backend.api.appInfo({})).siteModelDirs).toEqual([folder]);
      const good = sitePackage(folder);
      const bad = sitePackage(folder, 'site-broken');
      writeFileSync(join(bad.folder, 'manifest.json'), JSON.stringify({ ...bad.manifest, input: 'CT' }));
      const list = await backend.api.listModels({});
      const site = list.models.filter((m) => m.site);
      expect(site.map((m) => [m.id, m.version, m.weightsSha256])).toEqual([[SITE, '2.1.0-site', (good.manifest['weights'] as { sha256: string }).sha256]]);
      expect(list.models.filter((m) => !m.site).map((m) => m.id)).toContain(SHIPPED);
      expect(list.problems).toHaveLength(1);
      expect(list.problems[0]!.folder).toBe(bad.folder);
      expect(list.problems[0]!.message).toMatch(/^model package .*site-broken: .*input/);
    } finally {
      backend.close();
    }
  });
});
