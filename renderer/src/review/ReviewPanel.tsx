import type { Settings } from '../../../core/api/contract.js';
import type { Workspace } from '../api/use-workspace.js';
import { ReviewerPrompt } from '../settings/SettingsPanel.js';
import { SequentialReadingBanner } from './SequentialReadingBanner.js';
import { StructureReview } from './StructureReview.js';

/** Sequential reading and the review of the selected structure. */
export function ReviewPanel(props: { readonly workspace: Workspace; readonly settings: Settings; readonly selectedId: string | null; readonly onSetReviewer: () => void }): React.JSX.Element {
  const { workspace } = props;
  const reviewer = props.settings.reviewer;
  const selected = workspace.structures.find((s) => s.payload.id === props.selectedId)?.payload ?? null;
  const undecided = workspace.structures.filter((s) => !s.payload.review.locked).length;
  return (
    <section className="panel review-panel" aria-label="Review">
      <h2>Review</h2>
      <SequentialReadingBanner hiddenDrafts={workspace.hiddenDrafts} canReveal={reviewer !== null} busy={workspace.busy} onReveal={() => void workspace.recordImageLook()} />
      {reviewer === null ? (
        <ReviewerPrompt what="reviewing" onSetReviewer={props.onSetReviewer} />
      ) : selected ? (
        <StructureReview structure={selected} busy={workspace.busy} onReview={(action, comment) => workspace.review(selected.id, action, comment)} />
      ) : workspace.structures.length > 0 ? (
        <p className="hint">Select a structure to review it ({undecided} not yet decided).</p>
      ) : null}
    </section>
  );
}
