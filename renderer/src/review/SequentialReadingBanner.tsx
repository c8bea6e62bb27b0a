/**
 * Sequential reading: the AI drafts on this series are kept from view until the reviewer says they
 * have looked at the images, so their first impression of the anatomy is their own (the reading
 * order used against automation bias). The look is recorded with their name in the audit log.
 */
export function SequentialReadingBanner(props: { readonly hiddenDrafts: number; readonly canReveal: boolean; readonly busy: boolean; readonly onReveal: () => void }): React.JSX.Element | null {
  if (props.hiddenDrafts === 0) return null;
  return (
    <div className="sequential-banner" data-testid="hidden-drafts">
      <p>
        {props.hiddenDrafts} AI draft{props.hiddenDrafts === 1 ? '' : 's'} hidden until you have reviewed the images.
      </p>
      <button type="button" disabled={!props.canReveal || props.busy} data-testid="reveal-drafts" onClick={props.onReveal}>
        I have looked at the images — show AI drafts
      </button>
    </div>
  );
}
