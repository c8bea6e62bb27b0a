import type { StructureReviewInfo } from '../../../core/api/contract.js';

/**
 * How each state reads. 'edited' is any contour a person answers for that nobody has decided on yet
 * (drawn, made by a rule, loaded from a file, or a model's draft a person changed): a draft, not
 * necessarily edited by anyone, so the badge says 'draft' (an AI draft stays 'AI draft').
 */
const LABELS = { 'ai-draft': 'AI draft', edited: 'draft', approved: 'approved', rejected: 'rejected' } as const;

/** Where a structure stands in review: state and revision, a lock when decided. */
export function StateBadge(props: { readonly review: StructureReviewInfo }): React.JSX.Element {
  const { review } = props;
  return (
    <span className="state-badges">
      <span className={`badge state-${review.state}`} data-testid="structure-state" data-state={review.state} title={`Revision ${review.revision}: ${LABELS[review.state]}`}>
        {LABELS[review.state]} r{review.revision}
      </span>
      {review.locked && (
        <svg className="lock" data-testid="structure-locked" role="img" aria-label="locked" viewBox="0 0 10 12" width="10" height="12">
          <title>Locked: create a new revision to change it</title>
          <path d="M2.5 5V3.5a2.5 2.5 0 0 1 5 0V5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <rect x="1" y="5" width="8" height="6.5" rx="1" fill="currentColor" />
        </svg>
      )}
    </span>
  );
}

export function stateLabel(state: StructureReviewInfo['state']): string {
  return LABELS[state];
}
