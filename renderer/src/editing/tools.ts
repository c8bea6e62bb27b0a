/** The tools of the editing toolbar; 'navigate' is the viewer's own crosshair, pan and window. */
export type EditToolName = 'navigate' | 'brush' | 'eraser' | 'polygon' | 'freehand' | 'lesion';

export const EDIT_TOOLS: readonly { readonly name: EditToolName; readonly label: string; readonly title: string }[] = [
  { name: 'navigate', label: 'Navigate', title: 'Crosshair, pan (middle or shift-drag), zoom (ctrl-wheel)' },
  { name: 'brush', label: 'Brush', title: 'Paint into the active structure ([ and ] change the size)' },
  { name: 'eraser', label: 'Eraser', title: 'Erase from the active structure ([ and ] change the size)' },
  { name: 'polygon', label: 'Polygon', title: 'Click the vertices; double-click or click the first point to close; Escape cancels; Alt erases' },
  { name: 'freehand', label: 'Freehand fill', title: 'Drag a closed outline; it is filled on release; Alt erases' },
  { name: 'lesion', label: 'Lesion (one click)', title: 'Click inside a lesion: a new GTV grown from there' },
];

/** What the 2D views need to know of the toolbar's state. */
export interface EditTool {
  readonly name: EditToolName;
  /** The structure brush, eraser, polygon and freehand act on (never a locked one); null: none chosen. */
  readonly structureId: string | null;
  readonly brushRadiusMm: number;
  /** A disc on the slice, or a ball through neighbouring slices. */
  readonly brushShape: 'circle' | 'sphere';
  readonly lesionMaxRadiusMm: number;
}

/** The lesion bound starts at core/lesion's default (DEFAULT_MAX_RADIUS_MM), the same as `delineate lesion`'s. */
export const NAVIGATE: EditTool = { name: 'navigate', structureId: null, brushRadiusMm: 5, brushShape: 'circle', lesionMaxRadiusMm: 20 };

/** Brush radius limits (mm): below a quarter millimetre nothing is painted on clinical grids; 50 mm covers a body outline. */
export const BRUSH_MIN_MM = 0.5;
export const BRUSH_MAX_MM = 50;

/** The next brush radius for `[` (−1) and `]` (+1): half-millimetre steps below 3 mm, 1 mm up to 10 mm, then 2 mm. */
export function stepBrushRadius(radiusMm: number, direction: -1 | 1): number {
  const step = (r: number): number => (r < 3 ? 0.5 : r < 10 ? 1 : 2);
  const next = direction > 0 ? radiusMm + step(radiusMm) : radiusMm - step(radiusMm - 1e-9);
  return Math.min(BRUSH_MAX_MM, Math.max(BRUSH_MIN_MM, Math.round(next * 2) / 2));
}
