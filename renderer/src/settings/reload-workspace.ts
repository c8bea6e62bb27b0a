import type { Api } from '../../../core/api/contract.js';
import type { Workspace } from '../api/use-workspace.js';

/**
 * Fetch the series' structures again after the settings changed: a different reviewer has looked at
 * different things, and turning sequential reading on or off hides or shows the AI drafts. The
 * saved state comes back whole, so whatever it no longer lists is removed here.
 */
export async function reloadWorkspace(api: Api, seriesUid: string, workspace: Workspace): Promise<void> {
  const state = await api.workspace({ seriesUid });
  const listed = new Set(state.order);
  const removed = workspace.structures.map((s) => s.payload.id).filter((id) => !listed.has(id));
  workspace.apply({ ...state, removed: [...state.removed, ...removed] });
}
