import { displayPersonName } from '../api/person-name.js';
import { REVIEW_STATES, REVIEWER_ROLES, type ModelIdentity, type Reviewer, type ReviewState, type StructureReview } from './review-types.js';
import { currentDecision } from './structure-state.js';

type Algorithm = 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL';

/**
 * The review record of one structure as it travels inside the RT Structure Set, without private
 * tags: two lines appended to ROI Description (3006,0028), a Short Text of up to 1024 characters
 * (PS3.5 table 6.2-1) — a human-readable summary, then a machine-readable line
 * `delineate-review/1 {json}`. ROI Description is the only free-text attribute of a Structure Set
 * ROI Sequence item that write-rtstruct.ts passes through, and a planning system shows it beside
 * the ROI, so a reader there also sees "AI DRAFT, NOT APPROVED" rather than a bare name.
 */
export interface ReviewRecord {
  readonly state: ReviewState;
  readonly revision: number;
  readonly origin: 'model' | 'manual' | 'imported' | 'assisted';
  readonly humanEdited: boolean;
  readonly model?: ModelIdentity;
  readonly drawnBy?: Reviewer;
  /** For an assisted structure: the rule or tool that computed it. */
  readonly tool?: string;
  /** For an imported structure: the ROI Generation Algorithm its file gave ('' for none). */
  readonly importedAlgorithm?: string;
  /** The approval or rejection of this revision. */
  readonly decision?: { readonly type: 'approve' | 'reject'; readonly by: Reviewer; readonly at: string; readonly comment?: string };
  readonly lastEdit?: { readonly by: Reviewer; readonly at: string };
}

export const RECORD_TAG = 'delineate-review/1';
/** ST holds 1024 characters. */
export const ROI_DESCRIPTION_MAX_CHARS = 1024;

export function reviewRecordOf(structure: StructureReview): ReviewRecord {
  const decision = currentDecision(structure);
  const lastEdit = structure.history.findLast((e) => e.type === 'edit');
  return {
    state: structure.state,
    revision: structure.revision,
    origin: structure.origin.kind,
    humanEdited: structure.humanEdited,
    ...(structure.origin.kind === 'model' ? { model: structure.origin.model } : {}),
    ...(structure.origin.kind === 'manual' ? { drawnBy: structure.origin.drawnBy } : {}),
    ...(structure.origin.kind === 'assisted' ? { drawnBy: structure.origin.by, tool: structure.origin.tool } : {}),
    ...(structure.origin.kind === 'imported' ? { importedAlgorithm: structure.origin.algorithm } : {}),
    ...(decision && (decision.type === 'approve' || decision.type === 'reject')
      ? { decision: { type: decision.type, by: decision.by, at: decision.at, ...(decision.comment !== undefined ? { comment: decision.comment } : {}) } }
      : {}),
    ...(lastEdit ? { lastEdit: { by: lastEdit.by, at: lastEdit.at } } : {}),
  };
}

/** One line a person reads in a planning system's ROI list. */
export function reviewSummary(record: ReviewRecord): string {
  const d = record.decision;
  switch (record.state) {
    case 'ai-draft':
      return `AI DRAFT, NOT APPROVED (revision ${record.revision})`;
    case 'edited':
      return `${record.origin === 'model' ? 'EDITED AI DRAFT' : record.origin === 'imported' ? 'IMPORTED DRAFT' : record.origin === 'assisted' ? 'COMPUTED DRAFT' : 'MANUAL DRAFT'}, NOT APPROVED (revision ${record.revision})`;
    case 'approved':
    case 'rejected':
      return `${record.state.toUpperCase()} revision ${record.revision}${d ? ` by ${displayPersonName(d.by.name)} (${d.by.role}) at ${d.at}` : ''}`;
  }
}

/**
 * ROI Description text: the caller's own description (if any), the summary, the record. When the
 * whole would pass 1024 characters, the decision comment is shortened first (the audit log keeps it
 * in full); if that is not enough the caller's description is cut, never the record.
 */
