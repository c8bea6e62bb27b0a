import { displayPersonName } from '../api/person-name.js';
import { ReviewError } from './review-error.js';
import {
  REVIEWER_ROLES, type ModelIdentity, type Reviewer, type ReviewerRole, type ReviewAction, type ReviewEvent, type ReviewState, type StructureReview,
} from './review-types.js';

/** Which roles may approve or reject. Clinics differ (some let dosimetrists approve organs at risk). */
export interface ReviewPolicy {
  readonly approverRoles: readonly ReviewerRole[];
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { approverRoles: REVIEWER_ROLES };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A structure as the model produced it: revision 1, an AI draft, nothing human about it yet. */
export function createAiDraft(input: { id: string; name: string; seriesUid: string; model: ModelIdentity; at: string }): StructureReview {
  const { id, name, seriesUid, model, at } = input;
  if (!SHA256_HEX.test(model.weightsSha256)) {
    // The weights hash is what makes the provenance checkable; a structure without it cannot say which model drew it.
    throw new TypeError(`structure ${id}: model ${model.id} needs weightsSha256 as 64 lower-case hex digits, got '${model.weightsSha256}'`);
  }
  if (model.id.trim() === '' || model.version.trim() === '') throw new TypeError(`structure ${id}: the model needs an id and a version`);
  return base(id, name, seriesUid, { kind: 'model', model: { ...model } }, checkTime(at), 'ai-draft', false);
}

/** A structure a person drew: human from the start, so a draft in the 'edited' state. */
export function createDrawnStructure(input: { id: string; name: string; seriesUid: string; drawnBy: Reviewer; at: string }): StructureReview {
  const { id, name, seriesUid, drawnBy, at } = input;
  checkReviewer(drawnBy);
  return base(id, name, seriesUid, { kind: 'manual', drawnBy: { ...drawnBy } }, checkTime(at), 'edited', true);
}

/** A structure computed by a tool a person ran (a rule, one-click lesion growing): a draft, human-directed. */
export function createAssistedStructure(input: { id: string; name: string; seriesUid: string; tool: string; by: Reviewer; at: string }): StructureReview {
  const { id, name, seriesUid, tool, by, at } = input;
  checkReviewer(by);
  return base(id, name, seriesUid, { kind: 'assisted', tool, by: { ...by } }, checkTime(at), 'edited', true);
}

/**
 * A structure read from an RT Structure Set. One its file calls AUTOMATIC is machine output no one
 * here has changed, so it starts as an AI draft; any other starts as a draft to review.
 */
export function createImportedStructure(input: { id: string; name: string; seriesUid: string; file: string; algorithm: string; at: string }): StructureReview {
  const { id, name, seriesUid, file, at } = input;
  const algorithm = input.algorithm === 'AUTOMATIC' || input.algorithm === 'SEMIAUTOMATIC' || input.algorithm === 'MANUAL' ? input.algorithm : '';
  return base(id, name, seriesUid, { kind: 'imported', file, algorithm }, checkTime(at), algorithm === 'AUTOMATIC' ? 'ai-draft' : 'edited', algorithm !== 'AUTOMATIC');
}

function base(id: string, name: string, seriesUid: string, origin: StructureReview['origin'], createdAt: string, state: ReviewState, humanEdited: boolean): StructureReview {
  if (id.trim() === '') throw new TypeError('a structure needs an id');
  return { id, name, seriesUid, origin, createdAt, state, revision: 1, humanEdited, history: [] };
}

/** Approved and rejected are decisions: the contour is frozen until a new revision reopens it. */
export function isLocked(structure: StructureReview): boolean {
  return structure.state === 'approved' || structure.state === 'rejected';
}

/** The draft state a structure returns to on a new revision: still the model's own output, or not. */
export function draftState(structure: StructureReview): 'ai-draft' | 'edited' {
  return structure.humanEdited ? 'edited' : 'ai-draft';
}

/** The approve/reject event behind the current state, when the structure is decided. */
export function currentDecision(structure: StructureReview): ReviewEvent | undefined {
  if (!isLocked(structure)) return undefined;
  return structure.history.findLast((e) => e.revision === structure.revision && (e.type === 'approve' || e.type === 'reject'));
}

/** Every approval ever given, old revisions included: a new revision never erases one. */
export function approvalHistory(structure: StructureReview): ReviewEvent[] {
  return structure.history.filter((e) => e.type === 'approve');
}

/**
 * Whether `reviewer` has recorded a look at the current content: an 'open' event, or an edit of their
 * own (nobody edits a contour without looking at it), in the current revision and after the last
 * edit by anyone else. A look at an earlier revision, or before a colleague changed the contour, is a
 * look at a different contour and does not count.
 */
export function hasLookedAt(structure: StructureReview, reviewer: Reviewer): boolean {
  for (let n = structure.history.length - 1; n >= 0; n--) {
    const e = structure.history[n]!;
    if (e.revision !== structure.revision) return false;
    const mine = e.by.name === reviewer.name;
    if (mine && (e.type === 'open' || e.type === 'edit')) return true;
    if (!mine && e.type === 'edit') return false;
  }
  return false;
}

/**
 * The state machine. Returns the structure after `action`, with the action appended to its history,
 * or throws ReviewError naming the structure and why:
 *
 * | from \ action | open | edit   | approve           | reject            | new-revision        |
 * |---------------|------|--------|-------------------|-------------------|---------------------|
 * | ai-draft      | same | edited | approved (looked) | rejected (looked) | refused             |
 * | edited        | same | edited | approved (looked) | rejected (looked) | refused             |
 *
 * An edit that leaves a model's structure exactly as the model drafted it (restoresModelDraft)
 * goes to ai-draft instead: the contour is the model's output again, and nobody's edit.
 * | approved      | same | LOCKED | refused           | LOCKED            | draft, revision + 1 |
 * | rejected      | same | LOCKED | LOCKED            | refused           | draft, revision + 1 |
 */
export function applyReviewAction(structure: StructureReview, action: ReviewAction, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): StructureReview {
  checkReviewer(action.by);
  const at = checkTime(action.at);
  const label = `'${structure.name}' (${structure.id})`;
  const refuse = (code: ConstructorParameters<typeof ReviewError>[0], message: string): never => {
    throw new ReviewError(code, `${label}: ${message}`, [structure.id]);
  };
  let to: ReviewState = structure.state;
  let revision = structure.revision;
  let humanEdited = structure.humanEdited;
  switch (action.type) {
    case 'open':
      break;
    case 'edit': {
      if (isLocked(structure)) refuse('locked', `${lockedBecause(structure)}; create a new revision to change it`);
      // Back to the model's exact output: it is the model's contour again, and nobody's edit.
      const restored = action.restoresModelDraft === true && structure.origin.kind === 'model';
      to = restored ? 'ai-draft' : 'edited';
      humanEdited = !restored;
      break;
    }
    case 'approve':
    case 'reject': {
      const verb = action.type === 'approve' ? 'approve' : 'reject';
      if (isLocked(structure)) {
        refuse(structure.state === (action.type === 'approve' ? 'approved' : 'rejected') ? 'invalid' : 'locked', `cannot ${verb}: ${lockedBecause(structure)}; create a new revision first`);
      }
      if (!policy.approverRoles.includes(action.by.role)) {
        refuse('role', `${displayPersonName(action.by.name)} (${action.by.role}) may not ${verb} structures: this clinic's settings allow ${policy.approverRoles.join(', ')}`);
      }
      if (!hasLookedAt(structure, action.by)) {
        refuse('not-reviewed', `${displayPersonName(action.by.name)} has not opened revision ${structure.revision} of this ${structure.state === 'ai-draft' ? 'AI draft' : 'draft'} since it last changed; it must be reviewed before it can be ${verb}d`);
      }
      if (action.type === 'reject' && (action.comment ?? '').trim() === '') refuse('invalid', 'a rejection needs a comment saying why');
      to = action.type === 'approve' ? 'approved' : 'rejected';
      break;
    }
    case 'new-revision':
      if (!isLocked(structure)) refuse('invalid', `it is already a draft (${structure.state}) and can be edited as it is`);
      to = draftState(structure);
      revision += 1;
      break;
    default:
      refuse('invalid', `unknown review action '${String((action as { type: unknown }).type)}'`);
  }
  const event: ReviewEvent = {
    type: action.type,
    by: { name: action.by.name, role: action.by.role },
    at,
    ...(action.comment !== undefined && action.comment !== '' ? { comment: action.comment } : {}),
    revision,
    from: structure.state,
    to,
  };
  return { ...structure, state: to, revision, humanEdited, history: [...structure.history, event] };
}

function lockedBecause(structure: StructureReview): string {
  const decision = currentDecision(structure);
  const who = decision ? ` by ${displayPersonName(decision.by.name)} (${decision.by.role}) at ${decision.at}` : '';
  return `revision ${structure.revision} is ${structure.state}${who} and locked`;
}

function checkReviewer(reviewer: Reviewer): void {
  // Checked at run time too: reviewers arrive over IPC and from stored records, not only from typed code.
  if (typeof reviewer.name !== 'string' || reviewer.name.trim() === '') throw new TypeError('a reviewer needs a name');
  if (!(REVIEWER_ROLES as readonly string[]).includes(reviewer.role)) throw new TypeError(`unknown reviewer role '${String(reviewer.role)}'`);
}

function checkTime(at: string): string {
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new TypeError(`'${String(at)}' is not an ISO 8601 date-time`);
  return at;
}
