import { useState } from 'react';
import type { EditCommand, Triple } from '../../../core/api/contract.js';
import type { ListedStructure, Workspace } from '../api/use-workspace.js';
import type { EditTool } from './tools.js';
import { BRUSH_MAX_MM, BRUSH_MIN_MM, EDIT_TOOLS, stepBrushRadius } from './tools.js';
import { useEditKeys } from './use-edit-keys.js';

export interface EditToolbarProps {
  readonly structures: readonly ListedStructure[];
  readonly tool: EditTool;
  readonly onTool: (tool: EditTool) => void;
  readonly onActiveStructure: (id: string | null) => void;
  /** The structure list's selection, which may be a locked structure the tools do not draw into. */
  readonly selectedId: string | null;
  readonly workspace: Pick<Workspace, 'edit' | 'undo' | 'redo' | 'undoLabel' | 'redoLabel' | 'historyNote' | 'error' | 'busy'>;
  /** Interpolation runs across the slices of the view last drawn in. */
  readonly interpolateNormal: Triple;
}

/** A number field that keeps what is typed and reports only finite values within its bounds. */
function NumberField(props: { readonly testId: string; readonly label: string; readonly ariaLabel?: string; readonly value: number; readonly min: number; readonly max: number; readonly step: number; onChange(v: number): void }): React.JSX.Element {
  const [text, setText] = useState<string | null>(null);
  return (
    <label className="edit-number">
      {props.label}
      <input
        type="number"
        data-testid={props.testId}
        aria-label={props.ariaLabel}
        min={props.min}
        max={props.max}
        step={props.step}
        value={text ?? String(props.value)}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= props.min && v <= props.max) props.onChange(v);
        }}
        onBlur={() => setText(null)}
      />
    </label>
  );
}

/**
 * The editing toolbar above the views: the structure drawn into (locked ones are not offered),
 * the tool, the brush (2D circle or 3D sphere, radius in mm; `[` and `]` change it), the
 * whole-structure operations, and undo/redo with what they would undo or redo. A refused edit
 * shows the backend's reason here.
 */
