import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcMain } from 'electron';
import type { Backend } from '../core/api/backend.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../core/api/bridge.js';
import type { Api } from '../core/api/contract.js';
import { isAppUrl } from './app-origin.js';
import type { CallOrigin } from './ipc-validation.js';
import { dispatchCall } from './ipc-validation.js';

/** Where an invoke came from: the sending frame's URL and whether it is the window's top frame. */
export function originOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): CallOrigin {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url ?? null, topFrame: frame !== null && frame === event.sender.mainFrame };
}

/**
 * The only use of ipcMain: one invoke channel for every API call, and backend events sent to the
 * app's windows (only to pages on the app's origin). Returns the function that unregisters both.
 */
export function registerIpc(api: Api, backend: Pick<Backend, 'onEvent'>, windows: () => readonly WebContents[]): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, request: unknown) => dispatchCall(api, originOf(event), method, request));
  const unsubscribe = backend.onEvent((e) => {
    for (const contents of windows()) if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, e);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
