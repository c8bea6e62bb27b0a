/**
 * The preload: the only use of ipcRenderer, and the only thing the page gets from Electron —
 * one bridge (core/api/bridge.ts) on window.delineate through contextBridge. No ipcRenderer, no
 * channel names and no Node object reach the page. Bundled to one CommonJS file
 * (electron/vite.preload.config.ts), as sandboxed preloads require.
 */
import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type { DelineateBridge } from '../core/api/bridge.js';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../core/api/bridge.js';
import type { ApiEvent, ApiMethod, ApiOutcome, ApiRequest } from '../core/api/contract.js';

const bridge: DelineateBridge = {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiOutcome<M>> {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, request) as Promise<ApiOutcome<M>>;
  },
  onEvent(listener: (event: ApiEvent) => void): () => void {
    // A fresh wrapper per subscription: the page's function is never handed the IPC event object.
    const wrapped = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
