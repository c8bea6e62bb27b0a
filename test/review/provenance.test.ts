import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import {
  approvalModule, generationDescription, readProvenance, roiProvenance, structureSetProvenance,
} from '../../core/review/provenance.js';
import { reviewRecordOf, ROI_DESCRIPTION_MAX_CHARS } from '../../core/review/review-record.js';
import type { Reviewer, StructureReview } from '../../core/review/review-types.js';
import { applyReviewAction, createImportedStructure } from '../../core/review/structure-state.js';
import type { RoiInput } from '../../core/rt/roi-input.js';
import { dicomDateTime } from '../../core/rt/text-values.js';
import { writeRtStructFile } from '../../core/rt/write-rtstruct.js';
import { axialGrid } from '../contours/support/grids.js';
import { syntheticReference } from '../rt/support/reference.js';
import { tempDir } from '../support/paths.js';
import { dciodvfy } from '../support/tools.js';
import { aiDraft, DOSIMETRIST, drawn, MODEL, PHYSICIAN, T } from './support/fixtures.js';

const open = (s: StructureReview, by: Reviewer, m: number): StructureReview => applyReviewAction(s, { type: 'open', by, at: T(m) });
const approve = (s: StructureReview, by: Reviewer, m: number): StructureReview => applyReviewAction(open(s, by, m), { type: 'approve', by, at: T(m + 1) });
const edit = (s: StructureReview, by: Reviewer, m: number): StructureReview => applyReviewAction(s, { type: 'edit', by, at: T(m) });

describe('provenance of one structure', () => {
  it('unedited AI output is AUTOMATIC, named by model id, version and weights hash', () => {
    const p = roiProvenance(aiDraft('a', 'Thalamus_L'));
    expect(p.structureSetRoi.ROIGenerationAlgorithm).toBe('AUTOMATIC');
    // LO holds 64 characters: 'brainchop-subcortical-18 1.0.0 sha256:' leaves 26 digits of the hash.
    expect(p.structureSetRoi.ROIGenerationDescription).toBe(`brainchop-subcortical-18 1.0.0 sha256:${MODEL.weightsSha256.slice(0, 26)}`);
    expect(p.structureSetRoi.ROIGenerationDescription).toHaveLength(64);
    expect(p.structureSetRoi.ROIDescription.split('\n')[0]).toBe('Delineate review: AI DRAFT, NOT APPROVED (revision 1)');
    expect(p.observation.ROIInterpreter).toBe('');
    // Approving does not make it less automatic: nobody changed the model's contour.
    const approved = roiProvenance(approve(aiDraft('a'), PHYSICIAN, 1));
    expect(approved.roiInput).toMatchObject({ generationAlgorithm: 'AUTOMATIC', interpreter: 'Curie^Marie' });
  });

  it('edited AI output is SEMIAUTOMATIC and says which model it was edited from', () => {
    const p = roiProvenance(edit(aiDraft('a'), DOSIMETRIST, 1));
    expect(p.roiInput.generationAlgorithm).toBe('SEMIAUTOMATIC');
    expect(p.roiInput.generationDescription).toBe(`edited from brainchop-subcortical-18 1.0.0 sha256:${MODEL.weightsSha256.slice(0, 14)}`);
    expect(p.roiInput.description).toMatch(/^Delineate review: EDITED AI DRAFT, NOT APPROVED \(revision 1\)\n/);
  });

  it('drawn structures are MANUAL', () => {
    const p = roiProvenance(drawn('d', 'PTV'), 'boost volume');
    expect(p.roiInput).toMatchObject({ generationAlgorithm: 'MANUAL', generationDescription: 'drawn by John Roe', interpreter: '' });
    expect(p.roiInput.description.split('\n')[0]).toBe('boost volume');
  });

  it('an imported structure names its file, not the folder it was read from, and says edited only once someone here edited it', () => {
    const file = '/home/dosimetry/patients/2026/STS_001/MR_T1/dicom/mask/RS.dcm';
    const imported = createImportedStructure({ id: 'i', name: 'GTV', seriesUid: '1.2.3', file, algorithm: 'MANUAL', at: T(0) });
    expect(roiProvenance(imported).roiInput).toMatchObject({ generationAlgorithm: 'MANUAL', generationDescription: 'imported from RS.dcm' });
    expect(roiProvenance(edit(imported, DOSIMETRIST, 1)).roiInput.generationDescription).toBe('edited here, imported from RS.dcm');
    const windows = createImportedStructure({ id: 'w', name: 'GTV', seriesUid: '1.2.3', file: 'C:\\plans\\RS.1.2.dcm', algorithm: '', at: T(0) });
    expect(roiProvenance(windows).roiInput.generationDescription).toBe('imported from RS.1.2.dcm');
  });

  it('keeps at least 12 digits of the hash for a long model id', () => {
    const long = aiDraft('a');
    const s: StructureReview = { ...long, origin: { kind: 'model', model: { ...MODEL, id: 'x'.repeat(80) } } };
    const text = generationDescription({ ...s, humanEdited: true });
    expect(text).toHaveLength(64);
    expect(text).toMatch(/^edited from x+ 1\.0\.0 sha256:[0-9a-f]{12}$/);
  });

  it('shortens a long comment, never the record, to fit ROI Description', () => {
    const opened = open(aiDraft('a'), PHYSICIAN, 1);
    const rejected = applyReviewAction(opened, { type: 'reject', by: PHYSICIAN, at: T(2), comment: 'é'.repeat(2000) });
    const text = roiProvenance(rejected, 'own words').roiInput.description;
    expect([...text].length).toBeLessThanOrEqual(ROI_DESCRIPTION_MAX_CHARS);
    expect(text.startsWith('own words\nDelineate review: REJECTED revision 1 by Marie Curie (physician)')).toBe(true);
  });
});

