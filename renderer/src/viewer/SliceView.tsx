import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { EditCommand } from '../../../core/api/contract.js';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { dot } from '../../../core/geometry/vec3.js';
import type { LoadedVolume } from '../api/loaded-volume.js';
import { BrushStroke, sliceAxis } from '../editing/brush-stroke.js';
import { drawEditOverlay } from '../editing/edit-overlay.js';
import { Outline } from '../editing/outline.js';
import { pointOnShownSlice } from '../editing/shown-slice.js';
import type { EditTool } from '../editing/tools.js';
import { NAVIGATE } from '../editing/tools.js';
import type { Resliced } from './reslice.js';
import { allocateResliced, reslice } from './reslice.js';
import type { DisplayStructure, PixelRect, StructureOverride } from './structure-overlay.js';
import { drawStructures, drawStructuresInRect } from './structure-overlay.js';
import type { Orientation, PlaneSpec, ViewTransform } from './view-geometry.js';
import { edgeLabels, lpsToPixel, pixelToLps, planeFor, VIEW_AXES } from './view-geometry.js';
import type { DisplayWindow } from './window-level.js';
import { applyWindow } from './window-level.js';

export interface SliceViewProps {
  readonly orientation: Orientation;
  readonly volume: LoadedVolume;
  readonly crosshair: Vec3<'LPS'>;
  readonly window: DisplayWindow;
  readonly view: ViewTransform;
  readonly structures: readonly DisplayStructure[];
  /** The editing tool (Navigate when absent). */
  readonly tool?: EditTool;
  onCrosshair(p: Vec3<'LPS'>): void;
  /** Move the crosshair along this view's normal by `steps` slices. */
  onScroll(orientation: Orientation, steps: number): void;
  onView(orientation: Orientation, view: ViewTransform): void;
  onWindow(window: DisplayWindow): void;
  /** Send one edit to the backend; resolves false when it was refused. */
  readonly onEdit?: (command: EditCommand, orientation: Orientation) => Promise<boolean>;
}

const TITLES: Readonly<Record<Orientation, string>> = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal' };
const AXIS_NAME: Readonly<Record<Orientation, string>> = { axial: 'z', sagittal: 'x', coronal: 'y' };
const NO_COLOUR = [255, 255, 255] as const;

function samePlane(a: PlaneSpec | null, b: PlaneSpec): boolean {
  return (
    a !== null && a.width === b.width && a.height === b.height &&
    a.origin.every((v, n) => v === b.origin[n]) && a.stepRight.every((v, n) => v === b.stepRight[n]) && a.stepDown.every((v, n) => v === b.stepDown[n])
  );
}

function drawCrosshair(context: CanvasRenderingContext2D, plane: PlaneSpec, crosshair: Vec3<'LPS'>): void {
  const [cx, cy] = lpsToPixel(plane, crosshair);
  context.strokeStyle = 'rgba(80, 220, 255, 0.7)';
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(Math.round(cx) + 0.5, 0);
  context.lineTo(Math.round(cx) + 0.5, plane.height);
  context.moveTo(0, Math.round(cy) + 0.5);
  context.lineTo(plane.width, Math.round(cy) + 0.5);
  context.stroke();
}

type Drag =
  | { kind: 'crosshair' }
  | { kind: 'pan'; x: number; y: number; start: ViewTransform }
  | { kind: 'window'; x: number; y: number; start: DisplayWindow }
  | { kind: 'stroke'; stroke: BrushStroke }
  | { kind: 'freehand'; outline: Outline };

interface Buffers {
  resliced: Resliced;
  image: ImageData;
  /** The windowed image before the structures: a brush stroke repaints from it. */
  base: Uint8ClampedArray;
  scratch: Uint8Array;
  plane: PlaneSpec | null;
  volume: LoadedVolume | null;
}

/**
 * One 2D view: the volume resliced in patient space onto a canvas, with the structures, the
 * crosshair, orientation letters and the slice position. With Navigate, left drag sets the
 * crosshair; with the editing tools it paints, erases, draws an outline or seeds a lesion. In
 * every tool right drag windows (horizontal: width, vertical: level), middle or shift-drag pans,
 * the wheel scrolls slices and ctrl-wheel zooms.
 *
 * A brush stroke is drawn at once into this view (only the pixels near each new segment are
 * repainted) and sent as one edit when the button is released; the backend's answer replaces the
 * structure, and the local preview is dropped then.
 */
