import { useState } from 'react';
import type { AppInfo, EditCommand, Settings, StructurePayload, VolumeMeta, WorkspaceChange } from '../../../core/api/contract.js';
import type { Workspace } from '../api/use-workspace.js';
import { ReviewerPrompt } from '../settings/SettingsPanel.js';
import { AutoContour } from './AutoContour.js';
import { BooleanDialog } from './BooleanDialog.js';
import { CreateStructure } from './CreateStructure.js';
import { LesionTable } from './LesionTable.js';
import { MarginDialog } from './MarginDialog.js';
import { RuleBox } from './RuleBox.js';
import { StructureList } from './StructureList.js';
import { StructureProperties, Tg263Datalist } from './StructureProperties.js';
import { StructureSets } from './StructureSets.js';

type Tool = 'margin' | 'boolean' | null;

/**
 * The structures of the open series: the list, the selected structure's properties, creating new
 * ones (empty, by margin, Boolean or rule), undo and redo, auto-contouring, RTSTRUCT load and
 * export, and the lesion table. Every change is an edit the backend saves and may refuse.
 */
export function StructuresPanel(props: {
  readonly info: AppInfo;
  readonly meta: VolumeMeta | null;
  readonly workspace: Workspace;
  readonly settings: Settings;
  readonly selectedId: string | null;
  readonly onSelect: (id: string | null) => void;
  readonly onSetReviewer: () => void;
  /** The review of the selected structure, shown under the list so it is next to what it reviews. */
  readonly review?: React.ReactNode;
}): React.JSX.Element {
  const { workspace, meta } = props;
  const [tool, setTool] = useState<Tool>(null);
  const canEdit = props.settings.reviewer !== null && meta !== null;
  const payloads = workspace.structures.map((s) => s.payload);
  const selected = payloads.find((s) => s.id === props.selectedId) ?? null;
  const withContours = payloads.filter((s) => s.box !== null);
  const edit = (command: EditCommand): Promise<boolean> => workspace.edit(command);
  const apply = (change: WorkspaceChange): void => workspace.apply(change);

  return (
    <section className="panel structures-panel" aria-label="Structures">
      <div className="panel-head">
        <h2>Structures</h2>
      </div>
      {workspace.warnings.length > 0 && (
        <ul className="warnings" data-testid="workspace-warnings">
          {workspace.warnings.map((w, n) => (
            <li key={n}>{w}</li>
          ))}
        </ul>
      )}
      <StructureList
        structures={workspace.structures}
        selectedId={props.selectedId}
        hiddenDrafts={workspace.hiddenDrafts}
        onSelect={(id) => props.onSelect(id === props.selectedId ? null : id)}
        onToggle={(id, visible) => workspace.setVisible(id, visible)}
        onDelete={(id) => {
          if (id === props.selectedId) props.onSelect(null);
          void workspace.edit({ kind: 'delete', structureId: id });
        }}
      />
      <Tg263Datalist />
      {meta && props.settings.reviewer === null && <ReviewerPrompt what="editing structures" onSetReviewer={props.onSetReviewer} />}
      {props.review}
      {selected && <StructureProperties structure={selected} disabled={!canEdit || workspace.busy} onEdit={edit} />}
      {meta && (
        <>
          <h3>New structure</h3>
          <CreateStructure count={payloads.length} disabled={!canEdit || workspace.busy} onEdit={edit} />
          <div className="row tools">
            <button type="button" disabled={withContours.length === 0} aria-pressed={tool === 'margin'} data-testid="open-margin" onClick={() => setTool(tool === 'margin' ? null : 'margin')}>
              Margin / ring…
            </button>
            <button type="button" disabled={withContours.length < 2} aria-pressed={tool === 'boolean'} data-testid="open-boolean" onClick={() => setTool(tool === 'boolean' ? null : 'boolean')}>
              Boolean…
            </button>
          </div>
          {tool === 'margin' && <MarginDialog structures={withContours} selectedId={props.selectedId} disabled={!canEdit || workspace.busy} onEdit={edit} onClose={() => setTool(null)} />}
          {tool === 'boolean' && <BooleanDialog structures={withContours} selectedId={props.selectedId} disabled={!canEdit || workspace.busy} onEdit={edit} onClose={() => setTool(null)} />}
          <RuleBox disabled={!canEdit || workspace.busy} onEdit={edit} />
          <AutoContour key={meta.seriesInstanceUid} meta={meta} siteModelDirs={props.info.siteModelDirs} onChange={apply} />
          <StructureSets
            key={`sets-${meta.seriesInstanceUid}`}
            info={props.info}
            meta={meta}
            exportStructures={workspace.structures.filter((s) => s.visible && s.payload.box !== null).map((s) => s.payload)}
            leftOut={leftOutOfExport(workspace.structures, workspace.hiddenDrafts)}
            onChange={apply}
          />
          <LesionTable key={`lesions-${meta.seriesInstanceUid}`} info={props.info} meta={meta} structures={payloads} />
        </>
      )}
    </section>
  );
}

/** The structures on the series that an export leaves out, and why, in words ('' for none). */
function leftOutOfExport(structures: readonly { readonly visible: boolean; readonly payload: StructurePayload }[], hiddenDrafts: number): string {
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const switchedOff = structures.filter((s) => !s.visible).length;
  const empty = structures.filter((s) => s.visible && s.payload.box === null).length;
  return [
    switchedOff > 0 ? `${plural(switchedOff, 'structure', 'structures')} switched off in the list` : '',
    empty > 0 ? `${plural(empty, 'empty structure', 'empty structures')} (no contour)` : '',
    hiddenDrafts > 0 ? `${plural(hiddenDrafts, 'AI draft', 'AI drafts')} not yet revealed (sequential reading)` : '',
  ].filter((p) => p !== '').join(', ');
}
