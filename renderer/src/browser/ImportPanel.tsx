import { useState } from 'react';
import type { AppInfo, ImportResult, SeriesProblemInfo } from '../../../core/api/contract.js';
import { isCancelled, newJobId } from '../api/api-from-bridge.js';
import { useApi, useJobProgress } from '../api/api-context.js';
import { importSummary } from './import-summary.js';

/** Import a folder (typed path, or the system dialog in the desktop app), with progress and cancel. */
export function ImportPanel(props: { readonly info: AppInfo; onImported(result: ImportResult): void }): React.JSX.Element {
  const api = useApi();
  const [path, setPath] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly SeriesProblemInfo[]>([]);
  const progress = useJobProgress(jobId);

  const run = async (start: (jobId: string) => Promise<ImportResult>): Promise<void> => {
    const id = newJobId('import');
    setJobId(id);
    setMessage(null);
    setProblems([]);
    try {
      const result = await start(id);
      setMessage(importSummary(result));
      setProblems(result.seriesProblems ?? []);
      props.onImported(result);
    } catch (error) {
      setMessage(isCancelled(error) ? 'Import cancelled; nothing was recorded.' : `Import failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setJobId(null);
    }
  };

  const choose = async (): Promise<void> => {
    const chosen = await api.chooseFolder({ title: 'Import DICOM folder' });
    if (chosen.path) setPath(chosen.path);
  };

  const importProgress = progress?.task === 'import' ? progress : null;
  return (
    <section className="panel import-panel" aria-label="Import">
      <h2>Import</h2>
      {props.info.firstRun && props.info.sampleStudy && (
        <div className="sample-offer">
          <p>No studies yet. Try the bundled sample: {props.info.sampleStudy.description}.</p>
          <button type="button" disabled={jobId !== null} data-testid="import-sample" onClick={() => void run((id) => api.importSample({ jobId: id }))}>
            Open the sample study
          </button>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim() !== '') void run((id) => api.importFolder({ jobId: id, path: path.trim() }));
        }}
      >
        <input type="text" value={path} placeholder="Folder with DICOM files" aria-label="Folder to import" data-testid="import-path" onChange={(e) => setPath(e.target.value)} />
        {props.info.shell === 'electron' && (
          <button type="button" onClick={() => void choose()}>
            Choose…
          </button>
        )}
        <button type="submit" disabled={jobId !== null || path.trim() === ''} data-testid="import-start">
          Import
        </button>
      </form>
      {jobId !== null && (
        <div className="progress" data-testid="import-progress">
          <progress />
          <span>
            {importProgress?.phase === 'recording' ? 'Recording' : 'Reading'}: {importProgress?.filesSeen ?? 0} file(s) read, {importProgress?.seriesFound ?? 0} series found
          </span>
          <button type="button" data-testid="import-cancel" onClick={() => void api.cancelJob({ jobId })}>
            Cancel
          </button>
        </div>
      )}
      {message && <p className="message" data-testid="import-message">{message}</p>}
      {problems.length > 0 && (
        <div className="warnings" role="status" data-testid="import-series-problems">
          <p>
            {problems.length} series cannot be opened as one volume until this is resolved (import the missing files, or ask for the series to be resent):
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p.seriesInstanceUid} data-testid="import-series-problem">
                {p.modality} {p.seriesNumber ?? ''} {p.seriesDescription ? `'${p.seriesDescription}'` : p.seriesInstanceUid}: {p.problems.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

