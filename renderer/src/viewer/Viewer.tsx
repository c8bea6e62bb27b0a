import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EditCommand } from '../../../core/api/contract.js';
import type { Vec3 } from '../../../core/geometry/spaces.js';
import { add, scale } from '../../../core/geometry/vec3.js';
import type { LoadedVolume } from '../api/loaded-volume.js';
import type { ListedStructure, Workspace } from '../api/use-workspace.js';
import { EditToolbar } from '../editing/EditToolbar.js';
import type { EditTool } from '../editing/tools.js';
import { NAVIGATE } from '../editing/tools.js';
import type { StructureSelection } from '../editing/use-active-structure.js';
import { useActiveStructure } from '../editing/use-active-structure.js';
import { SliceView } from './SliceView.js';
import type { DisplayStructure } from './structure-overlay.js';
import type { Orientation, ViewTransform } from './view-geometry.js';
import { gridCenter, ORIENTATIONS, sliceStepMm, VIEW_AXES } from './view-geometry.js';
import { VolumeView3D } from './VolumeView3D.js';
import type { DisplayWindow } from './window-level.js';
import { CT_PRESETS, initialWindow } from './window-level.js';

const FIT: ViewTransform = { zoom: 1, panMm: [0, 0] };
const FITTED: Readonly<Record<Orientation, ViewTransform>> = { axial: FIT, sagittal: FIT, coronal: FIT };
const NO_STRUCTURES: readonly ListedStructure[] = [];

export interface ViewerProps {
  readonly volume: LoadedVolume;
  readonly structures: readonly DisplayStructure[];
  /** The series' structures on the backend: with it the views get the editing toolbar and tools. */
  readonly workspace?: Workspace;
  /** The structure list's selection: the drawing tools act on it when it is not locked. */
  readonly selection?: StructureSelection;
}

/** The three linked 2D views, the 3D view, the window controls and the editing tools for one volume. */
export function Viewer(props: ViewerProps): React.JSX.Element {
  const { volume, workspace } = props;
  const { meta } = volume;
  const [showUncertainty, setShowUncertainty] = useState(true);
  const hasUncertainty = props.structures.some((s) => s.uncertainty !== null);
  const structures = useMemo(() => (showUncertainty ? props.structures : props.structures.map((s) => ({ ...s, uncertainty: null }))), [props.structures, showUncertainty]);
  const [tool, setTool] = useState<EditTool>(NAVIGATE);
  const [activeId, setActiveId] = useActiveStructure(workspace?.structures ?? NO_STRUCTURES, meta.seriesInstanceUid, props.selection);
  const [drawnIn, setDrawnIn] = useState<Orientation>('axial');
  const viewTool = useMemo<EditTool>(() => ({ ...tool, structureId: activeId }), [tool, activeId]);
  const onEdit = useCallback(
    (command: EditCommand, orientation: Orientation): Promise<boolean> => {
      setDrawnIn(orientation);
      return workspace ? workspace.edit(command) : Promise.resolve(false);
    },
    [workspace],
  );
  const normal = VIEW_AXES[drawnIn].normal;
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
        {props.structures.some((s) => s.visible && s.aiDraft) && (
          <span className="legend" data-testid="ai-draft-legend" title="Model output nobody has reviewed yet. It is drawn solid once a person edits, approves or rejects it.">
            <span className="dashed-sample" aria-hidden="true" /> dashed, unfilled: AI draft, not reviewed
          </span>
        )}
        {props.structures.some((s) => s.visible && s.rejected) && (
          <span className="legend" data-testid="rejected-legend" title="A reviewer rejected it. A new revision reopens it for editing.">
            <span className="hatched-sample" aria-hidden="true" /> hatched: rejected
          </span>
        )}
        {hasUncertainty && (
          <label className="check" title="Magenta where the model and its mirrored pass disagreed: the draft is least certain there.">
            <input type="checkbox" data-testid="show-uncertainty" checked={showUncertainty} onChange={(e) => setShowUncertainty(e.target.checked)} />
            Uncertainty
          </label>
        )}
        <button type="button" data-testid="reset-view" onClick={() => { setViews(FITTED); setCrosshair(gridCenter(meta.dims, volume.ijkToLps)); }}>
          Reset view
        </button>
      </div>
      {workspace && (
        <EditToolbar
          structures={workspace.structures}
          tool={viewTool}
          onTool={(t) => setTool({ ...t, structureId: null })}
          onActiveStructure={setActiveId}
          selectedId={props.selection?.id ?? activeId}
          workspace={workspace}
          interpolateNormal={[normal[0], normal[1], normal[2]]}
        />
      )}
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
            tool={viewTool}
            onEdit={onEdit}
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