export function SliceView(props: SliceViewProps): React.JSX.Element {
  const { orientation, volume, crosshair, window: displayWindow, view, structures } = props;
  const tool = props.tool ?? NAVIGATE;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>({ width: 0, height: 0 });
  const buffers = useRef<Buffers | null>(null);
  const planeRef = useRef<PlaneSpec | null>(null);
  const dragRef = useRef<Drag | null>(null);
  /** Strokes sent and not yet answered, still drawn from their preview. */
  const pendingRef = useRef<BrushStroke[]>([]);
  const outlineRef = useRef<Outline | null>(null);
  const hoverRef = useRef<[number, number] | null>(null);
  const [answered, setAnswered] = useState(0);
  const frames = useRef(0);
  const inFlight = useRef(0);
  const axes = VIEW_AXES[orientation];
  const latest = useRef(props);
  latest.current = props;

  const overrides = (plane: PlaneSpec): StructureOverride[] => {
    const out = pendingRef.current.filter((s) => samePlane(s.plane, plane)).map((s) => s.override);
    const drag = dragRef.current;
    if (drag?.kind === 'stroke' && samePlane(drag.stroke.plane, plane)) out.push(drag.stroke.override);
    return out;
  };

  const drawOverlay = (): void => {
    const overlay = overlayRef.current;
    const plane = planeRef.current;
    const context = overlay?.getContext('2d');
    if (!overlay || !plane || !context) return;
    const t = latest.current.tool ?? NAVIGATE;
    const target = latest.current.structures.find((s) => s.id === t.structureId);
    const hover = hoverRef.current;
    const outline = outlineRef.current;
    const brush = (t.name === 'brush' || t.name === 'eraser') && target !== undefined;
    drawEditOverlay(context, overlay.width, overlay.height, {
      color: target?.color ?? NO_COLOUR,
      cursor: brush && hover ? { x: hover[0], y: hover[1], radiusPx: t.brushRadiusMm / plane.mmPerPixel, erase: t.name === 'eraser' } : null,
      outline: outline ? { points: outline.pixels(plane), closed: outline.pending, hover: outline.kind === 'polygon' ? hover : null, erase: outline.mode === 'erase' } : null,
    });
  };

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => {
      // Whole device pixels: the image is computed per pixel, so a fractional size would be resampled by the browser.
      const ratio = window.devicePixelRatio || 1;
      setSize({ width: Math.max(1, Math.floor(el.clientWidth * ratio)), height: Math.max(1, Math.floor(el.clientHeight * ratio)) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const overlay = overlayRef.current;
    if (!canvas || !overlay || size.width === 0) return;
    const { width, height } = size;
    if (canvas.width !== width || canvas.height !== height) {
      // Exactly one canvas pixel per device pixel: a stretched canvas would blur the voxel outlines.
      const ratio = window.devicePixelRatio || 1;
      for (const c of [canvas, overlay]) {
        c.width = width;
        c.height = height;
        c.style.width = `${width / ratio}px`;
        c.style.height = `${height / ratio}px`;
      }
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    let b = buffers.current;
    if (!b || b.image.width !== width || b.image.height !== height) {
      const image = context.createImageData(width, height);
      b = { resliced: allocateResliced(width, height), image, base: new Uint8ClampedArray(image.data.length), scratch: new Uint8Array(width * height), plane: null, volume: null };
      buffers.current = b;
    }
    const plane = planeFor(axes, crosshair, volume.meta.dims, volume.ijkToLps, view, width, height);
    planeRef.current = plane;
    // Moving the crosshair within this plane, or windowing, does not change what is sampled.
    if (b.volume !== volume || !samePlane(b.plane, plane)) {
      reslice(volume, plane, b.resliced);
      b.plane = plane;
      b.volume = volume;
    }
    applyWindow(b.resliced.values, displayWindow, volume.meta.monochrome1, b.image.data);
    b.base.set(b.image.data);
    drawStructures(b.resliced.ijk, width, height, structures, b.image.data, b.scratch, overrides(plane));
    context.putImageData(b.image, 0, 0);
    drawCrosshair(context, plane, crosshair);
    canvas.dataset['mmPerPixel'] = String(plane.mmPerPixel);
    canvas.dataset['pending'] = String(inFlight.current);
    frames.current += 1;
    canvas.dataset['frames'] = String(frames.current);
    // An outline belongs to the slice it was started on.
    if (outlineRef.current && !outlineRef.current.pending && !outlineRef.current.onPlane(plane)) outlineRef.current = null;
    drawOverlay();
    // `answered` is a dependency only to redraw once a pending stroke's preview is dropped.
  }, [axes, size, volume, crosshair, displayWindow, view, structures, answered]);

  /** Redraw only `rect` of the canvas: image from `base`, the structures with the strokes in flight, the crosshair. */
  const repaint = (rect: PixelRect): void => {
    const canvas = canvasRef.current;
    const b = buffers.current;
    const plane = planeRef.current;
    const context = canvas?.getContext('2d');
    if (!b || !plane || !context) return;
    const { width, height } = b.image;
    const x0 = Math.max(0, rect.x0), y0 = Math.max(0, rect.y0), x1 = Math.min(width, rect.x1), y1 = Math.min(height, rect.y1);
    if (x0 >= x1 || y0 >= y1) return;
    for (let y = y0; y < y1; y++) b.image.data.set(b.base.subarray(4 * (y * width + x0), 4 * (y * width + x1)), 4 * (y * width + x0));
    drawStructuresInRect(b.resliced.ijk, width, height, { x0, y0, x1, y1 }, latest.current.structures, b.image.data, b.scratch, overrides(plane));
    context.putImageData(b.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
    context.save();
    context.beginPath();
    context.rect(x0, y0, x1 - x0, y1 - y0);
    context.clip();
    drawCrosshair(context, plane, latest.current.crosshair);
    context.restore();
  };

  const send = (command: EditCommand | null, done: () => void): void => {
    const onEdit = latest.current.onEdit;
    if (!command || !onEdit) {
      done();
      return;
    }
    // Edits in flight, for tests and benchmarks that wait for the backend's answer.
    const count = (delta: number): void => {
      inFlight.current += delta;
      if (canvasRef.current) canvasRef.current.dataset['pending'] = String(inFlight.current);
    };
    count(1);
    void onEdit(command, orientation).finally(() => {
      count(-1);
      done();
      setAnswered((n) => n + 1);
    });
  };

  const positionAt = (event: { clientX: number; clientY: number }): [number, number] => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * canvas.width) / rect.width, ((event.clientY - rect.top) * canvas.height) / rect.height];
  };

  const closeOutline = (): void => {
    const outline = outlineRef.current;
    if (!outline || outline.pending) return;
    const id = (latest.current.tool ?? NAVIGATE).structureId;
    const command = id === null ? null : outline.command(id);
    if (!command) {
      outlineRef.current = null;
      drawOverlay();
      return;
    }
    outline.pending = true;
    drawOverlay();
    send(command, () => {
      if (outlineRef.current === outline) outlineRef.current = null;
      drawOverlay();
    });
  };

  /** The patient-space point under canvas pixel (x, y), on the centre of the slice shown there. */
  const pointAt = (plane: PlaneSpec, x: number, y: number): Vec3<'LPS'> => {
    const ijk = buffers.current?.resliced.ijk;
    return ijk ? pointOnShownSlice(plane, x, y, volume, sliceAxis(volume.ijkToLps, axes.normal), ijk) : pixelToLps(plane, x, y);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const plane = planeRef.current;
    if (event.button === 2) dragRef.current = { kind: 'window', x: event.clientX, y: event.clientY, start: displayWindow };
    else if (event.button === 1 || (event.button === 0 && event.shiftKey)) dragRef.current = { kind: 'pan', x: event.clientX, y: event.clientY, start: view };
    else if (event.button === 0 && plane) {
      const [x, y] = positionAt(event);
      const target = tool.structureId;
      const normal = VIEW_AXES[orientation].normal;
      if (tool.name === 'navigate') {
        dragRef.current = { kind: 'crosshair' };
        props.onCrosshair(pixelToLps(plane, x, y));
      } else if ((tool.name === 'brush' || tool.name === 'eraser') && target !== null && buffers.current) {
        const stroke = new BrushStroke(
          { structureId: target, mode: tool.name === 'brush' ? 'paint' : 'erase', shape: tool.brushShape, radiusMm: tool.brushRadiusMm, normal },
          plane, volume,
        );
        dragRef.current = { kind: 'stroke', stroke };
        const rect = stroke.extend(x, y, buffers.current.resliced.ijk);
        if (rect) repaint(rect);
      } else if (tool.name === 'polygon' && target !== null) {
        const current = outlineRef.current;
        if (current && !current.pending && current.nearFirst(plane, x, y)) closeOutline();
        else {
          if (!current || current.pending) outlineRef.current = new Outline('polygon', event.altKey ? 'erase' : 'paint', normal, dot(plane.origin, normal));
          outlineRef.current!.add(plane, x, y, pointAt(plane, x, y));
          drawOverlay();
        }
      } else if (tool.name === 'freehand' && target !== null) {
        const outline = new Outline('freehand', event.altKey ? 'erase' : 'paint', normal, dot(plane.origin, normal));
        outline.add(plane, x, y, pointAt(plane, x, y));
        outlineRef.current = outline;
        dragRef.current = { kind: 'freehand', outline };
        drawOverlay();
      } else if (tool.name === 'lesion') {
        const seed = pointAt(plane, x, y);
        send({ kind: 'lesion', seed: [seed[0], seed[1], seed[2]], maxRadiusMm: tool.lesionMaxRadiusMm }, () => undefined);
      }
    }
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current;
    const plane = planeRef.current;
    if (!plane) return;
    const [x, y] = positionAt(event);
    hoverRef.current = [x, y];
    if (drag?.kind === 'stroke') {
      const ijk = buffers.current?.resliced.ijk;
      // Every sample the pointer reported since the last event, so a fast stroke keeps its shape.
      const samples = typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
      let dirty: PixelRect | null = null;
      for (const e of samples.length > 0 ? samples : [event]) {
        const [sx, sy] = positionAt(e);
        const rect = ijk ? drag.stroke.extend(sx, sy, ijk) : null;
        if (rect) dirty = dirty ? { x0: Math.min(dirty.x0, rect.x0), y0: Math.min(dirty.y0, rect.y0), x1: Math.max(dirty.x1, rect.x1), y1: Math.max(dirty.y1, rect.y1) } : rect;
      }
      if (dirty) repaint(dirty);
    } else if (drag?.kind === 'freehand') {
      drag.outline.add(plane, x, y, pointAt(plane, x, y));
    } else if (drag?.kind === 'crosshair') props.onCrosshair(pixelToLps(plane, x, y));
    else if (drag?.kind === 'pan') {
      const ratio = window.devicePixelRatio || 1;
      const dx = (event.clientX - drag.x) * ratio * plane.mmPerPixel;
      const dy = (event.clientY - drag.y) * ratio * plane.mmPerPixel;
      props.onView(orientation, { zoom: drag.start.zoom, panMm: [drag.start.panMm[0] - dx, drag.start.panMm[1] - dy] });
    } else if (drag?.kind === 'window') {
      // One screen pixel moves the window by 1/512 of the value range: the full range in about two drags across a view.
      const perPixel = Math.max(volume.meta.range.max - volume.meta.range.min, 1) / 512;
      const width = Math.max(1, drag.start.width + (event.clientX - drag.x) * perPixel);
      const center = drag.start.center - (event.clientY - drag.y) * perPixel;
      props.onWindow({ center, width });
    }
    if (tool.name !== 'navigate' && tool.name !== 'lesion') drawOverlay();
  };

  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current;
    dragRef.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    if (drag?.kind === 'stroke') {
      const stroke = drag.stroke;
      pendingRef.current = [...pendingRef.current, stroke];
      send(stroke.command(), () => {
        pendingRef.current = pendingRef.current.filter((s) => s !== stroke);
      });
    } else if (drag?.kind === 'freehand') closeOutline();
  };

  const onPointerLeave = (): void => {
    hoverRef.current = null;
    drawOverlay();
  };

  useEffect(() => {
    // React's onWheel is passive, so it cannot stop the page from scrolling; a native listener can.
    const canvas = canvasRef.current;
    if (!canvas) return undefined;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const p = latest.current;
      if (event.ctrlKey) {
        const factor = Math.exp(-event.deltaY / 500);
        p.onView(p.orientation, { zoom: Math.min(20, Math.max(0.2, p.view.zoom * factor)), panMm: p.view.panMm });
      } else {
        p.onScroll(p.orientation, event.deltaY > 0 ? -1 : 1);
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  useEffect(() => {
    // Escape abandons a polygon being drawn.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || !outlineRef.current || outlineRef.current.pending) return;
      outlineRef.current = null;
      if (dragRef.current?.kind === 'freehand') dragRef.current = null;
      drawOverlay();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    // A tool change abandons an unfinished outline and shows or hides the brush outline.
    if (outlineRef.current && !outlineRef.current.pending && tool.name !== outlineRef.current.kind) outlineRef.current = null;
    drawOverlay();
  }, [tool]);

  const labels = edgeLabels(axes);
  const positionMm = dot(crosshair, axes.normal);
  return (
    <div className="slice-view" ref={containerRef} data-testid={`view-${orientation}`}>
      <canvas
        ref={canvasRef}
        className={`tool-${tool.name}`}
        data-testid={`canvas-${orientation}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={onPointerLeave}
        onDoubleClick={() => {
          if (tool.name === 'polygon') closeOutline();
        }}
        onContextMenu={(e) => e.preventDefault()}
      />
      <canvas ref={overlayRef} className="edit-overlay" data-testid={`overlay-${orientation}`} aria-hidden="true" />
      <span className="view-title">{TITLES[orientation]}</span>
      <span className="view-position" data-testid={`position-${orientation}`}>
        {AXIS_NAME[orientation]} = {positionMm.toFixed(1)} mm
      </span>
      <span className="label label-left">{labels.left}</span>
      <span className="label label-right">{labels.right}</span>
      <span className="label label-top">{labels.top}</span>
      <span className="label label-bottom">{labels.bottom}</span>
      <span className="view-window">
        W {Math.round(displayWindow.width)} L {Math.round(displayWindow.center)}
      </span>
    </div>
  );
}
