import type { Backend } from '../../core/api/backend.js';
import type { Api, ApiEvent } from '../../core/api/contract.js';

/** A backend double: every method answers from a table the test gives, events are emitted by hand. */
export function fakeBackend(overrides: Partial<Api> = {}): Backend & { emit(event: ApiEvent): void; calls: { method: string; request: unknown }[] } {
  const listeners = new Set<(e: ApiEvent) => void>();
  const calls: { method: string; request: unknown }[] = [];
  const api = new Proxy({} as Api, {
    get(_target, method: string) {
      return (request: unknown) => {
        calls.push({ method, request });
        const own = (overrides as Record<string, ((r: unknown) => Promise<unknown>) | undefined>)[method];
        return own ? own(request) : Promise.reject(new Error(`${method} not faked`));
      };
    },
  });
  return {
    api,
    calls,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
    close() {},
  };
}
