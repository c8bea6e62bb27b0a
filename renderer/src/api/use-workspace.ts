import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditCommand, ReviewActionName, StructurePayload, WorkspaceChange } from '../../../core/api/contract.js';
import { newJobId } from './api-from-bridge.js';
import { useApi } from './api-context.js';

/** A structure as the renderer holds it: the payload from the backend and whether it is shown. */
export interface ListedStructure {
  readonly payload: StructurePayload;
  readonly visible: boolean;
}

export interface Workspace {
  readonly structures: readonly ListedStructure[];
  readonly hiddenDrafts: number;
  readonly imagesLooked: boolean;
  readonly undoLabel: string | null;
  /** Why undo or redo is off although there is a step (it is another person's). */
  readonly historyNote: string | null;
  readonly redoLabel: string | null;
  /** The last refusal or failure of an edit or review act, shown until the next success. */
  readonly error: string | null;
  readonly warnings: readonly string[];
  readonly busy: boolean;
  /** Apply one edit on the backend (saved before it answers); resolves to false when refused. */
  edit(command: EditCommand): Promise<boolean>;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  review(structureId: string, action: ReviewActionName, comment?: string): Promise<boolean>;
  recordImageLook(): Promise<boolean>;
  /** Merge a change that another call returned (auto-contouring, RTSTRUCT load). */
  apply(change: WorkspaceChange): void;
  setVisible(structureId: string, visible: boolean): void;
  clearError(): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The structures of the open series, mirrored from the backend. The backend is the authority:
 * every edit, undo and review act goes there, is saved, and comes back as a WorkspaceChange that
 * replaces the changed structures here. Visibility is the only state the renderer owns.
 */
export function useWorkspace(seriesUid: string | null): Workspace {
  const api = useApi();
  const [structures, setStructures] = useState<readonly ListedStructure[]>([]);
  const [meta, setMeta] = useState<Pick<WorkspaceChange, 'hiddenDrafts' | 'imagesLooked' | 'undo' | 'redo' | 'historyNote' | 'warnings'>>({
    hiddenDrafts: 0, imagesLooked: false, undo: null, redo: null, historyNote: null, warnings: [],
  });
  const [error, setError] = useState<string | null>(null);
  /** The workspace's own warnings, as it was opened with (not any one step's). */
  const lasting = useRef<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const current = useRef(seriesUid);
  current.current = seriesUid;

  const apply = useCallback((change: WorkspaceChange) => {
    if (change.seriesUid !== current.current) return;
    const gone = new Set(change.removed);
    const changed = new Map(change.changed.map((p) => [p.id, p]));
    setStructures((list) => {
      const kept = list
        .filter((s) => !gone.has(s.payload.id))
        .map((s) => {
          const next = changed.get(s.payload.id);
          return next ? { payload: next, visible: s.visible } : s;
        });
      const known = new Set(kept.map((s) => s.payload.id));
      return [...kept, ...change.changed.filter((p) => !known.has(p.id)).map((payload) => ({ payload, visible: true }))];
    });
    setMeta({ hiddenDrafts: change.hiddenDrafts, imagesLooked: change.imagesLooked, undo: change.undo, redo: change.redo, historyNote: change.historyNote, warnings: change.warnings });
  }, []);

  useEffect(() => {
    setStructures([]);
    lasting.current = [];
    setError(null);
    if (seriesUid === null) return;
    api.workspace({ seriesUid }).then(
      (state) => {
        if (current.current !== seriesUid) return;
        const byId = new Map(state.changed.map((p) => [p.id, p]));
        setStructures(state.order.flatMap((id) => (byId.has(id) ? [{ payload: byId.get(id)!, visible: true }] : [])));
        lasting.current = state.warnings;
        setMeta({ hiddenDrafts: state.hiddenDrafts, imagesLooked: state.imagesLooked, undo: state.undo, redo: state.redo, historyNote: state.historyNote, warnings: state.warnings });
      },
      (e: unknown) => setError(message(e)),
    );
  }, [api, seriesUid]);

  const run = useCallback(
    async (call: (uid: string) => Promise<WorkspaceChange>): Promise<boolean> => {
      const uid = current.current;
      if (uid === null) return false;
      setBusy(true);
      // The last refusal and the last step's warnings are about the last edit, not this one: they go
      // as this one starts (a refused edit must not leave an earlier rule's warning looking like its own).
      // Warnings about the series itself (a structure that could not be restored) stay.
      setError(null);
      setMeta((m) => ({ ...m, warnings: lasting.current }));
      try {
        apply(await call(uid));
        setError(null);
        return true;
      } catch (e) {
        setError(message(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [apply],
  );

  const edit = useCallback((command: EditCommand) => run((seriesUid) => api.editStructures({ jobId: newJobId('edit'), seriesUid, edit: command })), [api, run]);
  const undo = useCallback(() => run((seriesUid) => api.undo({ seriesUid })), [api, run]);
  const redo = useCallback(() => run((seriesUid) => api.redo({ seriesUid })), [api, run]);
  const review = useCallback(
    (structureId: string, action: ReviewActionName, comment?: string) =>
      run((seriesUid) => api.reviewStructure({ seriesUid, structureId, action, ...(comment !== undefined ? { comment } : {}) })),
    [api, run],
  );
  const recordImageLook = useCallback(() => run((seriesUid) => api.recordImageLook({ seriesUid })), [api, run]);
  const setVisible = useCallback((structureId: string, visible: boolean) => {
    setStructures((list) => list.map((s) => (s.payload.id === structureId ? { ...s, visible } : s)));
  }, []);
  const clearError = useCallback(() => setError(null), []);

  return useMemo(
    () => ({
      structures, hiddenDrafts: meta.hiddenDrafts, imagesLooked: meta.imagesLooked, undoLabel: meta.undo, redoLabel: meta.redo, historyNote: meta.historyNote,
      error, warnings: meta.warnings, busy, edit, undo, redo, review, recordImageLook, apply, setVisible, clearError,
    }),
    [structures, meta, error, busy, edit, undo, redo, review, recordImageLook, apply, setVisible, clearError],
  );
}
