import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { dot } from '../../../core/geometry/vec3.js';
import type { LoadedVolume } from '../api/loaded-volume.js';
import type { Resliced } from './reslice.js';
import { allocateResliced, reslice } from './reslice.js';
import type { DisplayStructure } from './structure-overlay.js';
import { drawStructures } from './structure-overlay.js';
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
  onCrosshair(p: Vec3<'LPS'>): void;
  /** Move the crosshair along this view's normal by `steps` slices. */
  onScroll(orientation: Orientation, steps: number): void;
  onView(orientation: Orientation, view: ViewTransform): void;
  onWindow(window: DisplayWindow): void;
}

const TITLES: Readonly<Record<Orientation, string>> = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal' };
const AXIS_NAME: Readonly<Record<Orientation, string>> = { axial: 'z', sagittal: 'x', coronal: 'y' };

function samePlane(a: PlaneSpec | null, b: PlaneSpec): boolean {
  return (
    a !== null && a.width === b.width && a.height === b.height &&
    a.origin.every((v, n) => v === b.origin[n]) && a.stepRight.every((v, n) => v === b.stepRight[n]) && a.stepDown.every((v, n) => v === b.stepDown[n])
  );
}

type Drag = { kind: 'crosshair' } | { kind: 'pan'; x: number; y: number; start: ViewTransform } | { kind: 'window'; x: number; y: number; start: DisplayWindow };

/**
 * One 2D view: the volume resliced in patient space onto a canvas, with the structures, the
 * crosshair, orientation letters and the slice position. Left drag sets the crosshair, right drag
 * windows (horizontal: width, vertical: level), middle or shift-drag pans, the wheel scrolls
 * slices and ctrl-wheel zooms.
 */
export function SliceView(props: SliceViewProps): React.JSX.Element {
  const { orientation, volume, crosshair, window: displayWindow, view, structures } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number }>({ width: 0, height: 0 });
  const buffers = useRef<{ resliced: Resliced; image: ImageData; scratch: Uint8Array; plane: PlaneSpec | null; volume: LoadedVolume | null } | null>(null);
  const planeRef = useRef<PlaneSpec | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const frames = useRef(0);
  const axes = VIEW_AXES[orientation];

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
    if (!canvas || size.width === 0) return;
    const { width, height } = size;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      // Exactly one canvas pixel per device pixel: a stretched canvas would blur the voxel outlines.
      const ratio = window.devicePixelRatio || 1;
      canvas.style.width = `${width / ratio}px`;
      canvas.style.height = `${height / ratio}px`;
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    let b = buffers.current;
    if (!b || b.image.width !== width || b.image.height !== height) {
      b = { resliced: allocateResliced(width, height), image: context.createImageData(width, height), scratch: new Uint8Array(width * height), plane: null, volume: null };
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
    drawStructures(b.resliced.ijk, width, height, structures, b.image.data, b.scratch);
    context.putImageData(b.image, 0, 0);
    const [cx, cy] = lpsToPixel(plane, crosshair);
    context.strokeStyle = 'rgba(80, 220, 255, 0.7)';
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(Math.round(cx) + 0.5, 0);
    context.lineTo(Math.round(cx) + 0.5, height);
    context.moveTo(0, Math.round(cy) + 0.5);
    context.lineTo(width, Math.round(cy) + 0.5);
    context.stroke();
    frames.current += 1;
    canvas.dataset['frames'] = String(frames.current);
  }, [axes, size, volume, crosshair, displayWindow, view, structures]);

  const positionAt = (event: React.PointerEvent | React.WheelEvent): [number, number] => {
    const canvas = canvasRef.current!;
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) * canvas.width) / rect.width, ((event.clientY - rect.top) * canvas.height) / rect.height];
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    if (event.button === 2) dragRef.current = { kind: 'window', x: event.clientX, y: event.clientY, start: displayWindow };
    else if (event.button === 1 || (event.button === 0 && event.shiftKey)) dragRef.current = { kind: 'pan', x: event.clientX, y: event.clientY, start: view };
    else if (event.button === 0) {
      dragRef.current = { kind: 'crosshair' };
      const plane = planeRef.current;
      if (plane) props.onCrosshair(pixelToLps(plane, ...positionAt(event)));
    }
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    const drag = dragRef.current;
    const plane = planeRef.current;
    if (!drag || !plane) return;
    if (drag.kind === 'crosshair') props.onCrosshair(pixelToLps(plane, ...positionAt(event)));
    else if (drag.kind === 'pan') {
      const ratio = window.devicePixelRatio || 1;
      const dx = (event.clientX - drag.x) * ratio * plane.mmPerPixel;
      const dy = (event.clientY - drag.y) * ratio * plane.mmPerPixel;
      props.onView(orientation, { zoom: drag.start.zoom, panMm: [drag.start.panMm[0] - dx, drag.start.panMm[1] - dy] });
    } else {
      // One screen pixel moves the window by 1/512 of the value range: the full range in about two drags across a view.
      const perPixel = Math.max(volume.meta.range.max - volume.meta.range.min, 1) / 512;
      const width = Math.max(1, drag.start.width + (event.clientX - drag.x) * perPixel);
      const center = drag.start.center - (event.clientY - drag.y) * perPixel;
      props.onWindow({ center, width });
    }
  };

  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>): void => {
    dragRef.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
  };

  const latest = useRef(props);
  latest.current = props;
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

  const labels = edgeLabels(axes);
  const positionMm = dot(crosshair, axes.normal);
  return (
    <div className="slice-view" ref={containerRef} data-testid={`view-${orientation}`}>
      <canvas
        ref={canvasRef}
        data-testid={`canvas-${orientation}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onContextMenu={(e) => e.preventDefault()}
      />
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