export function roiDescriptionWithRecord(record: ReviewRecord, ownDescription = ''): string {
  const compose = (r: ReviewRecord, own: string): string =>
    [own.trim(), `Delineate review: ${reviewSummary(r)}`, `${RECORD_TAG} ${JSON.stringify(r)}`].filter((l) => l !== '').join('\n');
  let text = compose(record, ownDescription);
  if ([...text].length <= ROI_DESCRIPTION_MAX_CHARS) return text;
  const comment = record.decision?.comment;
  if (record.decision && comment !== undefined) {
    const over = [...text].length - ROI_DESCRIPTION_MAX_CHARS;
    // JSON escaping can make a character cost more than one; shorten until it fits.
    for (let keep = Math.max(0, [...comment].length - over - 1); keep >= 0; keep -= 8) {
      const shortened = { ...record, decision: { ...record.decision, comment: `${[...comment].slice(0, keep).join('')}…` } };
      text = compose(shortened, ownDescription);
      if ([...text].length <= ROI_DESCRIPTION_MAX_CHARS) return text;
    }
    record = { ...record, decision: { ...record.decision, comment: '…' } };
  }
  const bare = compose(record, '');
  const room = ROI_DESCRIPTION_MAX_CHARS - [...bare].length - 1;
  if (room < 0) throw new Error(`the review record of revision ${record.revision} does not fit ROI Description (names too long)`);
  return compose(record, [...ownDescription.trim()].slice(0, room).join(''));
}

/** The record inside an ROI Description, or undefined (absent or not one we can trust). */
export function parseReviewRecord(description: string): ReviewRecord | undefined {
  const line = description.split(/\r?\n/).find((l) => l.startsWith(`${RECORD_TAG} `));
  if (line === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(RECORD_TAG.length + 1));
  } catch {
    return undefined;
  }
  return isReviewRecord(value) ? value : undefined;
}

/** The caller's own part of an ROI Description we wrote. */
export function ownDescription(description: string): string {
  return description
    .split(/\r?\n/)
    .filter((l) => !l.startsWith(`${RECORD_TAG} `) && !l.startsWith('Delineate review: '))
    .join('\n');
}

function isReviewRecord(v: unknown): v is ReviewRecord {
  if (!isObject(v)) return false;
  const okState = typeof v['state'] === 'string' && (REVIEW_STATES as readonly string[]).includes(v['state']);
  const okOrigin = v['origin'] === 'model' || v['origin'] === 'manual' || v['origin'] === 'imported' || v['origin'] === 'assisted';
  const okRevision = typeof v['revision'] === 'number' && Number.isInteger(v['revision']) && v['revision'] >= 1;
  const okModel = v['model'] === undefined || (isObject(v['model']) && ['id', 'version', 'weightsSha256'].every((k) => typeof (v['model'] as Record<string, unknown>)[k] === 'string'));
  const okDecision = v['decision'] === undefined || (isObject(v['decision']) && (v['decision']['type'] === 'approve' || v['decision']['type'] === 'reject') && isReviewer(v['decision']['by']) && typeof v['decision']['at'] === 'string');
  return okState && okOrigin && okRevision && typeof v['humanEdited'] === 'boolean' && okModel && okDecision && (v['drawnBy'] === undefined || isReviewer(v['drawnBy']));
}

function isReviewer(v: unknown): v is Reviewer {
  return isObject(v) && typeof v['name'] === 'string' && typeof v['role'] === 'string' && (REVIEWER_ROLES as readonly string[]).includes(v['role']);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * An imported ROI keeps what its file said, except that an AUTOMATIC one a person here has edited
 * becomes SEMIAUTOMATIC. An empty value stays empty: we do not know how it was made, and a guess
 * either way would misstate who drew it.
 */
export function importedAlgorithm(algorithm: Algorithm | '', humanEdited: boolean): Algorithm | '' {
  return algorithm === 'AUTOMATIC' && humanEdited ? 'SEMIAUTOMATIC' : algorithm;
}
