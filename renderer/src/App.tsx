import { useEffect, useMemo, useState } from 'react';
import type { AppInfo, SeriesInfo, StructurePayload } from '../../core/api/contract.js';
import { newJobId } from './api/api-from-bridge.js';
import { useApi, useJobProgress } from './api/api-context.js';
import type { LoadedVolume } from './api/loaded-volume.js';
import { toLoadedVolume } from './api/loaded-volume.js';
import { ImportHistory } from './browser/ImportHistory.js';
import { ImportPanel } from './browser/ImportPanel.js';
import { StudyTree } from './browser/StudyTree.js';
import { AutoContour } from './structures/AutoContour.js';
import type { ListedStructure } from './structures/StructureList.js';
import { StructureList } from './structures/StructureList.js';
import { StructureSets } from './structures/StructureSets.js';
import type { DisplayStructure } from './viewer/structure-overlay.js';
import { Viewer } from './viewer/Viewer.js';

export function App(): React.JSX.Element {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [open, setOpen] = useState<SeriesInfo | null>(null);
  const [volume, setVolume] = useState<LoadedVolume | null>(null);
  const [loadJob, setLoadJob] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [structures, setStructures] = useState<readonly ListedStructure[]>([]);
  const loadProgress = useJobProgress(loadJob);

  useEffect(() => {
    void api.appInfo({}).then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api, refresh]);

  const openSeries = async (series: SeriesInfo): Promise<void> => {
    if (loadJob) await api.cancelJob({ jobId: loadJob });
    const jobId = newJobId('load');
    setOpen(series);
    setLoadJob(jobId);
    setError(null);
    try {
      const loaded = toLoadedVolume(await api.loadVolume({ jobId, seriesUid: series.seriesInstanceUid }));
      setVolume(loaded);
      setStructures([]);
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) setError(`Could not open the series: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setLoadJob((current) => (current === jobId ? null : current));
    }
  };

  const addStructures = (added: readonly StructurePayload[]): void => {
    // The backend replaces a structure that the same model or file made before; mirror that here.
    const key = (s: StructurePayload): string => `${s.source}|${s.origin}|${s.name}`;
    const replaced = new Set(added.map(key));
    setStructures((list) => [...list.filter((s) => !replaced.has(key(s.payload))), ...added.map((payload) => ({ payload, visible: true }))]);
  };

  const display: readonly DisplayStructure[] = useMemo(
    () => structures.map(({ payload: s, visible }) => ({ id: s.id, name: s.name, color: s.color, visible, box: s.box, mask: new Uint8Array(s.mask) })),
    [structures],
  );

  if (!info) return <div className="app loading">{error ?? 'Starting…'}</div>;
  return (
    <div className="app">
      <aside className="sidebar left">
        <header className="brand">
          Delineate <span className="dim">{info.version}</span>
        </header>
        <ImportPanel info={info} onImported={() => setRefresh((n) => n + 1)} />
        <StudyTree refresh={refresh} openSeriesUid={open?.seriesInstanceUid ?? null} onOpen={(s) => void openSeries(s)} />
        <ImportHistory refresh={refresh} />
      </aside>
      <main className="main">
        {error && <div className="error" role="alert">{error}</div>}
        {loadJob && (
          <div className="progress" data-testid="load-progress">
            <progress max={loadProgress?.task === 'load' ? loadProgress.planesTotal : undefined} value={loadProgress?.task === 'load' ? loadProgress.planesDone : undefined} />
            <span>
              Loading {open?.seriesDescription}
              {loadProgress?.task === 'load' ? `: ${loadProgress.planesDone} / ${loadProgress.planesTotal} images` : '…'}
            </span>
          </div>
        )}
        {volume ? <Viewer volume={volume} structures={display} /> : !loadJob && <div className="placeholder">Open a series from the list.</div>}
      </main>
      <aside className="sidebar right">
        <section className="panel" aria-label="Structures">
          <h2>Structures</h2>
          <StructureList
            structures={structures}
            onToggle={(id) => setStructures((list) => list.map((s) => (s.payload.id === id ? { ...s, visible: !s.visible } : s)))}
            onRemove={(id) => {
              if (!volume) return;
              void api.removeStructure({ seriesUid: volume.meta.seriesInstanceUid, structureId: id });
              setStructures((list) => list.filter((s) => s.payload.id !== id));
            }}
          />
          {volume && <AutoContour key={volume.meta.seriesInstanceUid} meta={volume.meta} onStructures={addStructures} />}
          {volume && (
            <StructureSets
              key={`sets-${volume.meta.seriesInstanceUid}`}
              info={info}
              meta={volume.meta}
              exportIds={structures.filter((s) => s.visible && s.payload.box !== null).map((s) => s.payload.id)}
              onStructures={addStructures}
            />
          )}
        </section>
      </aside>
    </div>
  );
}
