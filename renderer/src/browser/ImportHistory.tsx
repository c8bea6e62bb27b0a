import { useEffect, useState } from 'react';
import type { ImportReport, ImportResult } from '../../../core/api/contract.js';
import { useApi } from '../api/api-context.js';
import { pathInImport } from './import-summary.js';

/** Past imports and, for the chosen one, every skipped file with its reason and every conflict. */
export function ImportHistory(props: { readonly refresh: number }): React.JSX.Element {
  const api = useApi();
  const [history, setHistory] = useState<readonly ImportResult[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);

  useEffect(() => {
    let live = true;
    void api.importHistory({}).then((h) => {
      if (!live) return;
      setHistory(h);
      // The newest import's report opens by itself: after an import, that is what the user wants to read.
      const newest = h[0];
      if (newest) void api.importReport({ importId: newest.importId }).then((r) => live && setReport(r));
    });
    return () => {
      live = false;
    };
  }, [api, props.refresh]);

  return (
    <section className="panel import-history" aria-label="Import reports">
      <h2>Import reports</h2>
      <ul className="history">
        {history.map((h) => (
          <li key={h.importId}>
            <button type="button" onClick={() => void api.importReport({ importId: h.importId }).then(setReport)}>
              #{h.importId} {h.root.split(/[\\/]/).pop()} — {h.filesSeen} read, {h.skipped} skipped
            </button>
          </li>
        ))}
      </ul>
      {report && (
        <div className="report" data-testid="import-report">
          <p>
            Import #{report.summary.importId} of {report.summary.root}: {report.summary.filesSeen} file(s) read, {report.summary.instancesAdded} added,{' '}
            {report.summary.instancesUnchanged} unchanged, {report.summary.instancesRelocated > 0 ? `${report.summary.instancesRelocated} already known (now read from here), ` : ''}
            {report.summary.skipped} skipped, {report.summary.conflicts} conflict(s).
          </p>
          {report.skippedFiles.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>Skipped file</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {report.skippedFiles.map((f) => (
                  <tr key={f.path}>
                    <td title={f.path}>{pathInImport(report.summary.root, f.path)}</td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.conflicts.map((c, n) => (
            <p key={n} className="conflict">
              Conflict ({c.kind}) on {c.uid}: stored {c.existing}; incoming {c.incoming}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
