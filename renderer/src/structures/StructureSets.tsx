import { useEffect, useState } from 'react';
import type { AppInfo, ExportResult, StructurePayload, StructureSetInfo, VolumeMeta } from '../../../core/api/contract.js';
import { newJobId } from '../api/api-from-bridge.js';
import { useApi } from '../api/api-context.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Load an RTSTRUCT onto the open series; export the visible structures as a new RTSTRUCT. */
export function StructureSets(props: {
  readonly info: AppInfo;
  readonly meta: VolumeMeta;
  readonly exportIds: readonly string[];
  onStructures(s: readonly StructurePayload[]): void;
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
      props.onStructures(loaded);
      setMessage(`Loaded ${loaded.length} structure(s).`);
    } catch (e) {
      setMessage(`Could not load: ${describe(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const save = async (): Promise<void> => {
    let path = exportPath;
    if (props.info.shell === 'electron') {
      const chosen = await api.chooseSavePath({ title: 'Export RT Structure Set', defaultPath: exportPath });
      if (!chosen.path) return;
      path = chosen.path;
      setExportPath(path);
    }
    setBusy(true);
    setMessage(null);
    setExported(null);
    try {
      const result = await api.exportStructureSet({ jobId: newJobId('export'), seriesUid: meta.seriesInstanceUid, structureIds: props.exportIds, path });
      setExported(result);
    } catch (e) {
      setMessage(`Not exported: ${describe(e)}`);
    } finally {
      setBusy(false);
    }
  };

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
        <input value={exportPath} aria-label="Export to" data-testid="export-path" onChange={(e) => setExportPath(e.target.value)} />
        <button type="button" disabled={busy || props.exportIds.length === 0} data-testid="export-start" onClick={() => void save()}>
          Export {props.exportIds.length}
        </button>
      </div>
      {message && <p className="message" data-testid="structures-message">{message}</p>}
      {exported && (
        <div className="message" data-testid="export-result">
          <p>
            Wrote {exported.path}: {exported.contourCount} contour(s).
          </p>
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
