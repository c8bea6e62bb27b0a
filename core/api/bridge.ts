import type { ApiEvent, ApiMethod, ApiOutcome, ApiRequest } from './contract.js';

/**
 * The transport under the API: what the Electron preload exposes on `window.delineate` and what
 * the renderer's web client implements over HTTP. One `call` for every method (the method name is
 * checked against the contract on the other side), one event subscription.
 */
export interface DelineateBridge {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiOutcome<M>>;
  /** Returns the function that unsubscribes. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** The global the preload defines in the renderer's main world. */
export const BRIDGE_GLOBAL = 'delineate';

/** The two IPC channels: one invoke channel for every call, one for events pushed to the window. */
export const IPC_CALL_CHANNEL = 'delineate:call';
export const IPC_EVENT_CHANNEL = 'delineate:event';
