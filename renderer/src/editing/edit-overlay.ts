import type { Triple } from '../../../core/api/contract.js';

export interface OverlayScene {
  /** The brush outline under the pointer, its radius in canvas pixels. */
  readonly cursor: { readonly x: number; readonly y: number; readonly radiusPx: number; readonly erase: boolean } | null;
  /** A polygon or freehand outline in canvas pixels; `hover` is the rubber band's free end. */
  readonly outline: { readonly points: readonly (readonly [number, number])[]; readonly closed: boolean; readonly hover: readonly [number, number] | null; readonly erase: boolean } | null;
  readonly color: Triple;
}

/**
 * The transient drawing over a 2D view (brush outline, polygon being drawn) on its own canvas, so
 * that moving the pointer never redraws the image under it.
 */
export function drawEditOverlay(context: CanvasRenderingContext2D, width: number, height: number, scene: OverlayScene): void {
  context.clearRect(0, 0, width, height);
  const [r, g, b] = scene.color;
  const solid = `rgb(${r}, ${g}, ${b})`;
  const { cursor, outline } = scene;
  if (outline && outline.points.length > 0) {
    context.lineWidth = 1.5;
    context.strokeStyle = outline.erase ? '#ffffff' : solid;
    context.setLineDash(outline.erase ? [4, 3] : []);
    context.beginPath();
    const [first, ...rest] = outline.points;
    context.moveTo(first![0], first![1]);
    for (const [x, y] of rest) context.lineTo(x, y);
    if (outline.closed) context.closePath();
    else if (outline.hover) context.lineTo(outline.hover[0], outline.hover[1]);
    if (outline.closed || outline.points.length > 2) {
      context.fillStyle = outline.erase ? 'rgba(0, 0, 0, 0.35)' : `rgba(${r}, ${g}, ${b}, 0.3)`;
      context.fill('evenodd');
    }
    context.stroke();
    context.setLineDash([]);
    if (!outline.closed) {
      context.fillStyle = solid;
      for (const [x, y] of outline.points) context.fillRect(x - 2, y - 2, 4, 4);
    }
  }
  if (cursor) {
    context.lineWidth = 1;
    context.strokeStyle = cursor.erase ? '#ffffff' : solid;
    context.setLineDash(cursor.erase ? [3, 3] : []);
    context.beginPath();
    context.arc(cursor.x, cursor.y, Math.max(cursor.radiusPx, 0.5), 0, 2 * Math.PI);
    context.stroke();
    context.setLineDash([]);
  }
}