export function EditToolbar(props: EditToolbarProps): React.JSX.Element {
  const { structures, tool, onTool, workspace } = props;
  const [islandsCc, setIslandsCc] = useState(0.1);
  const [smoothMm, setSmoothMm] = useState(2);
  const editable = structures.filter((s) => !s.payload.review.locked);
  const target = tool.structureId;
  const lockedSelection = structures.find((s) => s.payload.id === props.selectedId && s.payload.review.locked)?.payload;
  // A drawing tool with nothing to draw into: say why, rather than ignore the mouse.
  const drawing = tool.name === 'brush' || tool.name === 'eraser' || tool.name === 'polygon' || tool.name === 'freehand';
  const noTarget = !drawing || target !== null
    ? null
    : lockedSelection
      ? `${lockedSelection.name} is ${lockedSelection.review.state} and locked, so drawing does not change it: open a new revision in Review to edit it, or choose another structure.`
      : 'Choose the structure to draw into.';
  const run = (command: EditCommand): void => void workspace.edit(command);

  useEditKeys({
    undo: () => {
      if (workspace.undoLabel !== null) void workspace.undo();
    },
    redo: () => {
      if (workspace.redoLabel !== null) void workspace.redo();
    },
    brushSize: (direction) => onTool({ ...tool, brushRadiusMm: stepBrushRadius(tool.brushRadiusMm, direction) }),
  });

  return (
    <div className="edit-toolbar" role="toolbar" aria-label="Editing" data-testid="edit-toolbar">
      <label className="edit-target">
        Structure
        <select data-testid="edit-structure" aria-label="Structure to draw on" value={target ?? ''} onChange={(e) => props.onActiveStructure(e.target.value === '' ? null : e.target.value)}>
          <option value="">— choose —</option>
          {editable.map(({ payload: s }) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <span className="edit-group" role="group" aria-label="Tool">
        {EDIT_TOOLS.map((t) => (
          <button
            key={t.name}
            type="button"
            title={t.title}
            aria-pressed={tool.name === t.name}
            className={tool.name === t.name ? 'active' : undefined}
            data-testid={`tool-${t.name}`}
            onClick={() => onTool({ ...tool, name: t.name })}
          >
            {t.label}
          </button>
        ))}
      </span>
      {(tool.name === 'brush' || tool.name === 'eraser') && (
        <span className="edit-group" role="group" aria-label="Brush">
          <select data-testid="brush-shape" aria-label="Brush shape" value={tool.brushShape} onChange={(e) => onTool({ ...tool, brushShape: e.target.value === 'sphere' ? 'sphere' : 'circle' })}>
            <option value="circle">2D circle</option>
            <option value="sphere">3D sphere</option>
          </select>
          <NumberField testId="brush-radius" label="Radius mm" value={tool.brushRadiusMm} min={BRUSH_MIN_MM} max={BRUSH_MAX_MM} step={0.5} onChange={(v) => onTool({ ...tool, brushRadiusMm: v })} />
        </span>
      )}
      {tool.name === 'lesion' && (
        <NumberField testId="lesion-radius" label="Max radius mm" value={tool.lesionMaxRadiusMm} min={1} max={100} step={1} onChange={(v) => onTool({ ...tool, lesionMaxRadiusMm: v })} />
      )}
      <span className="edit-group" role="group" aria-label="Structure operations">
        <button type="button" data-testid="op-fill-holes" disabled={target === null} onClick={() => target && run({ kind: 'fill-holes', structureId: target })}>
          Fill holes
        </button>
        <button type="button" data-testid="op-remove-islands" disabled={target === null} onClick={() => target && run({ kind: 'remove-islands', structureId: target, minVolumeCc: islandsCc })}>
          Remove islands &lt;
        </button>
        <NumberField testId="islands-cc" label="" ariaLabel="Smallest island kept (cc)" value={islandsCc} min={0} max={10000} step={0.1} onChange={setIslandsCc} />
        <span className="dim">cc</span>
        <button type="button" data-testid="op-keep-largest" disabled={target === null} onClick={() => target && run({ kind: 'keep-largest', structureId: target })}>
          Keep largest
        </button>
        <button type="button" data-testid="op-smooth" disabled={target === null} onClick={() => target && run({ kind: 'smooth', structureId: target, sizeMm: smoothMm })}>
          Smooth
        </button>
        <NumberField testId="smooth-mm" label="" ariaLabel="Smoothing size (mm)" value={smoothMm} min={0.5} max={50} step={0.5} onChange={setSmoothMm} />
        <span className="dim">mm</span>
        <button type="button" data-testid="op-interpolate" disabled={target === null} onClick={() => target && run({ kind: 'interpolate', structureId: target, normal: props.interpolateNormal })}>
          Interpolate slices
        </button>
      </span>
      <span className="edit-group" role="group" aria-label="History">
        <button type="button" data-testid="undo" disabled={workspace.undoLabel === null} title={workspace.undoLabel ? `Undo ${workspace.undoLabel} (Ctrl+Z)` : (workspace.historyNote ?? 'Nothing to undo')} onClick={() => void workspace.undo()}>
          Undo
        </button>
        <button type="button" data-testid="redo" disabled={workspace.redoLabel === null} title={workspace.redoLabel ? `Redo ${workspace.redoLabel} (Ctrl+Y)` : (workspace.historyNote ?? 'Nothing to redo')} onClick={() => void workspace.redo()}>
          Redo
        </button>
      </span>
      {noTarget && (
        <span className="warning" role="status" data-testid="edit-no-target">
          {noTarget}
        </span>
      )}
      {workspace.busy && <span className="dim" data-testid="edit-busy">Saving…</span>}
      {workspace.error && (
        <span className="error" role="alert" data-testid="edit-error">
          {workspace.error}
        </span>
      )}
    </div>
  );
}
