import type { DelineateBridge } from '../../../core/api/bridge.js';
import type { Api, ApiFailure, ApiMethod } from '../../../core/api/contract.js';
import { API_METHODS } from '../../../core/api/request-schema.js';

/** A failed call; `name` is 'AbortError' when the user cancelled the job. */
export class ApiCallError extends Error {
  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = failure.name;
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** One async function per method of the contract, over whichever bridge the shell provides. */
export function apiFromBridge(bridge: DelineateBridge): Api {
  const table: Partial<Record<ApiMethod, (request: never) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    table[method] = async (request: never) => {
      const outcome = await bridge.call(method, request);
      if (outcome.ok) return outcome.value;
      throw new ApiCallError(outcome.error);
    };
  }
  return table as unknown as Api;
}

let jobCounter = 0;
/** A job id unique within this window. */
export function newJobId(prefix: string): string {
  jobCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${jobCounter}`;
}
