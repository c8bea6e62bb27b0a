import { useEffect, useState } from 'react';
import type { ReviewActionName, ReviewEventInfo, StructurePayload } from '../../../core/api/contract.js';
import { displayPersonName } from '../../../core/api/person-name.js';
import { StateBadge, stateLabel } from '../structures/StateBadge.js';

function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString();
}

const ACTION_LABELS: Readonly<Record<ReviewEventInfo['type'], string>> = {
  open: 'opened', edit: 'edited', approve: 'approved', reject: 'rejected', 'new-revision': 'new revision',
};

/**
 * Review of one structure: record a look (Open), approve, reject with a reason, or reopen a decided
 * structure as a new revision. Approval is per structure and needs a recorded look at the current
 * revision; there is deliberately no way to approve several drafts at once.
 */
export function StructureReview(props: { readonly structure: StructurePayload; readonly busy: boolean; readonly onReview: (action: ReviewActionName, comment?: string) => Promise<boolean> }): React.JSX.Element {
  const s = props.structure;
  const r = s.review;
  const [comment, setComment] = useState('');
  useEffect(() => setComment(''), [s.id, r.revision, r.state]);
  const decision = r.locked ? r.history.findLast((e) => e.revision === r.revision && (e.type === 'approve' || e.type === 'reject')) : undefined;

  return (
    <div className="structure-review" data-testid="structure-review" data-name={s.name} data-state={r.state}>
      <div className="review-head">
        <span className="swatch" style={{ backgroundColor: `rgb(${s.color.join(',')})` }} />
        <strong data-testid="review-name">{s.name}</strong>
        <StateBadge review={r} />
      </div>

      {decision && (
        <p className={`decision decision-${decision.type}`} data-testid="review-decision">
          {decision.type === 'approve' ? 'Approved' : 'Rejected'} by {displayPersonName(decision.by)} ({decision.role}), {when(decision.at)}
          {decision.comment ? <>: “{decision.comment}”</> : null}
        </p>
      )}

      <div className="row review-actions">
        <button type="button" disabled={props.busy} data-testid="review-open" title="Record that you have looked at this revision (approval needs it)" onClick={() => void props.onReview('open')}>
          {r.lookedAt ? 'Opened ✓' : 'Open'}
        </button>
        {r.locked ? (
          <button type="button" disabled={props.busy} data-testid="review-new-revision" title="Reopen for editing as the next revision; the decision stays in the history" onClick={() => void props.onReview('new-revision')}>
            New revision
          </button>
        ) : (
          <button
            type="button"
            disabled={props.busy || !r.lookedAt}
            data-testid="review-approve"
            title={r.lookedAt ? `Approve revision ${r.revision} of ${s.name}` : 'Open the structure first: approval needs a recorded look at this revision'}
            onClick={() => void props.onReview('approve')}
          >
            Approve
          </button>
        )}
      </div>
      {!r.locked && (
        <div className="reject-form">
          <textarea value={comment} rows={2} placeholder="Why it is rejected (required)" aria-label="Rejection comment" data-testid="review-comment" onChange={(e) => setComment(e.target.value)} />
          <button
            type="button"
            disabled={props.busy || !r.lookedAt || comment.trim() === ''}
            data-testid="review-reject"
            title={!r.lookedAt ? 'Open the structure first' : comment.trim() === '' ? 'A rejection needs a comment saying why' : `Reject revision ${r.revision}`}
            onClick={() => void props.onReview('reject', comment.trim())}
          >
            Reject
          </button>
        </div>
      )}
      {!r.locked && !r.lookedAt && <p className="hint">Open it to record your look at its contour as it is now before deciding{r.history.some((e) => e.type === 'open') ? ' (a change since an earlier look needs a new one)' : ''}.</p>}

      {s.outdated !== null && (
        <p className="warning" role="status" data-testid="review-outdated">
          {s.outdated}.
        </p>
      )}
      <dl className="review-facts">
        <dt>Generation</dt>
        <dd data-testid="review-algorithm">{r.generationAlgorithm || 'unknown'}</dd>
        <dt>Provenance</dt>
        <dd data-testid="review-provenance">{r.provenance || s.origin}</dd>
        {s.rule !== '' && (
          <>
            <dt>Rule</dt>
            <dd>
              <code>{s.rule}</code>
            </dd>
          </>
        )}
        {s.confidence && (
          <>
            <dt>Confidence</dt>
            <dd data-testid="review-confidence" className={s.confidence.low ? 'warning' : undefined}>
              {(s.confidence.agreement * 100).toFixed(1)} % agreement over {s.confidence.passes} passes{s.confidence.low ? ' — low, review closely' : ''}
            </dd>
          </>
        )}
      </dl>

      {s.effort && (
        <table className="effort" data-testid="review-effort">
          <caption>Edit effort (final vs AI draft)</caption>
          <tbody>
            <tr>
              <th>Dice</th>
              <td className="num">{s.effort.dice.toFixed(3)}</td>
            </tr>
            <tr>
              <th>HD95</th>
              <td className="num">{s.effort.hausdorff95Mm === null ? '—' : `${s.effort.hausdorff95Mm.toFixed(1)} mm`}</td>
            </tr>
            <tr>
              <th>Surface Dice @1 mm</th>
              <td className="num">{s.effort.surfaceDice1mm.toFixed(3)}</td>
            </tr>
            <tr>
              <th>Added path length</th>
              <td className="num">{s.effort.addedPathLengthMm.toFixed(0)} mm</td>
            </tr>
          </tbody>
        </table>
      )}

      <details className="review-history" open={r.history.length > 0 && r.history.length <= 6}>
        <summary>History ({r.history.length})</summary>
        <ol data-testid="review-history">
          {r.history.map((e, n) => (
            <li key={n} data-type={e.type}>
              r{e.revision} {ACTION_LABELS[e.type]} by {displayPersonName(e.by)} ({e.role}), {when(e.at)}
              {e.from !== e.to ? ` — ${stateLabel(e.from)} → ${stateLabel(e.to)}` : ''}
              {e.comment ? `: “${e.comment}”` : ''}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
