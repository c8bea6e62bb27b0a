import { describe, expect, it } from 'vitest';
import { dispatchCall, UntrustedSenderError } from '../../electron/ipc-validation.js';
import { fakeBackend } from './support-fake-backend.js';

const app = { frameUrl: 'app://delineate/index.html', topFrame: true };

describe('electron/ipc-validation.ts', () => {
  it('dispatches a valid call from the app to the backend', async () => {
    const backend = fakeBackend({ listStudies: (r) => Promise.resolve([{ patientId: r.patientId } as never]) });
    expect(await dispatchCall(backend.api, app, 'listStudies', { patientId: 'P1' })).toEqual({ ok: true, value: [{ patientId: 'P1' }] });
    expect(backend.calls).toEqual([{ method: 'listStudies', request: { patientId: 'P1' } }]);
  });

  it('refuses senders that are not the app, or not its top frame, before looking at the call', async () => {
    const backend = fakeBackend();
    for (const origin of [
      { frameUrl: 'https://example.com/', topFrame: true },
      { frameUrl: 'file:///tmp/x.html', topFrame: true },
      { frameUrl: null, topFrame: true },
      { frameUrl: 'app://delineate/index.html', topFrame: false },
    ]) {
      await expect(dispatchCall(backend.api, origin, 'listPatients', {})).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(backend.calls).toEqual([]);
  });

  it('answers unknown methods and malformed requests with a failure, never calling the backend', async () => {
    const backend = fakeBackend();
    const cases: [unknown, unknown][] = [
      ['__proto__', {}],
      ['constructor', {}],
      ['deleteEverything', {}],
      ['listStudies', { patientId: 42 }],
      ['listStudies', { patientId: 'P', extra: 1 }],
      ['listStudies', null],
      ['listStudies', ['P']],
      ['runSegmentation', { jobId: 'j', seriesUid: 's', modelIds: 'all' }],
      ['importReport', { importId: 1.5 }],
      ['importFolder', { jobId: 'j', path: 'a\0b' }],
    ];
    for (const [method, request] of cases) {
      const outcome = await dispatchCall(backend.api, app, method, request);
      expect(outcome.ok, `${String(method)} ${JSON.stringify(request)}`).toBe(false);
    }
    expect(backend.calls).toEqual([]);
  });

  it('carries a backend failure, AbortError included, as an outcome', async () => {
    const backend = fakeBackend({ loadVolume: () => Promise.reject(new DOMException('cancelled', 'AbortError')) });
    expect(await dispatchCall(backend.api, app, 'loadVolume', { jobId: 'j', seriesUid: 's' })).toEqual({ ok: false, error: { name: 'AbortError', message: 'cancelled' } });
  });
});
