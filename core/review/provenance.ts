import { dicomPersonName, displayPersonName } from '../api/person-name.js';
import type { Dataset } from '../dicom/dcmjs.js';
import { loValue, type RoiInput } from '../rt/roi-input.js';
import type { RoiGenerationAlgorithm } from '../rt/rt-types.js';
import { dicomDateTime } from '../rt/text-values.js';
import { importedAlgorithm, reviewRecordOf, roiDescriptionWithRecord } from './review-record.js';
import type { ModelIdentity, Reviewer, ReviewEvent, StructureReview } from './review-types.js';
import { currentDecision } from './structure-state.js';

export { readProvenance, type ReadProvenance, type ReadRoiProvenance } from './read-provenance.js';

/** Approval Status (300E,0002) defined terms, PS3.3 C.8.8.16. */
export type ApprovalStatus = 'APPROVED' | 'UNAPPROVED' | 'REJECTED';

/** What the RT Structure Set must say about one structure, by DICOM keyword and in RoiInput's terms. */
export interface RoiProvenance {
  /** For the Structure Set ROI Sequence item (PS3.3 C.8.8.5). */
  readonly structureSetRoi: {
    readonly ROIGenerationAlgorithm: RoiGenerationAlgorithm | '';
    readonly ROIGenerationDescription: string;
    readonly ROIDescription: string;
  };
  /** For the RT ROI Observations Sequence item (PS3.3 C.8.8.8). */
  readonly observation: { readonly ROIInterpreter: string };
  /** The same values in the fields write-rtstruct.ts's RoiInput takes today: spread into the input. */
  readonly roiInput: Required<Pick<RoiInput, 'generationAlgorithm' | 'generationDescription' | 'description' | 'interpreter'>>;
}

export interface StructureSetProvenance {
  /** Top-level attributes for RtStructWriteOptions.extraAttributes: the Approval module and Contributing Equipment. */
  readonly extraAttributes: Dataset;
  readonly approvalStatus: ApprovalStatus;
  /** By structure id. */
  readonly rois: ReadonlyMap<string, RoiProvenance>;
}

/**
 * ROI Generation Algorithm (3006,0036), PS3.3 C.8.8.5: AUTOMATIC = "calculated ROI" — the model's
 * output untouched by a person; SEMIAUTOMATIC = "ROI calculated with user assistance" — a model
 * draft a person edited, in any revision; MANUAL = "user-entered ROI" — drawn by a person.
 */
export function generationAlgorithm(structure: StructureReview): RoiGenerationAlgorithm | '' {
  if (structure.origin.kind === 'manual') return 'MANUAL';
  if (structure.origin.kind === 'assisted') return 'SEMIAUTOMATIC';
  if (structure.origin.kind === 'imported') return importedAlgorithm(structure.origin.algorithm, structure.humanEdited);
  return structure.humanEdited ? 'SEMIAUTOMATIC' : 'AUTOMATIC';
}

/** Shortest weights-hash prefix kept in ROI Generation Description: 48 bits, unique among any plausible set of models. */
const MIN_SHA_PREFIX = 12;

/**
 * ROI Generation Description (3006,0038) is LO: 64 characters (PS3.5 table 6.2-1), too short for an
 * id, a version and a 64-digit sha256. It names the model and as much of the hash as fits (at least
 * 12 digits); the full hash is in the review record (ROI Description) and in the Contributing
 * Equipment Sequence.
 */
export function generationDescription(structure: StructureReview): string {
  if (structure.origin.kind === 'manual') return loValue(`drawn by ${displayPersonName(structure.origin.drawnBy.name)}`).value;
  if (structure.origin.kind === 'assisted') return loValue(structure.origin.tool).value;
  if (structure.origin.kind === 'imported') {
    // The file by its name only: a folder path on this workstation means nothing in a planning
    // system, says where the user keeps data, and would crowd out the rest of 64 characters.
    // 'edited' only when someone here changed the contour, not merely because a person made it.
    const file = structure.origin.file.split(/[\\/]/).pop() ?? structure.origin.file;
    const edited = structure.history.some((e) => e.type === 'edit');
    return loValue(`${edited ? 'edited here, ' : ''}imported from ${file}`).value;
  }
  const { id, version, weightsSha256 } = structure.origin.model;
  const lead = structure.humanEdited ? 'edited from ' : '';
  const tail = ` ${version} sha256:`;
  const fullLength = lead.length + id.length + tail.length + weightsSha256.length;
  const clippedId = fullLength <= 64 ? id : [...id].slice(0, Math.max(1, 64 - lead.length - tail.length - MIN_SHA_PREFIX)).join('');
  const room = 64 - lead.length - [...clippedId].length - tail.length;
  return loValue(`${lead}${clippedId}${tail}${weightsSha256.slice(0, Math.max(0, room))}`).value;
}

