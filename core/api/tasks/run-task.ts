import { startModuleWorker } from '../../workers/start-worker.js';
import type { JobProgress } from '../contract.js';
import type { MainToWorker, Task, TaskResults, WorkerToMain } from './task-messages.js';

/** How long a cancelled task may take to reach its next checkpoint before its thread is stopped. */
const CANCEL_GRACE_MS = 2000;

export interface RunTaskOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: JobProgress) => void;
}

/** Run one task in a fresh worker thread; resolves with its result, rejects with its error (AbortError when cancelled). */
export function runTask<K extends Task['kind']>(task: Extract<Task, { kind: K }>, options: RunTaskOptions = {}): Promise<TaskResults[K]> {
  const { signal, onProgress } = options;
  return new Promise<TaskResults[K]>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('cancelled', 'AbortError'));
      return;
    }
    const worker = startModuleWorker(new URL('./task-worker.js', import.meta.url));
    let settled = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: { result: TaskResults[K] } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    };
    /**
     * The answer waits for the worker: a task that finished before it saw the request (an import
     * whose transaction already committed) reports what it did, so "cancelled, nothing recorded"
     * is never said of work that was done. A task that does not stop within the grace period is
     * terminated; an open database transaction then rolls back.
     */
    const onAbort = (): void => {
      cancelled = true;
      worker.postMessage({ type: 'cancel' } satisfies MainToWorker);
      killTimer = setTimeout(() => {
        finish({ error: new DOMException('cancelled', 'AbortError') });
        void worker.terminate();
      }, CANCEL_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerToMain) => {
      switch (message.type) {
        case 'progress':
          if (!settled) onProgress?.(message.progress);
          break;
        case 'done':
          finish({ result: message.result as TaskResults[K] });
          break;
        case 'failed':
          finish({ error: message.error.name === 'AbortError' ? new DOMException(message.error.message, 'AbortError') : Object.assign(new Error(message.error.message), { name: message.error.name }) });
          break;
      }
    });
    worker.on('error', (error) => finish({ error }));
    worker.on('exit', (code) => {
      if (killTimer) clearTimeout(killTimer);
      finish({ error: cancelled ? new DOMException('cancelled', 'AbortError') : new Error(`the ${task.kind} worker stopped (exit code ${code}) before finishing`) });
    });
    worker.postMessage({ type: 'start', task } satisfies MainToWorker);
  });
}
