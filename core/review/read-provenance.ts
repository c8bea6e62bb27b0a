import type { Dataset } from '../dicom/dcmjs.js';
import { integer, items, text } from '../rt/dataset-values.js';
import { importedAlgorithm, ownDescription, parseReviewRecord, type ReviewRecord } from './review-record.js';
import type { ModelIdentity } from './review-types.js';

export interface ReadRoiProvenance {
  readonly number: number | undefined;
  readonly name: string;
  readonly generationAlgorithm: string;
  readonly generationDescription: string;
  readonly interpreter: string;
  /** ROI Description without the lines we added. */
  readonly description: string;
  /** Our review record, when the ROI carries one. */
  readonly record: ReviewRecord | undefined;
  /**
   * The drafting model: from the record, else from ROI Generation Description completed by a
   * Contributing Equipment item whose hash starts with the prefix there, else with the prefix only.
   */
  readonly model: ModelIdentity | undefined;
}

export interface ReadProvenance {
  /** Approval module (PS3.3 C.8.8.16); status '' when the file has none (treat as not approved). */
  readonly approval: { readonly status: string; readonly reviewerName: string; readonly reviewDate: string; readonly reviewTime: string };
  /** The models named by Contributing Equipment items we wrote. */
  readonly models: readonly ModelIdentity[];
  readonly rois: readonly ReadRoiProvenance[];
  /** Contradictions between what the file claims and what its own records say. */
  readonly problems: readonly string[];
}

const CONTRIBUTION = /^auto-contouring model (\S+) version (\S+) weights sha256:([0-9a-f]{64})$/;
const GENERATION = /^(edited from )?(\S+) (\S+) sha256:([0-9a-f]{1,64})$/;

/** Read the provenance and review record back from a naturalized RT Structure Set dataset. */
export function readProvenance(dataset: Dataset): ReadProvenance {
  const problems: string[] = [];
  const models = items(dataset, 'ContributingEquipmentSequence').flatMap((item) => {
    const m = CONTRIBUTION.exec(text(item, 'ContributionDescription'));
    return m ? [{ id: m[1]!, version: m[2]!, weightsSha256: m[3]! }] : [];
  });
  const interpreters = new Map<number, string>();
  for (const o of items(dataset, 'RTROIObservationsSequence')) {
    const n = integer(o, 'ReferencedROINumber');
    if (n !== undefined && !interpreters.has(n)) interpreters.set(n, text(o, 'ROIInterpreter'));
  }
  const rois = items(dataset, 'StructureSetROISequence').map((item): ReadRoiProvenance => {
    const number = integer(item, 'ROINumber');
    const fullDescription = typeof item['ROIDescription'] === 'string' ? item['ROIDescription'] : text(item, 'ROIDescription');
    const record = parseReviewRecord(fullDescription);
    const generationAlgorithm = text(item, 'ROIGenerationAlgorithm');
    const generationDescription = text(item, 'ROIGenerationDescription');
    return {
      number,
      name: text(item, 'ROIName'),
      generationAlgorithm,
      generationDescription,
      interpreter: number === undefined ? '' : (interpreters.get(number) ?? ''),
      description: ownDescription(fullDescription).trim(),
      record,
      model: record?.model ?? modelFromGeneration(generationDescription, models),
    };
  });

  const approval = {
    status: text(dataset, 'ApprovalStatus').toUpperCase(),
    reviewerName: text(dataset, 'ReviewerName'),
    reviewDate: text(dataset, 'ReviewDate'),
    reviewTime: text(dataset, 'ReviewTime'),
  };
  if ((approval.status === 'APPROVED' || approval.status === 'REJECTED') && (approval.reviewerName === '' || approval.reviewDate === '')) {
    problems.push(`the structure set is ${approval.status} but names no reviewer or review date`);
  }
  for (const roi of rois) {
    const label = `ROI ${roi.number ?? '?'} '${roi.name}'`;
    if (roi.record === undefined) continue;
    if (approval.status === 'APPROVED' && roi.record.state !== 'approved') {
      problems.push(`${label}: the structure set says APPROVED but this ROI's review record says ${roi.record.state}`);
    }
    const r = roi.record;
    const expected = r.origin === 'manual' ? 'MANUAL' : r.origin === 'assisted' ? 'SEMIAUTOMATIC' : r.origin === 'imported' ? importedAlgorithm(asAlgorithm(r.importedAlgorithm), r.humanEdited) : r.humanEdited ? 'SEMIAUTOMATIC' : 'AUTOMATIC';
    if (roi.generationAlgorithm !== expected) {
      problems.push(`${label}: ROI Generation Algorithm is ${roi.generationAlgorithm || 'missing'} but the review record says ${expected || 'none'}`);
    }
    if (roi.record.state === 'approved' && roi.interpreter === '') problems.push(`${label}: approved in its record but names no ROI Interpreter`);
    const m = roi.record.model;
    if (m && models.length > 0 && !models.some((x) => x.weightsSha256 === m.weightsSha256)) {
      problems.push(`${label}: model ${m.id} ${m.version} is not among the Contributing Equipment`);
    }
  }
  return { approval, models, rois, problems };
}

function modelFromGeneration(description: string, models: readonly ModelIdentity[]): ModelIdentity | undefined {
  const m = GENERATION.exec(description);
  if (!m) return undefined;
  const [, , id, version, prefix] = m as unknown as [string, string | undefined, string, string, string];
  return models.find((x) => x.weightsSha256.startsWith(prefix) && x.version === version) ?? { id, version, weightsSha256: prefix };
}

function asAlgorithm(value: string | undefined): 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | '' {
  return value === 'AUTOMATIC' || value === 'SEMIAUTOMATIC' || value === 'MANUAL' ? value : '';
}