describe('Approval module (PS3.3 C.8.8.16)', () => {
  const brain = approve(aiDraft('brain'), PHYSICIAN, 1);
  const stem = approve(aiDraft('stem'), DOSIMETRIST, 10);

  it('is APPROVED only when every structure is approved, signed by the approval that completed the set', () => {
    const { status, attributes } = approvalModule([brain, stem]);
    expect(status).toBe('APPROVED');
    const { date, time } = dicomDateTime(new Date(T(11)));
    expect(attributes).toEqual({ ApprovalStatus: 'APPROVED', ReviewDate: date, ReviewTime: time, ReviewerName: 'Roe^John' });
  });

  it('is UNAPPROVED, without reviewer, while any structure is a draft — however many are approved', () => {
    expect(approvalModule([brain, stem, aiDraft('x')])).toEqual({ status: 'UNAPPROVED', attributes: { ApprovalStatus: 'UNAPPROVED' } });
    expect(approvalModule([brain, edit(aiDraft('y'), PHYSICIAN, 3)]).status).toBe('UNAPPROVED');
    expect(approvalModule([]).status).toBe('UNAPPROVED');
  });

  it('is REJECTED when any structure was rejected, signed by that rejection', () => {
    const rejected = applyReviewAction(open(aiDraft('z'), PHYSICIAN, 20), { type: 'reject', by: PHYSICIAN, at: T(21), comment: 'leaks into bone' });
    const { status, attributes } = approvalModule([brain, stem, rejected]);
    expect(status).toBe('REJECTED');
    expect(attributes).toMatchObject({ ApprovalStatus: 'REJECTED', ReviewerName: 'Curie^Marie', ReviewDate: dicomDateTime(new Date(T(21))).date });
  });
});

