import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command as derive } from '../../cli/commands/derive.js';
import { command as niftiToRtstruct } from '../../cli/commands/nifti-to-rtstruct.js';
import { command as rtstructToNifti } from '../../cli/commands/rtstruct-to-nifti.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { readProvenance, structureSetProvenance, type ReadProvenance } from '../../core/review/provenance.js';
import type { Reviewer, StructureReview } from '../../core/review/review-types.js';
import { applyReviewAction, createAiDraft } from '../../core/review/structure-state.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import type { RoiInput } from '../../core/rt/roi-input.js';
import { writeRtStructFile } from '../../core/rt/write-rtstruct.js';
import { fixture, tempDir } from '../support/paths.js';
import { runCommand } from '../support/run-command.js';
import { dciodvfy } from '../support/tools.js';

/**
 * An AI draft, or a structure nobody reviewed, must not leave `derive` or the NIfTI round trip
 * looking approved: ROI Generation Algorithm, the review record in ROI Description and the set's
 * Approval Status are read back with readProvenance from the files the commands write.
 */
const CT = fixture('mirp-sts/STS_002/CT/dicom/image');
const RS = fixture('mirp-sts/STS_002/CT/dicom/mask/RS.dcm');
const MODEL = { id: 'test-model', version: '2.1.0', weightsSha256: 'c0ffee'.padEnd(64, '0') };
const PHYSICIAN: Reviewer = { name: 'Curie^Marie', role: 'physician' };
const AT = '2025-03-04T09:00:00.000Z';

const run = runCommand;

function provenanceOf(path: string): ReadProvenance {
  return readProvenance(readDicomFile(path).dataset);
}

function expectValid(path: string): void {
  const v = dciodvfy(path);
  expect(v.errors, v.output).toEqual([]);
}

