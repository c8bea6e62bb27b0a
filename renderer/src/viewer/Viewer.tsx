import { useCallback, useEffect, useState } from 'react';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { add, scale } from '../../../core/geometry/vec3.js';
import type { LoadedVolume } from '../api/loaded-volume.js';
import { SliceView } from './SliceView.js';
import type { DisplayStructure } from './structure-overlay.js';
import type { Orientation, ViewTransform } from './view-geometry.js';
import { gridCenter, ORIENTATIONS, sliceStepMm, VIEW_AXES } from './view-geometry.js';
import { VolumeView3D } from './VolumeView3D.js';
import type { DisplayWindow } from './window-level.js';
import { CT_PRESETS, initialWindow } from './window-level.js';

const FIT: ViewTransform = { zoom: 1, panMm: [0, 0] };
const FITTED: Readonly<Record<Orientation, ViewTransform>> = { axial: FIT, sagittal: FIT, coronal: FIT };

/** The three linked 2D views, the 3D view and the window controls for one volume. */
export function Viewer(props: { readonly volume: LoadedVolume; readonly structures: readonly DisplayStructure[] }): React.JSX.Element {
  const { volume, structures } = props;
  const { meta } = volume;
  const [crosshair, setCrosshair] = useState<Vec3<'LPS'>>(() => gridCenter(meta.dims, volume.ijkToLps));
  const [displayWindow, setWindow] = useState<DisplayWindow>(() => initialWindow(meta.modality, meta.percentiles.p1, meta.percentiles.p99));
  const [views, setViews] = useState<Readonly<Record<Orientation, ViewTransform>>>(FITTED);

  useEffect(() => {
    setCrosshair(gridCenter(meta.dims, volume.ijkToLps));
    setWindow(initialWindow(meta.modality, meta.percentiles.p1, meta.percentiles.p99));
    setViews(FITTED);
  }, [volume, meta]);

  const onScroll = useCallback(
    (orientation: Orientation, steps: number) => {
      const normal = VIEW_AXES[orientation].normal;
      setCrosshair((c) => add(c, scale(normal, steps * sliceStepMm(volume.ijkToLps, normal))));
    },
    [volume],
  );
  const onView = useCallback((orientation: Orientation, view: ViewTransform) => setViews((v) => ({ ...v, [orientation]: view })), []);

  return (
    <div className="viewer">
      <div className="viewer-toolbar" role="toolbar" aria-label="Window">
        <span className="series-title">
          {meta.modality} {meta.seriesDescription} · {meta.dims.join('×')} · {meta.spacingMm.map((s) => s.toFixed(2)).join('×')} mm
        </span>
        {meta.modality === 'CT' &&
          CT_PRESETS.map((p) => (
            <button key={p.name} type="button" onClick={() => setWindow(p.window)} data-testid={`preset-${p.name}`}>
              {p.name}
            </button>
          ))}
        <button type="button" onClick={() => setWindow(initialWindow(meta.modality === 'CT' ? 'auto' : meta.modality, meta.percentiles.p1, meta.percentiles.p99))} data-testid="preset-auto">
          Auto (1–99 %)
        </button>
        <button type="button" data-testid="reset-view" onClick={() => { setViews(FITTED); setCrosshair(gridCenter(meta.dims, volume.ijkToLps)); }}>
          Reset view
        </button>
      </div>
      {meta.warnings.length > 0 && <div className="warnings">{meta.warnings.join(' · ')}</div>}
      <div className="view-grid">
        {ORIENTATIONS.map((o) => (
          <SliceView
            key={o}
            orientation={o}
            volume={volume}
            crosshair={crosshair}
            window={displayWindow}
            view={views[o]}
            structures={structures}
            onCrosshair={setCrosshair}
            onScroll={onScroll}
            onView={onView}
            onWindow={setWindow}
          />
        ))}
        <VolumeView3D volume={volume} structures={structures} />
      </div>
    </div>
  );
}
