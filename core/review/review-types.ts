/** Who may sign a review. A person is identified by name; the role is recorded with every act. */
export const REVIEWER_ROLES = ['dosimetrist', 'physician', 'physicist'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export interface Reviewer {
  /** As it should appear on the record (and, for DICOM, in a PN value: "Family^Given" or free text). */
  readonly name: string;
  readonly role: ReviewerRole;
}

/**
 * - ai-draft: model output no human has changed; never clinically usable as it stands.
 * - edited: a human changed it (or drew it): a draft still, not yet approved.
 * - approved: a named reviewer approved this revision; locked.
 * - rejected: a named reviewer rejected this revision; locked.
 */
export const REVIEW_STATES = ['ai-draft', 'edited', 'approved', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The exact model that drafted a structure: the weights hash pins it beyond id and version. */
export interface ModelIdentity {
  readonly id: string;
  readonly version: string;
  /** sha256 of the ONNX weights file, 64 lower-case hex digits (the manifest's weights.sha256). */
  readonly weightsSha256: string;
}

export type StructureOrigin =
  | { readonly kind: 'model'; readonly model: ModelIdentity }
  | { readonly kind: 'manual'; readonly drawnBy: Reviewer }
  /**
   * Computed by a tool a person ran on purpose: a structure rule ("PTV = GTV + 2mm") or one-click
   * lesion growing. ROI Generation Algorithm SEMIAUTOMATIC, "calculated with user assistance".
   */
  | { readonly kind: 'assisted'; readonly tool: string; readonly by: Reviewer }
  /**
   * Read from an RT Structure Set this application did not draw in this workspace: `file` names it,
   * `algorithm` is its ROI Generation Algorithm ('' when the file left it empty or said something
   * else). Such a structure starts as a draft; an approval in the file is not carried over, because
   * nothing in a file proves who approved it.
   */
  | { readonly kind: 'imported'; readonly file: string; readonly algorithm: 'AUTOMATIC' | 'SEMIAUTOMATIC' | 'MANUAL' | '' };

/**
 * - open: the reviewer looked at this structure's draft (the recorded first look that approval needs).
 * - edit: the contour was changed.
 * - approve / reject: the decision on the current revision.
 * - new-revision: reopen a decided structure so it can change again.
 */
export const REVIEW_ACTIONS = ['open', 'edit', 'approve', 'reject', 'new-revision'] as const;
export type ReviewActionType = (typeof REVIEW_ACTIONS)[number];

export interface ReviewAction {
  readonly type: ReviewActionType;
  readonly by: Reviewer;
  /** ISO 8601 date-time. */
  readonly at: string;
  readonly comment?: string;
  /**
   * For an edit: the contour is now, voxel for voxel, the model's own draft again (an undo of every
   * change a person made). The structure is then the model's output, unreviewed, and returns to
   * 'ai-draft' (AUTOMATIC), so it is never shown or exported as edited by a person.
   */
  readonly restoresModelDraft?: boolean;
}

/** A recorded action with the state it moved the structure between. History is append-only. */
export interface ReviewEvent extends ReviewAction {
  /** The revision the action happened in (a new-revision event carries the new number). */
  readonly revision: number;
  readonly from: ReviewState;
  readonly to: ReviewState;
}

export interface StructureReview {
  /** Stable key chosen by the caller (unique within a session). */
  readonly id: string;
  readonly name: string;
  /** The image series it was drawn on: sequential reading hides drafts per series. */
  readonly seriesUid: string;
  readonly origin: StructureOrigin;
  readonly createdAt: string;
  readonly state: ReviewState;
  /** 1 for the first; each new revision adds 1. */
  readonly revision: number;
  /**
   * A human has changed the contour since the model produced it, in any revision: what decides
   * AUTOMATIC versus SEMIAUTOMATIC in the RT Structure Set. Always true for a drawn structure.
   */
  readonly humanEdited: boolean;
  readonly history: readonly ReviewEvent[];
}
