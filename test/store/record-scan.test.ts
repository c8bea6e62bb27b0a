import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../core/audit/index.js';
import { openStudyStore, StoreError, type StudyStore } from '../../core/store/index.js';
import { tempDir } from '../support/paths.js';
import { mapInstances, planningCtScan, sha256 } from './scan-fixture.js';

const UID = '1.2.826.0.1.3680043.10.1234';
const CT_SERIES = `${UID}.2.1`;

let store: StudyStore;
beforeEach(() => {
  store = openStudyStore(join(tempDir(), 'delineate.sqlite'));
});
afterEach(() => {
  store.close();
});

describe('recordScan', () => {
  it('stores the hierarchy and answers every query', () => {
    const summary = store.recordScan(planningCtScan(), { startedAt: new Date('2024-03-15T10:00:00Z') });
    expect(summary).toMatchObject({
      root: '/data/export',
      startedAt: '2024-03-15T10:00:00.000Z',
      filesSeen: 7,
      patientsAdded: 1,
      studiesAdded: 1,
      seriesAdded: 2,
      instancesAdded: 6,
      instancesUnchanged: 0,
      instancesRelocated: 0,
      conflicts: 0,
      skipped: 1,
    });

    expect(store.listPatients()).toEqual([{ patientId: 'RT-0001', patientName: 'PHANTOM^PELVIS', birthDate: '19700101', sex: 'O', studyCount: 1 }]);
    expect(store.listStudies('RT-0001')).toEqual([
      { studyInstanceUid: `${UID}.1`, patientId: 'RT-0001', studyDate: '20240315', studyDescription: 'Planning CT', accessionNumber: 'ACC1', seriesCount: 2 },
    ]);
    expect(store.listStudies('nobody')).toEqual([]);
    const series = store.listSeries(`${UID}.1`);
    expect(series.map((s) => [s.seriesNumber, s.modality, s.instanceCount])).toEqual([
      [1, 'RTSTRUCT', 1],
      [2, 'CT', 5],
    ]);

    const instances = store.seriesInstances(CT_SERIES);
    // Instance Number order although the scan listed them reversed; the slice without one comes last.
    expect(instances.map((i) => i.path)).toEqual([1, 2, 3, 4, 5].map((n) => `/data/export/CT/slice-000${n}.dcm`));
    expect(instances.map((i) => i.instanceNumber)).toEqual([1, 2, 3, 4, undefined]);
    expect(instances[0]).toEqual({
      path: '/data/export/CT/slice-0001.dcm',
      sopInstanceUid: `${UID}.3.1`,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      contentSha256: sha256(`${UID}.3.1`),
      sizeBytes: 526_001,
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      instanceNumber: 1,
      numberOfFrames: 1,
    });

    const [history] = store.importHistory();
    expect(history).toEqual({ ...summary });
    expect(store.skippedFiles(summary.importId)).toEqual([{ path: '/data/export/DICOMDIR', reason: 'media directory, not an image' }]);
  });

  it('is idempotent: the same report twice adds nothing the second time', () => {
    const first = store.recordScan(planningCtScan());
    const totals = store.totals();
    const second = store.recordScan(planningCtScan());

    expect(store.totals()).toEqual({ ...totals, imports: 2 });
    expect(totals).toEqual({ patients: 1, studies: 1, series: 2, instances: 6, imports: 1 });
    expect(second).toMatchObject({ patientsAdded: 0, studiesAdded: 0, seriesAdded: 0, instancesAdded: 0, instancesUnchanged: 6, instancesRelocated: 0, conflicts: 0 });
    expect(store.seriesInstances(CT_SERIES)).toHaveLength(5);
    // Each run keeps its own log of what it skipped.
    expect(store.skippedFiles(first.importId)).toHaveLength(1);
    expect(store.skippedFiles(second.importId)).toHaveLength(1);
    expect(store.importHistory().map((i) => i.importId)).toEqual([second.importId, first.importId]);
  });

  it('follows identical bytes to a new path (a moved folder) without duplicating them', () => {
    store.recordScan(planningCtScan());
    const moved = store.recordScan(planningCtScan({ root: '/media/usb/export' }));

    expect(moved).toMatchObject({ instancesAdded: 0, instancesRelocated: 6, conflicts: 0 });
    expect(store.totals().instances).toBe(6);
    expect(store.seriesInstances(CT_SERIES).every((i) => i.path.startsWith('/media/usb/export/'))).toBe(true);
  });

  it('records a SOP Instance UID with different content as a conflict and keeps the stored instance', () => {
    store.recordScan(planningCtScan());
    const edited = mapInstances(planningCtScan(), (i) => (i.sopInstanceUid === `${UID}.3.2` ? { ...i, contentSha256: sha256('edited'), sizeBytes: 1 } : i));
    const summary = store.recordScan(edited);

    expect(summary).toMatchObject({ instancesAdded: 0, instancesUnchanged: 5, conflicts: 1 });
    expect(store.importHistory()[0]?.conflicts).toBe(1);
    expect(store.conflicts(summary.importId)).toEqual([
      {
        kind: 'instance-content',
        uid: `${UID}.3.2`,
        path: '/data/export/CT/slice-0002.dcm',
        existing: `sha256 ${sha256(`${UID}.3.2`)} at /data/export/CT/slice-0002.dcm`,
        incoming: `sha256 ${sha256('edited')} at /data/export/CT/slice-0002.dcm`,
      },
    ]);
    const kept = store.seriesInstances(CT_SERIES).find((i) => i.sopInstanceUid === `${UID}.3.2`);
    expect(kept).toMatchObject({ contentSha256: sha256(`${UID}.3.2`), sizeBytes: 526_002 });
  });

  it('flags a path that now holds a different instance', () => {
    store.recordScan(planningCtScan({ slices: 1 }));
    // Another export written over the same folder: same paths, new UIDs.
    const summary = store.recordScan(planningCtScan({ slices: 1, uidRoot: '1.2.3.4' }));

    expect(summary.instancesAdded).toBe(2);
    const reused = store.conflicts(summary.importId).filter((c) => c.kind === 'path-reused');
    expect(reused.map((c) => [c.uid, c.path])).toEqual([
      [`${UID}.3.1`, '/data/export/CT/slice-0001.dcm'],
      [`${UID}.4.1`, '/data/export/RS.dcm'],
    ]);
  });

  it('keeps the stored parent and attributes when an import disagrees, and says so', () => {
    store.recordScan(planningCtScan());
    const renamed = planningCtScan({ patientId: 'RT-0002' });
    const summary = store.recordScan({
      ...renamed,
      patients: renamed.patients.map((p) => ({ ...p, studies: p.studies.map((s) => ({ ...s, studyDescription: 'Re-plan' })) })),
    });

    expect(summary.patientsAdded).toBe(1);
    const kinds = store.conflicts(summary.importId).map((c) => [c.kind, c.existing, c.incoming]);
    expect(kinds).toEqual([
      ['study-patient', 'patient ID "RT-0001"', 'patient ID "RT-0002"'],
      ['study-attributes', 'study_description "Planning CT"', 'study_description "Re-plan"'],
    ]);
    expect(store.listStudies('RT-0001')[0]?.studyDescription).toBe('Planning CT');
    expect(store.listStudies('RT-0002')).toEqual([]);
  });

  it('rolls the whole import back when one record is invalid', () => {
    store.recordScan(planningCtScan());
    const before = store.totals();
    const bad = mapInstances(planningCtScan({ uidRoot: '1.2.3.4', root: '/elsewhere' }), (i) => (i.instanceNumber === 3 ? { ...i, numberOfFrames: -1 } : i));

    expect(() => store.recordScan(bad)).toThrow(/recording the scan of \/elsewhere failed, so none of it was stored: CHECK constraint failed/);
    expect(() => store.recordScan(bad)).toThrow(StoreError);
    expect(store.totals()).toEqual(before);
    // Nor is it in the audit log: only the import that was stored.
    const log = openAuditLog(store.file);
    try {
      expect(log.list().map((e) => [e.action, e.subject])).toEqual([['import', '/data/export']]);
    } finally {
      log.close();
    }
  });

  it('writes each import into the audit log with who, what and the counts, chained like every entry', () => {
    const first = store.recordScan(planningCtScan(), { actor: 'delineate-cli' });
    store.recordScan(planningCtScan());
    const log = openAuditLog(store.file);
    try {
      const entries = log.list();
      expect(entries.map((e) => [e.actor, e.action, e.subject])).toEqual([
        ['delineate-cli', 'import', '/data/export'],
        ['delineate', 'import', '/data/export'],
      ]);
      expect(entries[0]!.details).toMatchObject({ importId: first.importId, filesSeen: 7, instancesAdded: 6, seriesAdded: 2, skipped: 1, conflicts: 0 });
      expect(entries[1]!.details).toMatchObject({ instancesAdded: 0, instancesUnchanged: 6 });
      expect(log.verify().ok).toBe(true);
    } finally {
      log.close();
    }
  });

  it('refuses calls after close', () => {
    store.close();
    expect(() => store.listPatients()).toThrow(StoreError);
    expect(() => store.close()).not.toThrow();
  });
});