export function roiProvenance(structure: StructureReview, ownDescription = ''): RoiProvenance {
  const algorithm = generationAlgorithm(structure);
  const description = generationDescription(structure);
  const roiDescription = roiDescriptionWithRecord(reviewRecordOf(structure), ownDescription);
  // ROI Interpreter (3006,00A6), "name of person performing the interpretation", carries the approver
  // only: an unapproved or rejected ROI names nobody, so no name can be read as a sign-off.
  const decision = currentDecision(structure);
  const interpreter = structure.state === 'approved' && decision ? personName(decision.by) : '';
  return {
    structureSetRoi: { ROIGenerationAlgorithm: algorithm, ROIGenerationDescription: description, ROIDescription: roiDescription },
    observation: { ROIInterpreter: interpreter },
    roiInput: { generationAlgorithm: algorithm, generationDescription: description, description: roiDescription, interpreter },
  };
}

/**
 * The structure-set Approval module (PS3.3 C.8.8.16) for the structures being exported.
 *
 * - APPROVED only when the set is not empty and EVERY structure in it is approved. Reviewer Name and
 *   Review Date/Time (type 2C, required for APPROVED or REJECTED) come from the approval that
 *   completed the set — the latest one; each ROI's own approver is in its ROI Interpreter and record.
 * - REJECTED when any exported structure's current revision was rejected. The standard's meaning,
 *   "reviewer recorded that object failed to meet an implied criterion", is then true of the object:
 *   it contains a contour a person judged unfit, and a planning system that honours the status must
 *   not use the set as it stands. UNAPPROVED would instead suggest nobody had looked.
 * - UNAPPROVED otherwise ("no review of object has been recorded" for the set as a whole): any AI
 *   draft or unapproved edit keeps the whole set unapproved, so approval of part of a set is never
 *   reported as approval of the set. Review attributes are then left out (their condition is unmet).
 */
export function approvalModule(structures: readonly StructureReview[]): { status: ApprovalStatus; attributes: Dataset } {
  const decisions = structures.map((s) => ({ s, d: currentDecision(s) }));
  const rejections = decisions.filter(({ s }) => s.state === 'rejected');
  if (rejections.length > 0) return { status: 'REJECTED', attributes: reviewAttributes('REJECTED', latest(rejections.map((r) => r.d))) };
  if (structures.length > 0 && structures.every((s) => s.state === 'approved')) {
    return { status: 'APPROVED', attributes: reviewAttributes('APPROVED', latest(decisions.map((r) => r.d))) };
  }
  return { status: 'UNAPPROVED', attributes: { ApprovalStatus: 'UNAPPROVED' } };
}

/**
 * One Contributing Equipment item (SOP Common module, PS3.3 C.12.1) per model that drafted any of
 * the structures, so the full weights hash travels with the file: purpose (109102, DCM, "Processing
 * Equipment"), the model id as Manufacturer's Model Name, its version as Software Versions, and the
 * hash in Contribution Description (ST; Software Versions is LO, too short for "sha256:" + 64 digits).
 */
export function contributingEquipment(structures: readonly StructureReview[]): Dataset[] {
  const models = new Map<string, ModelIdentity>();
  for (const s of structures) {
    if (s.origin.kind === 'model') models.set(`${s.origin.model.id}\u0000${s.origin.model.version}\u0000${s.origin.model.weightsSha256}`, s.origin.model);
  }
  return [...models.values()].map((model) => ({
    PurposeOfReferenceCodeSequence: [{ CodeValue: '109102', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Processing Equipment' }],
    Manufacturer: 'Delineate',
    ManufacturerModelName: loValue(model.id).value,
    SoftwareVersions: loValue(model.version).value,
    ContributionDescription: modelContribution(model),
  }));
}

/** "auto-contouring model ID version V weights sha256:HEX" — parsed back by read-provenance.ts. */
export function modelContribution(model: ModelIdentity): string {
  return `auto-contouring model ${model.id} version ${model.version} weights sha256:${model.weightsSha256}`;
}

/** Everything the RTSTRUCT writer needs to say about review and provenance for these structures. */
export function structureSetProvenance(structures: readonly StructureReview[], ownDescriptions: Readonly<Record<string, string>> = {}): StructureSetProvenance {
  const approval = approvalModule(structures);
  const equipment = contributingEquipment(structures);
  return {
    approvalStatus: approval.status,
    extraAttributes: { ...approval.attributes, ...(equipment.length > 0 ? { ContributingEquipmentSequence: equipment } : {}) },
    rois: new Map(structures.map((s) => [s.id, roiProvenance(s, ownDescriptions[s.id] ?? '')])),
  };
}

/** The reviewer's name as a PN value (PS3.5 6.2); see dicomPersonName. */
export function personName(reviewer: Reviewer): string {
  return dicomPersonName(reviewer.name);
}

function reviewAttributes(status: 'APPROVED' | 'REJECTED', decision: ReviewEvent | undefined): Dataset {
  if (!decision) throw new Error(`internal error: ${status} without a recorded decision`);
  const { date, time } = dicomDateTime(new Date(decision.at));
  return { ApprovalStatus: status, ReviewDate: date, ReviewTime: time, ReviewerName: personName(decision.by) };
}

function latest(events: readonly (ReviewEvent | undefined)[]): ReviewEvent | undefined {
  let best: ReviewEvent | undefined;
  for (const e of events) if (e && (!best || Date.parse(e.at) >= Date.parse(best.at))) best = e;
  return best;
}
