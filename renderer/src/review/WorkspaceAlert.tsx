import type { Workspace } from '../api/use-workspace.js';

/**
 * The backend's last refusal of an edit or review act (a locked structure, no reviewer set, a rule
 * that does not parse), kept in view at the top of the sidebar until dismissed or the next success.
 */
export function WorkspaceAlert(props: { readonly workspace: Workspace }): React.JSX.Element | null {
  const { workspace } = props;
  if (workspace.error === null) return null;
  return (
    <div className="error workspace-error" role="alert" data-testid="workspace-error">
      <span>{workspace.error}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={() => workspace.clearError()}>
        ×
      </button>
    </div>
  );
}
