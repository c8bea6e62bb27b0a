import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, LesionRow, StructurePayload, VolumeMeta } from '../../../core/api/contract.js';
import { useApi } from '../api/api-context.js';
import { ReplaceFilePrompt, useConfirmedExport } from './ReplaceFilePrompt.js';

type SortKey = 'name' | 'volumeCc' | 'longestDiameter3dMm' | 'longestDiameterAxialMm' | 'centroid' | 'oarDistance';

const COLUMNS: readonly { readonly key: SortKey; readonly label: string; readonly title: string }[] = [
  { key: 'name', label: 'Lesion', title: 'Structure name' },
  { key: 'volumeCc', label: 'cc', title: 'Volume (cc)' },
  { key: 'longestDiameter3dMm', label: '3D mm', title: 'Longest diameter in 3D (mm)' },
  { key: 'longestDiameterAxialMm', label: 'axial mm', title: 'Longest diameter on an axial slice (mm)' },
  { key: 'centroid', label: 'centroid (LPS mm)', title: 'Centroid in patient coordinates, LPS mm (sorted superior first)' },
  { key: 'oarDistance', label: 'nearest OAR', title: 'Nearest organ at risk and the surface-to-surface distance (mm)' },
];

/** GTV structures: the lesions of a radiosurgery plan. */
export function isLesion(s: StructurePayload): boolean {
  return s.interpretedType.toUpperCase() === 'GTV' || /^GTV/i.test(s.name);
}

function sortValue(row: LesionRow, key: SortKey): number | string {
  switch (key) {
    case 'name':
      return row.name.toLowerCase();
    case 'centroid':
      return row.centroidLps?.[2] ?? Number.NaN;
    case 'oarDistance':
      return row.nearestOar?.distanceMm ?? Number.POSITIVE_INFINITY;
    default:
      return row[key];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The lesion table of a radiosurgery case: every GTV with its volume, longest diameters, centroid
 * and nearest organ at risk, sortable by any column and exported as CSV (units in the header).
 * The figures come from the backend, measured on the masks that will be exported.
 */
export function LesionTable(props: { readonly info: AppInfo; readonly meta: VolumeMeta; readonly structures: readonly StructurePayload[] }): React.JSX.Element | null {
  const api = useApi();
  const seriesUid = props.meta.seriesInstanceUid;
  const lesions = props.structures.filter(isLesion);
  // Recompute when a lesion (or an organ it is measured against) changes.
  const signature = props.structures.map((s) => `${s.id}:${s.voxelCount}:${s.name}:${s.interpretedType}`).join('|');
  const [rows, setRows] = useState<readonly LesionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'volumeCc', ascending: false });
  const safeName = (props.meta.seriesDescription || props.meta.modality).replace(/[^A-Za-z0-9_-]+/g, '_');
  const [path, setPath] = useState(`${props.info.defaultExportDir}/lesions_${safeName}.csv`);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    api.lesionTable({ seriesUid }).then(setRows, (e: unknown) => {
      setRows(null);
      setError(`The lesion table could not be computed: ${describe(e)}`);
    });
  }, [api, seriesUid]);

  useEffect(() => {
    if (lesions.length > 0) load();
  }, [signature, load]);

  const sorted = useMemo(() => {
    if (!rows) return [];
    const dir = sort.ascending ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = sortValue(a, sort.key), y = sortValue(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }, [rows, sort]);

  const exporter = useConfirmedExport({
    info: props.info,
    title: 'Export lesion table (CSV)',
    path,
    setPath,
    write: async (target, overwrite) => {
      setMessage(null);
      const written = await api.exportLesionTable({ seriesUid, path: target, overwrite });
      setMessage(`Wrote ${written.rows} lesion(s) to ${written.path}.`);
    },
    onError: (e) => setMessage(`Not exported: ${describe(e)}`),
  });

  if (lesions.length === 0) return null;

  return (
    <div className="lesion-table" data-testid="lesion-table">
      <h3>Lesions ({lesions.length})</h3>
      {error && <p className="warning" data-testid="lesion-error">{error}</p>}
      {rows && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} title={c.title} aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                    <button
                      type="button"
                      className="sort"
                      data-testid={`lesion-sort-${c.key}`}
                      onClick={() => setSort((s) => ({ key: c.key, ascending: s.key === c.key ? !s.ascending : c.key === 'name' || c.key === 'oarDistance' }))}
                    >
                      {c.label}
                      {sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.structureId} data-testid="lesion-row" data-name={r.name}>
                  <td>{r.name}</td>
                  <td className="num">{r.volumeCc.toFixed(2)}</td>
                  <td className="num">{r.longestDiameter3dMm.toFixed(1)}</td>
                  <td className="num">{r.longestDiameterAxialMm.toFixed(1)}</td>
                  <td className="num">{r.centroidLps ? r.centroidLps.map((v) => v.toFixed(1)).join(', ') : '—'}</td>
                  <td>{r.nearestOar ? `${r.nearestOar.name} ${r.nearestOar.distanceMm.toFixed(1)} mm` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        {props.info.shell === 'web' && <input value={path} aria-label="Lesion table CSV file" data-testid="lesion-export-path" onChange={(e) => {
              setPath(e.target.value);
              exporter.dismiss();
            }} />}
        <button type="button" data-testid="lesion-refresh" onClick={load}>
          Refresh
        </button>
        <button type="button" disabled={rows === null || path.trim() === ''} data-testid="lesion-export" onClick={() => void exporter.start()}>
          Export CSV
        </button>
      </div>
      {exporter.replace !== null && <ReplaceFilePrompt path={exporter.replace} testId="lesion-replace" onReplace={() => void exporter.confirm()} onCancel={() => exporter.dismiss()} />}
      {message && <p className="message" data-testid="lesion-message">{message}</p>}
    </div>
  );
}
