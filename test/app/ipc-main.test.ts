import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../core/api/bridge.js';
import { fakeBackend } from './support-fake-backend.js';

/** Electron's ipcMain, doubled: the handler registered on the call channel is captured. */
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerIpc } = await import('../../electron/ipc-main.js');

function invokeEvent(url: string | null, top = true): unknown {
  const mainFrame = { url };
  return { sender: { mainFrame }, senderFrame: url === null ? null : top ? mainFrame : { url } };
}

function window(url: string): { sent: unknown[]; isDestroyed(): boolean; getURL(): string; send(channel: string, e: unknown): void } {
  const sent: unknown[] = [];
  return { sent, isDestroyed: () => false, getURL: () => url, send: (channel, e) => sent.push([channel, e]) };
}

describe('electron/ipc-main.ts', () => {
  beforeEach(() => handlers.clear());

  it('registers one call channel that checks the sending frame and dispatches', async () => {
    const backend = fakeBackend({ listPatients: () => Promise.resolve([]) });
    const unregister = registerIpc(backend.api, backend, () => []);
    const handle = handlers.get(IPC_CALL_CHANNEL)!;
    expect(await handle(invokeEvent('app://delineate/index.html'), 'listPatients', {})).toEqual({ ok: true, value: [] });
    await expect(handle(invokeEvent('https://example.com/'), 'listPatients', {})).rejects.toThrow(/refused/);
    await expect(handle(invokeEvent('app://delineate/index.html', false), 'listPatients', {})).rejects.toThrow(/sub-frame/);
    await expect(handle(invokeEvent(null), 'listPatients', {})).rejects.toThrow(/refused/);
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('sends backend events only to windows showing the app', () => {
    const backend = fakeBackend();
    const app = window('app://delineate/index.html');
    const foreign = window('https://example.com/');
    registerIpc(backend.api, backend, () => [app, foreign] as never);
    const event = { type: 'progress', jobId: 'j', progress: { task: 'load', planesDone: 1, planesTotal: 2 } } as const;
    backend.emit(event);
    expect(app.sent).toEqual([[IPC_EVENT_CHANNEL, event]]);
    expect(foreign.sent).toEqual([]);
  });
});
