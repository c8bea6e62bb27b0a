import { useEffect, useRef, useState } from 'react';
import type { ListedStructure } from '../api/use-workspace.js';

/** The selection held elsewhere (the structure list's), when the target follows it. */
export interface StructureSelection {
  readonly id: string | null;
  readonly set: (id: string | null) => void;
}

/**
 * The structure the drawing tools act on. Locked structures (approved or rejected, until a new
 * revision reopens them) are never the target, even when selected. A structure that appears while
 * the series is open (just created, or grown beside others, e.g. by the lesion tool) becomes the
 * target, as the user means to draw it next; opening a series or running a model chooses nothing,
 * so nobody paints on an AI draft by accident. With `selection`, the target is the structure list's selection.
 */
export function useActiveStructure(structures: readonly ListedStructure[], seriesUid: string, selection?: StructureSelection): [string | null, (id: string | null) => void] {
  const [own, setOwn] = useState<string | null>(null);
  const chosen = selection ? selection.id : own;
  const set = selection ? selection.set : setOwn;
  const latestSet = useRef(set);
  latestSet.current = set;
  const known = useRef<{ series: string; ids: Set<string> } | null>(null);

  useEffect(() => {
    const before = known.current;
    known.current = { series: seriesUid, ids: new Set(structures.map((s) => s.payload.id)) };
    if (!before || before.series !== seriesUid) return;
    // One new editable structure: just created (still empty), or added beside others already shown.
    // An AI draft never becomes the target by itself (a re-run replaces a draft with a new one).
    const added = structures.filter((s) => !before.ids.has(s.payload.id) && !s.payload.review.locked && s.payload.source !== 'model');
    if (added.length === 1 && (added[0]!.payload.box === null || before.ids.size > 0)) latestSet.current(added[0]!.payload.id);
  }, [structures, seriesUid]);

  const active = structures.some((s) => s.payload.id === chosen && !s.payload.review.locked) ? chosen : null;
  return [active, set];
}
