import { describe, expect, it, vi } from 'vitest';
import type { DelineateBridge } from '../../core/api/bridge.js';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../core/api/bridge.js';

/** Electron's contextBridge and ipcRenderer, doubled: what the preload exposes is captured. */
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: [] });
    },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
  },
}));
await import('../../electron/preload.js');

describe('electron/preload.ts', () => {
  it('exposes exactly one bridge, with only call and onEvent', () => {
    expect([...exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(exposed.get(BRIDGE_GLOBAL) as object).sort()).toEqual(['call', 'onEvent']);
  });

  it('forwards calls on the one invoke channel', async () => {
    const bridge = exposed.get(BRIDGE_GLOBAL) as DelineateBridge;
    expect(await bridge.call('listPatients', {})).toEqual({ ok: true, value: [] });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'listPatients', {}]]);
  });

  it('passes events without the IPC event object, and unsubscribes', () => {
    const bridge = exposed.get(BRIDGE_GLOBAL) as DelineateBridge;
    const got: unknown[][] = [];
    const off = bridge.onEvent((...args: unknown[]) => got.push(args));
    const event = { type: 'progress', jobId: 'j', progress: { task: 'load', planesDone: 1, planesTotal: 1 } };
    for (const l of listeners.get(IPC_EVENT_CHANNEL)!) l({ sender: 'ipc internals' }, event);
    expect(got).toEqual([[event]]);
    off();
    expect(listeners.get(IPC_EVENT_CHANNEL)).toEqual([]);
  });
});
