import type { Api, ApiMethod, ApiOutcome } from '../core/api/contract.js';
import { ApiRequestError, isApiMethod, validateRequest } from '../core/api/request-schema.js';
import { isAppUrl } from './app-origin.js';

/** What an IPC call carries about where it came from (from IpcMainInvokeEvent). */
export interface CallOrigin {
  /** URL of the frame that sent it; null when the frame is gone. */
  readonly frameUrl: string | null;
  /** Whether it came from the window's top frame (never from an embedded frame). */
  readonly topFrame: boolean;
}

export class UntrustedSenderError extends Error {
  constructor(origin: CallOrigin) {
    super(`IPC call refused: sender ${origin.frameUrl ?? '(unknown frame)'}${origin.topFrame ? '' : ' (a sub-frame)'} is not the app`);
    this.name = 'UntrustedSenderError';
  }
}

/**
 * One IPC call: sender checked against the app's origin (top frame only), method and request
 * checked against the contract, then dispatched. Failures of the call itself come back as an
 * ApiOutcome; an untrusted sender is refused outright (it gets no information either way).
 */
export async function dispatchCall(api: Api, origin: CallOrigin, method: unknown, request: unknown): Promise<ApiOutcome<ApiMethod>> {
  if (!origin.topFrame || !isAppUrl(origin.frameUrl)) throw new UntrustedSenderError(origin);
  try {
    if (!isApiMethod(method)) throw new ApiRequestError(`unknown method '${String(method)}'`);
    const valid = validateRequest(method, request);
    // The table is typed per method; the validated request is that method's by construction.
    const call = api[method] as (r: unknown) => Promise<unknown>;
    return { ok: true, value: (await call(valid)) as never };
  } catch (error) {
    const e = error instanceof Error || error instanceof DOMException ? error : new Error(String(error));
    return { ok: false, error: { name: e.name, message: e.message } };
  }
}
