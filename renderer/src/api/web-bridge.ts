import type { DelineateBridge } from '../../../core/api/bridge.js';
import type { ApiEvent, ApiMethod, ApiOutcome, ApiRequest } from '../../../core/api/contract.js';
import { decodeEnvelope, ENVELOPE_CONTENT_TYPE } from '../../../core/api/envelope.js';

/**
 * The bridge over the loopback web host (core/api/web-host.ts): POST /api/<method>, progress as
 * server-sent events. The token comes from the address `delineate serve` printed; it is removed
 * from the address bar (so it does not end up in screenshots) and kept for this tab only.
 */
export function tokenFromLocation(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('delineate-token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('delineate-token') ?? '';
}

export function createWebBridge(token: string): DelineateBridge {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;
  const connect = (): void => {
    if (source) return;
    source = new EventSource(`api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as ApiEvent;
      for (const l of listeners) l(event);
    };
  };
  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiOutcome<M>> {
      connect();
      const response = await fetch(`api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Delineate-Token': token },
        body: JSON.stringify(request),
      });
      if (!response.ok) return { ok: false, error: { name: `HTTP ${response.status}`, message: (await response.text()).trim() } };
      const type = response.headers.get('Content-Type') ?? '';
      if (type.startsWith(ENVELOPE_CONTENT_TYPE)) return decodeEnvelope(await response.arrayBuffer()) as ApiOutcome<M>;
      return (await response.json()) as ApiOutcome<M>;
    },
    onEvent(listener) {
      connect();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
