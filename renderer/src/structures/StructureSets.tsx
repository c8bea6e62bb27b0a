import { useEffect, useState } from 'react';
import type { AppInfo, ExportResult, StructurePayload, StructureSetInfo, VolumeMeta, WorkspaceChange } from '../../../core/api/contract.js';
import { newJobId } from '../api/api-from-bridge.js';
import { useApi } from '../api/api-context.js';
import { ReplaceFilePrompt, useConfirmedExport } from './ReplaceFilePrompt.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Load an RTSTRUCT onto the open series; export the visible structures as a new RTSTRUCT. */
export function StructureSets(props: {
  readonly info: AppInfo;
  readonly meta: VolumeMeta;
  /** The structures that will be exported (the visible ones with contours). */
  readonly exportStructures: readonly StructurePayload[];
  /** Why other structures on the series are not exported ('' when none are left out). */
  readonly leftOut: string;
  readonly onChange: (change: WorkspaceChange) => void;
}): React.JSX.Element {
  const api = useApi();
  const { meta } = props;
  const [sets, setSets] = useState<readonly StructureSetInfo[]>([]);
  const [loadPath, setLoadPath] = useState('');
  const safeName = (meta.seriesDescription || meta.modality).replace(/[^A-Za-z0-9_-]+/g, '_');
  const [exportPath, setExportPath] = useState(`${props.info.defaultExportDir}/RS_${safeName}.dcm`);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  // A rejected structure goes to a planning system only when asked for: there it would read as an
  // ordinary contour, whatever the file's Approval Status says.
  const [includeRejected, setIncludeRejected] = useState(false);
  const rejectedOnes = props.exportStructures.filter((s) => s.review.state === 'rejected');
  const chosen = includeRejected ? props.exportStructures : props.exportStructures.filter((s) => s.review.state !== 'rejected');
  const exportIds = chosen.map((s) => s.id);
  const undecided = chosen.filter((s) => s.review.state !== 'approved');
  const drafts = undecided.filter((s) => s.review.state === 'ai-draft').length;
  const outdated = chosen.filter((s) => s.outdated !== null);
  // A refusal or result is about the structures as they were: it goes when they change.
  const signature = chosen.map((s) => `${s.id}:${s.voxelCount}:${s.review.state}:${s.outdated ?? ''}`).join('|');
  const leftOut = [props.leftOut, !includeRejected && rejectedOnes.length > 0 ? `${rejectedOnes.length} rejected (${rejectedOnes.map((s) => s.name).join(', ')})` : '']
    .filter((p) => p !== '')
    .join(', ');
  useEffect(() => {
    setMessage(null);
    setExported(null);
  }, [signature]);
  const rejected = undecided.filter((s) => s.review.state === 'rejected').length;

  useEffect(() => {
    void api.listStructureSets({ seriesUid: meta.seriesInstanceUid }).then((s) => {
      setSets(s);
      setLoadPath(s[0]?.path ?? '');
    });
  }, [api, meta.seriesInstanceUid]);

  const load = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const loaded = await api.loadStructureSet({ jobId: newJobId('rtstruct'), seriesUid: meta.seriesInstanceUid, path: loadPath });
      props.onChange(loaded);
      setMessage(`Loaded ${loaded.changed.length} structure(s).`);
    } catch (e) {
      setMessage(`Could not load: ${describe(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const exporter = useConfirmedExport({
    info: props.info,
    title: 'Export RT Structure Set',
    path: exportPath,
    setPath: setExportPath,
    write: async (path, overwrite) => {
      setBusy(true);
      setMessage(null);
      setExported(null);
      try {
        setExported(await api.exportStructureSet({ jobId: newJobId('export'), seriesUid: meta.seriesInstanceUid, structureIds: exportIds, path, overwrite }));
      } finally {
        setBusy(false);
      }
    },
    onError: (e) => setMessage(`Not exported: ${describe(e)}`),
  });

  return (
    <div className="structure-sets">
      <h3>RT Structure Set</h3>
      <div className="row">
        <input list="structure-sets" value={loadPath} aria-label="RTSTRUCT file" data-testid="rtstruct-path" onChange={(e) => setLoadPath(e.target.value)} />
        <datalist id="structure-sets">
          {sets.map((s) => (
            <option key={s.sopInstanceUid} value={s.path}>
              {s.seriesDescription}
            </option>
          ))}
        </datalist>
        <button type="button" disabled={busy || loadPath === ''} data-testid="rtstruct-load" onClick={() => void load()}>
          Load
        </button>
      </div>
      <div className="row">
        <input
          value={exportPath}
          aria-label="Export to"
          data-testid="export-path"
          onChange={(e) => {
            setExportPath(e.target.value);
            exporter.dismiss();
          }}
        />
        <button type="button" disabled={busy || exportIds.length === 0 || exportPath.trim() === '' || outdated.length > 0} data-testid="export-start" onClick={() => void exporter.start()}>
          Export {exportIds.length}
        </button>
      </div>
      {exporter.replace !== null && <ReplaceFilePrompt path={exporter.replace} testId="export-replace" onReplace={() => void exporter.confirm()} onCancel={() => exporter.dismiss()} />}
      {rejectedOnes.length > 0 && (
        <label className="check" title="A planning system shows a rejected structure as an ordinary contour; only its ROI description and the file's REJECTED status say otherwise.">
          <input type="checkbox" checked={includeRejected} data-testid="export-include-rejected" onChange={(e) => setIncludeRejected(e.target.checked)} />
          Include the {rejectedOnes.length} rejected structure(s)
        </label>
      )}
      {leftOut !== '' && (
        <p className="hint" data-testid="export-left-out">
          Not in the export: {leftOut}.
        </p>
      )}
      {outdated.length > 0 && (
        <p className="warning" data-testid="export-outdated">
          Out of date, so not exportable until their rules run again: {outdated.map((s) => s.name).join(', ')}.
        </p>
      )}
      {undecided.length > 0 && (
        <p className="warning" data-testid="export-warning">
          {undecided.length} of {exportIds.length} structure(s) not approved
          {drafts > 0 ? `, ${drafts} of them unreviewed AI draft(s)` : ''}
          {rejected > 0 ? `, ${rejected} rejected` : ''}: the file will be marked {rejected > 0 ? 'REJECTED' : 'UNAPPROVED'} and each ROI carries its state.
        </p>
      )}
      {message && <p className="message" data-testid="structures-message">{message}</p>}
      {exported && (
        <div className="message" data-testid="export-result">
          <p>
            Wrote {exported.path}: {exported.contourCount} contour(s).
          </p>
          <ApprovalLine result={exported} />
          {[...exported.warnings.map((w) => ({ severity: 'warning', structure: null, message: w })), ...exported.issues].map((i, n) => (
            <p key={n} className={i.severity}>
              {i.severity}: {i.message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** The Approval module (PS3.3 C.8.8.16) the file was written with. */
function ApprovalLine(props: { readonly result: ExportResult }): React.JSX.Element {
  const status = props.result.approvalStatus;
  return (
    <p className={status === 'APPROVED' ? 'approved' : 'warning'} data-testid="export-approval">
      Approval status: {status}
    </p>
  );
}