describe('review provenance through derive and the NIfTI round trip (fixture mirp-sts STS_002 CT)', async () => {
  const loaded = await loadSeriesFromFolder(CT);
  const { volume } = loaded;
  const gtv = rasterizeStructureSet(readRtStruct(RS), volume)[0]!.mask!;
  const [nx, ny, nz] = volume.dims;
  const box = new Uint8Array(nx * ny * nz);
  for (let k = 10; k < 20; k++) for (let j = 30; j < 60; j++) for (let i = 40; i < 80; i++) box[i + nx * (j + ny * k)] = 1;
  const masks = [gtv, box];

  /** Two model structures in `state`; the set's Approval module and each ROI's record from provenance.ts. */
  function sourceFile(name: string, review: (s: StructureReview) => StructureReview = (s) => s): string {
    const structures = ['Tumour_AI', 'Box_AI'].map((n, i) => review(createAiDraft({ id: String(i + 1), name: n, seriesUid: volume.seriesInstanceUid, model: MODEL, at: AT })));
    const provenance = structureSetProvenance(structures);
    const rois: RoiInput[] = structures.map((s, i) => ({ number: i + 1, name: s.name, mask: masks[i]!, interpretedType: 'ORGAN', ...provenance.rois.get(s.id)!.roiInput }));
    const path = join(tempDir(`provenance-${name}-`), 'RS.dcm');
    writeRtStructFile(path, volume, loaded.referenceDataset, rois, { extraAttributes: provenance.extraAttributes });
    return path;
  }
  const approve = (s: StructureReview): StructureReview =>
    applyReviewAction(applyReviewAction(s, { type: 'open', by: PHYSICIAN, at: AT }), { type: 'approve', by: PHYSICIAN, at: '2025-03-04T09:05:00.000Z' });
  const reject = (s: StructureReview): StructureReview =>
    applyReviewAction(applyReviewAction(s, { type: 'open', by: PHYSICIAN, at: AT }), { type: 'reject', by: PHYSICIAN, at: '2025-03-04T09:05:00.000Z', comment: 'misses the margin' });

  const drafts = sourceFile('drafts');
  const approved = sourceFile('approved', approve);
  const source = provenanceOf(drafts);

  it('the source files say what the tests expect: AI drafts, UNAPPROVED; all approved, APPROVED', () => {
    expect(source.approval.status).toBe('UNAPPROVED');
    expect(source.rois.map((r) => [r.generationAlgorithm, r.record?.state])).toEqual([['AUTOMATIC', 'ai-draft'], ['AUTOMATIC', 'ai-draft']]);
    expect(source.models).toEqual([MODEL]);
    expect(provenanceOf(approved).approval.status).toBe('APPROVED');
  });

  it('derive keeps each AI draft an AI draft, writes the set UNAPPROVED and carries the Contributing Equipment', async () => {
    const out = join(tempDir('derive-drafts-'), 'RS-derived.dcm');
    const r = await run(derive, drafts, '--image', CT, '--out', out, '--rule', 'PTV = Tumour_AI + 3mm');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/UNAPPROVED$/);
    expectValid(out);
    const back = provenanceOf(out);
    expect(back.problems).toEqual([]);
    expect(back.approval.status).toBe('UNAPPROVED');
    expect(back.models).toEqual([MODEL]);
    expect(back.rois.map((x) => [x.name, x.generationAlgorithm, x.record?.state ?? null])).toEqual([
      ['Tumour_AI', 'AUTOMATIC', 'ai-draft'],
      ['Box_AI', 'AUTOMATIC', 'ai-draft'],
      ['PTV', 'SEMIAUTOMATIC', null],
    ]);
    // The originals' attributes are the source's, to the character.
    const before = readRtStruct(drafts).rois, after = readRtStruct(out).rois;
    for (const n of [0, 1]) {
      expect(after[n]!.generationDescription).toBe(before[n]!.generationDescription);
      expect(after[n]!.description).toBe(before[n]!.description);
      expect(after[n]!.description).toMatch(/^Delineate review: AI DRAFT, NOT APPROVED \(revision 1\)\ndelineate-review\/1 \{/);
    }
    expect(back.rois[0]!.model).toEqual(MODEL);
  });

  it('derive from an APPROVED set writes UNAPPROVED: the derived structures are new and unreviewed', async () => {
    const out = join(tempDir('derive-approved-'), 'RS-derived.dcm');
    const r = await run(derive, approved, '--image', CT, '--out', out, '--rule', 'Ring = ring(Tumour_AI, 2mm, 5mm)');
    expect(r.code, r.err).toBe(0);
    expectValid(out);
    const back = provenanceOf(out);
    expect(back.problems).toEqual([]);
    expect(back.approval).toEqual({ status: 'UNAPPROVED', reviewerName: '', reviewDate: '', reviewTime: '' });
    // Each original keeps its own approval (record and ROI Interpreter); the set does not claim one.
    expect(back.rois.map((x) => [x.name, x.generationAlgorithm, x.record?.state ?? null, x.interpreter])).toEqual([
      ['Tumour_AI', 'AUTOMATIC', 'approved', 'Curie^Marie'],
      ['Box_AI', 'AUTOMATIC', 'approved', 'Curie^Marie'],
      ['Ring', 'SEMIAUTOMATIC', null, ''],
    ]);
  });

  it('derive from a REJECTED set stays REJECTED, with the reviewer', async () => {
    const rejected = sourceFile('rejected', reject);
    const out = join(tempDir('derive-rejected-'), 'RS-derived.dcm');
    const r = await run(derive, rejected, '--image', CT, '--out', out, '--rule', 'PTV = Tumour_AI + 3mm');
    expect(r.code, r.err).toBe(0);
    expectValid(out);
    const back = provenanceOf(out);
    expect(back.problems).toEqual([]);
    expect(back.approval).toEqual({ ...provenanceOf(rejected).approval, status: 'REJECTED' });
    expect(back.approval.reviewerName).toBe('Curie^Marie');
  });

  it('rtstruct-to-nifti → nifti-to-rtstruct keeps AUTOMATIC, the model and the AI-draft record; the set is UNAPPROVED', async () => {
    const dir = tempDir('roundtrip-drafts-');
    expect((await run(rtstructToNifti, drafts, '--image', CT, '--out', dir)).code).toBe(0);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { algorithm: string; generationDescription?: string; roiDescription?: string }[];
    expect(index.map((e) => e.algorithm)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
    expect(index[0]!.generationDescription).toBe(source.rois[0]!.generationDescription);
    expect(index[0]!.roiDescription).toContain('delineate-review/1 {');
    const out = join(dir, 'RS.dcm');
    const r = await run(niftiToRtstruct, '--masks', dir, '--image', CT, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/approval/);
    expectValid(out);
    const back = provenanceOf(out);
    expect(back.problems).toEqual([]);
    expect(back.approval.status).toBe('UNAPPROVED');
    expect(back.rois.map((x) => [x.name, x.generationAlgorithm, x.generationDescription, x.record?.state ?? null, x.model])).toEqual(
      source.rois.map((x) => [x.name, 'AUTOMATIC', x.generationDescription, 'ai-draft', MODEL]),
    );
    expect(readRtStruct(out).rois.map((x) => x.description)).toEqual(readRtStruct(drafts).rois.map((x) => x.description));
  });

  it('the round trip does not carry an approval: a mask from a file cannot show it is the contour approved', async () => {
    const dir = tempDir('roundtrip-approved-');
    expect((await run(rtstructToNifti, approved, '--image', CT, '--out', dir)).code).toBe(0);
    const out = join(dir, 'RS.dcm');
    const r = await run(niftiToRtstruct, '--masks', dir, '--image', CT, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("warning: ROI 1 'Tumour_AI': its approval (revision 1 by Curie^Marie at 2025-03-04T09:05:00.000Z) is not carried over");
    expectValid(out);
    const back = provenanceOf(out);
    expect(back.problems).toEqual([]);
    expect(back.approval.status).toBe('UNAPPROVED');
    // Still the model's own output (AUTOMATIC), but no record and no interpreter claim a review.
    expect(back.rois.map((x) => [x.generationAlgorithm, x.record, x.interpreter, x.description])).toEqual([
      ['AUTOMATIC', undefined, '', ''],
      ['AUTOMATIC', undefined, '', ''],
    ]);
  });
});