describe('provenance in an RT Structure Set file', () => {
  function writeAndRead(structures: StructureReview[]) {
    const { volume } = axialGrid();
    const [nx, ny, nz] = volume.dims;
    const prov = structureSetProvenance(structures, { ptv: 'boost' });
    const rois: RoiInput[] = structures.map((s, n) => {
      const mask = new Uint8Array(nx * ny * nz);
      for (let k = 5; k < 10; k++) for (let j = 5 + 6 * n; j < 9 + 6 * n; j++) for (let i = 5; i < 12; i++) mask[i + nx * (j + ny * k)] = 1;
      return { number: n + 1, name: s.name, mask, interpretedType: 'ORGAN', ...prov.rois.get(s.id)!.roiInput };
    });
    const file = join(tempDir('provenance-'), 'RS.dcm');
    writeRtStructFile(file, volume, syntheticReference(), rois, { extraAttributes: prov.extraAttributes, now: new Date(T(30)) });
    return { file, read: readProvenance(readDicomFile(file).dataset) };
  }

  it('reads back every record, the models and the approval; dciodvfy finds no error', () => {
    const structures = [aiDraft('brain', 'Brain'), edit(aiDraft('stem', 'Brainstem'), DOSIMETRIST, 2), approve(aiDraft('hip', 'Hippocampus_L'), PHYSICIAN, 3), drawn('ptv', 'PTV')];
    const { file, read } = writeAndRead(structures);
    const verdict = dciodvfy(file);
    expect(verdict.errors, verdict.output).toEqual([]);
    expect(read.approval).toEqual({ status: 'UNAPPROVED', reviewerName: '', reviewDate: '', reviewTime: '' });
    expect(read.models).toEqual([MODEL]);
    expect(read.problems).toEqual([]);
    expect(read.rois.map((r) => [r.name, r.generationAlgorithm, r.record?.state, r.interpreter])).toEqual([
      ['Brain', 'AUTOMATIC', 'ai-draft', ''],
      ['Brainstem', 'SEMIAUTOMATIC', 'edited', ''],
      ['Hippocampus_L', 'AUTOMATIC', 'approved', 'Curie^Marie'],
      ['PTV', 'MANUAL', 'edited', ''],
    ]);
    read.rois.forEach((r, n) => expect(r.record).toEqual(reviewRecordOf(structures[n]!)));
    expect(read.rois.map((r) => r.model)).toEqual([MODEL, MODEL, MODEL, undefined]);
    expect(read.rois[3]!.description).toBe('boost');
  });

  it('reads back an APPROVED set with its reviewer', () => {
    const { file, read } = writeAndRead([approve(aiDraft('brain', 'Brain'), PHYSICIAN, 1), approve(drawn('ptv', 'PTV'), PHYSICIAN, 5)]);
    expect(dciodvfy(file).errors).toEqual([]);
    const { date, time } = dicomDateTime(new Date(T(6)));
    expect(read.approval).toEqual({ status: 'APPROVED', reviewerName: 'Curie^Marie', reviewDate: date, reviewTime: time });
    expect(read.problems).toEqual([]);
  });

  it('reports a file whose claims contradict its records', () => {
    const s = aiDraft('brain', 'Brain');
    const p = roiProvenance(s);
    const forged = {
      ApprovalStatus: 'APPROVED', ReviewerName: 'Someone', ReviewDate: '20250304', ReviewTime: '100000',
      StructureSetROISequence: [{ ROINumber: 1, ROIName: 'Brain', ...p.structureSetRoi, ROIGenerationAlgorithm: 'MANUAL' }],
    };
    expect(readProvenance(forged).problems).toEqual([
      "ROI 1 'Brain': the structure set says APPROVED but this ROI's review record says ai-draft",
      "ROI 1 'Brain': ROI Generation Algorithm is MANUAL but the review record says AUTOMATIC",
    ]);
  });

  it('recovers the model from ROI Generation Description and Contributing Equipment when the record is gone', () => {
    const p = roiProvenance(aiDraft('brain', 'Brain'));
    const prov = structureSetProvenance([aiDraft('brain', 'Brain')]);
    const read = readProvenance({ ...prov.extraAttributes, StructureSetROISequence: [{ ROINumber: 1, ROIName: 'Brain', ...p.structureSetRoi, ROIDescription: '' }] });
    expect(read.rois[0]).toMatchObject({ record: undefined, model: MODEL });
  });
});
