import { useEffect, useMemo, useState } from 'react';
import type { AppInfo, SeriesInfo } from '../../core/api/contract.js';
import { newJobId } from './api/api-from-bridge.js';
import { useApi, useJobProgress } from './api/api-context.js';
import type { LoadedVolume } from './api/loaded-volume.js';
import { toLoadedVolume } from './api/loaded-volume.js';
import { useWorkspace } from './api/use-workspace.js';
import { ImportHistory } from './browser/ImportHistory.js';
import { ImportPanel } from './browser/ImportPanel.js';
import { StudyTree } from './browser/StudyTree.js';
import { ReviewPanel } from './review/ReviewPanel.js';
import { WorkspaceAlert } from './review/WorkspaceAlert.js';
import { reloadWorkspace } from './settings/reload-workspace.js';
import { SettingsPanel } from './settings/SettingsPanel.js';
import { useSettings } from './settings/use-settings.js';
import { StructuresPanel } from './structures/StructuresPanel.js';
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
  const workspace = useWorkspace(volume?.meta.seriesInstanceUid ?? null);
  const settings = useSettings();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
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
      setSelectedId(null);
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) setError(`Could not open the series: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setLoadJob((current) => (current === jobId ? null : current));
    }
  };

  const display: readonly DisplayStructure[] = useMemo(
    () =>
      workspace.structures.map(({ payload: s, visible }) => ({
        id: s.id,
        name: s.name,
        color: s.color,
        visible,
        box: s.box,
        mask: new Uint8Array(s.mask),
        aiDraft: s.review.state === 'ai-draft',
        rejected: s.review.state === 'rejected',
        external: s.interpretedType === 'EXTERNAL',
        uncertainty: s.confidence?.box ? { box: s.confidence.box, values: new Uint8Array(s.confidence.uncertainty) } : null,
      })),
    [workspace.structures],
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
        {volume ? <Viewer volume={volume} structures={display} workspace={workspace} selection={{ id: selectedId, set: setSelectedId }} /> : !loadJob && <div className="placeholder">Open a series from the list.</div>}
      </main>
      <aside className="sidebar right">
        <WorkspaceAlert workspace={workspace} />
        <SettingsPanel
          settings={settings.settings}
          error={settings.error}
          open={settingsOpen || (settings.loaded && settings.settings.reviewer === null)}
          onOpenChange={setSettingsOpen}
          onSave={async (next) => {
            if ((await settings.save(next)) === null) return;
            setSettingsOpen(false);
            if (volume) await reloadWorkspace(api, volume.meta.seriesInstanceUid, workspace).catch(() => undefined);
          }}
        />
        <StructuresPanel
          info={info}
          meta={volume?.meta ?? null}
          workspace={workspace}
          settings={settings.settings}
          selectedId={selectedId}
          onSelect={setSelectedId}
          onSetReviewer={() => setSettingsOpen(true)}
          review={volume && <ReviewPanel workspace={workspace} settings={settings.settings} selectedId={selectedId} onSetReviewer={() => setSettingsOpen(true)} />}
        />
      </aside>
    </div>
  );
}
