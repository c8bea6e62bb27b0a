import { useEffect, useState } from 'react';
import type { PatientInfo, SeriesInfo, StudyInfo } from '../../../core/api/contract.js';
import { useApi } from '../api/api-context.js';

/** Patients → studies → series from the study database; a viewable series opens on click. */
export function StudyTree(props: { readonly refresh: number; readonly openSeriesUid: string | null; onOpen(series: SeriesInfo): void }): React.JSX.Element {
  const api = useApi();
  const [patients, setPatients] = useState<readonly PatientInfo[]>([]);
  const [studies, setStudies] = useState<Readonly<Record<string, readonly StudyInfo[]>>>({});
  const [series, setSeries] = useState<Readonly<Record<string, readonly SeriesInfo[]>>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // Everything is read again after an import: a re-import may add series to a study already shown.
    void (async () => {
      try {
        const ps = await api.listPatients({});
        const st: Record<string, readonly StudyInfo[]> = {};
        const se: Record<string, readonly SeriesInfo[]> = {};
        for (const p of ps) {
          st[p.patientId] = await api.listStudies({ patientId: p.patientId });
          for (const s of st[p.patientId]!) se[s.studyInstanceUid] = await api.listSeries({ studyUid: s.studyInstanceUid });
        }
        if (live) {
          setPatients(ps);
          setStudies(st);
          setSeries(se);
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [api, props.refresh]);

  return (
    <section className="panel study-tree" aria-label="Studies">
      <h2>Studies</h2>
      {error && <p className="error">{error}</p>}
      {patients.length === 0 && <p className="hint">No studies imported yet.</p>}
      <ul>
        {patients.map((p) => (
          <li key={p.patientId}>
            <div className="patient">
              {p.patientName || '(no name)'} <span className="dim">{p.patientId}</span>
            </div>
            <ul>
              {(studies[p.patientId] ?? []).map((st) => (
                <li key={st.studyInstanceUid}>
                  <div className="study">
                    {st.studyDate || '(no date)'} {st.studyDescription}
                  </div>
                  <ul>
                    {(series[st.studyInstanceUid] ?? []).map((se) => (
                      <li key={se.seriesInstanceUid}>
                        <button
                          type="button"
                          className={`series${se.seriesInstanceUid === props.openSeriesUid ? ' open' : ''}`}
                          disabled={!se.viewable}
                          title={se.seriesInstanceUid}
                          data-testid={`series-${se.modality}`}
                          onClick={() => props.onOpen(se)}
                        >
                          <b>{se.modality}</b> {se.seriesDescription || `series ${se.seriesNumber ?? ''}`} <span className="dim">({se.instanceCount})</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
