import { displayPersonName } from '../api/person-name.js';
import { ReviewError } from './review-error.js';
import type { Reviewer, ReviewActionType, StructureReview } from './review-types.js';
import { applyReviewAction, DEFAULT_REVIEW_POLICY, hasLookedAt, isLocked, type ReviewPolicy } from './structure-state.js';

export interface ReviewSettings extends ReviewPolicy {
  /**
   * Sequential reading (default ON): AI drafts stay hidden until the reviewer has recorded a first
   * look at the images of their series, so the reviewer forms an own impression before seeing the
   * model's — the reading order used against automation bias in AI-assisted reading. Off
   * (concurrent reading) shows them at once.
   */
  readonly sequentialReading: boolean;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { ...DEFAULT_REVIEW_POLICY, sequentialReading: true };

/** A reviewer's recorded first look at a series' images, before any AI draft on it. */
export interface ImageLook {
  readonly seriesUid: string;
  readonly by: Reviewer;
  readonly at: string;
}

/** One reviewer at the workstation, the structures under review and what that reviewer has looked at. */
export interface ReviewSession {
  readonly reviewer: Reviewer;
  readonly settings: ReviewSettings;
  readonly structures: readonly StructureReview[];
  readonly imageLooks: readonly ImageLook[];
}

export function createReviewSession(
  reviewer: Reviewer, structures: readonly StructureReview[], settings: Partial<ReviewSettings> = {}, imageLooks: readonly ImageLook[] = [],
): ReviewSession {
  const ids = new Set<string>();
  for (const s of structures) {
    if (ids.has(s.id)) throw new TypeError(`structure id ${s.id} is used twice`);
    ids.add(s.id);
  }
  return { reviewer, settings: { ...DEFAULT_REVIEW_SETTINGS, ...settings }, structures: [...structures], imageLooks: [...imageLooks] };
}

/** Record that the session's reviewer has looked at the images of a series (sequential reading). */
export function recordImageLook(session: ReviewSession, seriesUid: string, at: string): ReviewSession {
  if (Number.isNaN(Date.parse(at))) throw new TypeError(`'${at}' is not an ISO 8601 date-time`);
  return { ...session, imageLooks: [...session.imageLooks, { seriesUid, by: session.reviewer, at }] };
}

export function hasLookedAtImages(session: ReviewSession, seriesUid: string): boolean {
  return session.imageLooks.some((l) => l.seriesUid === seriesUid && l.by.name === session.reviewer.name);
}

/**
 * Whether sequential reading hides a structure from this session's reviewer. Every model-drafted
 * structure is hidden, not only untouched ones: an edited AI contour still carries the model's
 * suggestion, which is what the reading order keeps from the reviewer's first impression.
 */
export function isHidden(session: ReviewSession, structure: StructureReview): boolean {
  return session.settings.sequentialReading && isMachineDrafted(structure) && !hasLookedAtImages(session, structure.seriesUid);
}

/** A model's output: ours, or an imported ROI its file calls AUTOMATIC or SEMIAUTOMATIC (another system's AI). */
export function isMachineDrafted(structure: StructureReview): boolean {
  const o = structure.origin;
  return o.kind === 'model' || (o.kind === 'imported' && (o.algorithm === 'AUTOMATIC' || o.algorithm === 'SEMIAUTOMATIC'));
}

/** The structures the reviewer may see now, in session order. */
export function visibleStructures(session: ReviewSession): StructureReview[] {
  return session.structures.filter((s) => !isHidden(session, s));
}

export function findStructure(session: ReviewSession, id: string): StructureReview {
  const found = session.structures.find((s) => s.id === id);
  if (!found) throw new ReviewError('unknown', `no structure ${id} in this review`, [id]);
  return found;
}

/** Record the reviewer's first look at a structure's draft: what approval requires. */
export function openStructure(session: ReviewSession, id: string, at: string): ReviewSession {
  return act(session, id, 'open', at);
}

export function editStructure(session: ReviewSession, id: string, at: string, comment?: string): ReviewSession {
  return act(session, id, 'edit', at, comment);
}

/** Approve one structure: an explicit act on that structure, after the reviewer has opened it. */
export function approveStructure(session: ReviewSession, id: string, at: string, comment?: string): ReviewSession {
  return act(session, id, 'approve', at, comment);
}

export function rejectStructure(session: ReviewSession, id: string, at: string, comment: string): ReviewSession {
  return act(session, id, 'reject', at, comment);
}

/** Reopen an approved or rejected structure as a draft with the next revision number. */
export function newRevision(session: ReviewSession, id: string, at: string, comment?: string): ReviewSession {
  return act(session, id, 'new-revision', at, comment);
}

/**
 * Approve several structures in one step — each still recorded as its own approval event. All or
 * nothing: if any listed structure is hidden, undecided-but-unopened by this reviewer, already
 * decided, or unknown, nothing is approved and the ReviewError lists every refused structure. A
 * "select all, approve" therefore cannot sign a draft the reviewer never opened.
 */
export function approveStructures(session: ReviewSession, ids: readonly string[], at: string, comment?: string): ReviewSession {
  if (new Set(ids).size !== ids.length) throw new ReviewError('invalid', 'a structure is listed twice for approval', ids);
  const refused: { id: string; reason: string; code: 'unknown' | 'hidden' | 'locked' | 'not-reviewed' }[] = [];
  for (const id of ids) {
    const s = session.structures.find((x) => x.id === id);
    if (!s) refused.push({ id, code: 'unknown', reason: 'no such structure' });
    else if (isHidden(session, s)) refused.push({ id, code: 'hidden', reason: `'${s.name}' is hidden until the images of its series have been viewed` });
    else if (isLocked(s)) refused.push({ id, code: 'locked', reason: `'${s.name}' is already ${s.state}` });
    else if (!hasLookedAt(s, session.reviewer)) refused.push({ id, code: 'not-reviewed', reason: `'${s.name}' (${s.state}) has not been opened by ${displayPersonName(session.reviewer.name)}` });
  }
  if (refused.length > 0) {
    const code = refused.some((r) => r.code === 'not-reviewed') ? 'not-reviewed' : refused[0]!.code;
    throw new ReviewError(
      code,
      `nothing was approved: ${refused.length} of ${ids.length} structure(s) cannot be approved — ${refused.map((r) => r.reason).join('; ')}`,
      refused.map((r) => r.id),
    );
  }
  return ids.reduce((s, id) => act(s, id, 'approve', at, comment), session);
}

function act(session: ReviewSession, id: string, type: ReviewActionType, at: string, comment?: string): ReviewSession {
  const structure = findStructure(session, id);
  if (isHidden(session, structure)) {
    throw new ReviewError('hidden', `'${structure.name}' (${id}) is an AI draft hidden by sequential reading: view the images of series ${structure.seriesUid} first`, [id]);
  }
  const next = applyReviewAction(structure, { type, by: session.reviewer, at, ...(comment !== undefined ? { comment } : {}) }, session.settings);
  return { ...session, structures: session.structures.map((s) => (s.id === id ? next : s)) };
}
