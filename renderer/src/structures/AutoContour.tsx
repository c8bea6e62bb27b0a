import { useEffect, useState } from 'react';
import type { ModelList, SegmentationStageName, VolumeMeta, WorkspaceChange } from '../../../core/api/contract.js';
import { isCancelled, newJobId } from '../api/api-from-bridge.js';
import { useApi, useJobProgress } from '../api/api-context.js';

const STAGES: readonly SegmentationStageName[] = ['load-models', 'conform', 'normalise', 'crop', 'inference', 'postprocess', 'resample'];

/** Model picker, run with per-stage progress, cancel. */
export function AutoContour(props: { readonly meta: VolumeMeta; readonly siteModelDirs: readonly string[]; readonly onChange: (change: WorkspaceChange) => void }): React.JSX.Element {
  const api = useApi();
  const [catalogue, setCatalogue] = useState<ModelList | null>(null);
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<Readonly<Record<string, number>>>({});
  const [augment, setAugment] = useState(false);
  const progress = useJobProgress(jobId);

  useEffect(() => {
    void api.listModels({}).then((c) => {
      setCatalogue(c);
      setChosen(c.models.filter((m) => m.modality === props.meta.modality).slice(0, 1).map((m) => m.id));
    }, (e: unknown) => setMessage(`Models could not be listed: ${e instanceof Error ? e.message : String(e)}`));
  }, [api, props.meta.modality]);

  useEffect(() => {
    if (progress?.task === 'segment') setDone((d) => ({ ...d, [`${progress.modelId ?? ''}:${progress.stage}`]: progress.fraction }));
  }, [progress]);

  const run = async (): Promise<void> => {
    const id = newJobId('segment');
    setJobId(id);
    setDone({});
    setMessage(null);
    const started = performance.now();
    try {
      const change = await api.runSegmentation({ jobId: id, seriesUid: props.meta.seriesInstanceUid, modelIds: chosen, ...(augment ? { testTimeAugmentation: true } : {}) });
      props.onChange(change);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      // Under sequential reading the new drafts come back hidden: say so rather than "0 structures".
      setMessage(
        change.changed.length === 0 && change.hiddenDrafts > 0
          ? `${change.hiddenDrafts} AI draft(s) in ${seconds} s, hidden until you have looked at the images.`
          : `${change.changed.length} structure(s) in ${seconds} s.`,
      );
    } catch (error) {
      setMessage(isCancelled(error) ? 'Cancelled.' : `Auto-contouring failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setJobId(null);
    }
  };

  const segment = progress?.task === 'segment' ? progress : null;
  return (
    <div className="auto-contour">
      <h3>Auto-contour</h3>
      {catalogue && catalogue.problems.length > 0 && (
        <details className="model-problems" data-testid="model-problems">
          <summary className="warning">
            {catalogue.problems.length} model package{catalogue.problems.length === 1 ? '' : 's'} refused
          </summary>
          {catalogue.problems.map((p) => (
            <p key={p.folder} className="warning">
              {p.message}
            </p>
          ))}
        </details>
      )}
      <select
        multiple
        value={[...chosen]}
        aria-label="Models"
        data-testid="model-picker"
        onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}
      >
        {catalogue?.models.map((m) => (
          <option key={m.id} value={m.id} title={`${m.id} ${m.version}, weights sha256:${m.weightsSha256}\n${m.citation}\nLicence: ${m.licence}`}>
            {m.site ? 'Site model: ' : ''}
            {m.title} ({m.modality}, {m.structures.length} structures)
          </option>
        ))}
      </select>
      <details className="site-models">
        <summary>Site models</summary>
        <p className="dim">
          To add a model validated at your site, place its folder (manifest.json and weights) in {props.siteModelDirs.join(' or ')}. It is checked (manifest, weights hash, input
          contract) before it is offered here; a refused one is listed above with the reason.
        </p>
      </details>
      {chosen.some((id) => catalogue?.models.find((m) => m.id === id)?.modality !== props.meta.modality) && (
        <p className="warning">A chosen model is for another modality than this {props.meta.modality} series.</p>
      )}
      <label className="check" title="Each model also runs on the left-right mirrored image; where the two disagree is shown as uncertainty, and a structure with low agreement is flagged. Doubles the run time.">
        <input type="checkbox" checked={augment} data-testid="segment-tta" onChange={(e) => setAugment(e.target.checked)} />
        Confidence map (test-time augmentation)
      </label>
      <div className="row">
        <button type="button" disabled={jobId !== null || chosen.length === 0} data-testid="segment-run" onClick={() => void run()}>
          Run
        </button>
        {jobId !== null && (
          <button type="button" data-testid="segment-cancel" onClick={() => void api.cancelJob({ jobId })}>
            Cancel
          </button>
        )}
      </div>
      {jobId !== null && (
        <ol className="stages" data-testid="segment-progress">
          {STAGES.map((stage) => {
            const entries = Object.entries(done).filter(([k]) => k.endsWith(`:${stage}`));
            const fraction = entries.length === 0 ? null : Math.min(...entries.map(([, f]) => f));
            const current = segment?.stage === stage;
            return (
              <li key={stage} className={current ? 'current' : fraction !== null ? 'seen' : ''}>
                <span>{stage}</span>
                <progress max={1} value={current ? segment.fraction : (fraction ?? 0)} />
              </li>
            );
          })}
          {segment && <li className="stage-message">{segment.message}</li>}
        </ol>
      )}
      {message && <p className="message" data-testid="segment-message">{message}</p>}
    </div>
  );
}
