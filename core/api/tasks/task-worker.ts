/**
 * Worker-thread entry for the backend's heavy tasks (see task-messages.ts). One worker per task:
 * cancelling aborts the task's signal and, if it does not stop promptly, the worker is terminated.
 */
import { parentPort } from 'node:worker_threads';
import type { JobProgress } from '../contract.js';
import { importTask } from './import-task.js';
import { loadTask } from './load-task.js';
import { readStructuresTask, writeStructuresTask } from './structures-task.js';
import type { MainToWorker, Task, TaskResults, WorkerToMain } from './task-messages.js';

const port = parentPort;
if (!port) throw new Error('task-worker must run in a worker thread');

const controller = new AbortController();
/** Progress at most every 100 ms: the UI cannot show more, and each message crosses two boundaries. */
const PROGRESS_INTERVAL_MS = 100;
let lastProgress = 0;

function send(message: WorkerToMain, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function onProgress(progress: JobProgress): void {
  const now = Date.now();
  if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
  lastProgress = now;
  send({ type: 'progress', progress });
}

async function run(task: Task): Promise<{ result: TaskResults[Task['kind']]; transfer: ArrayBuffer[] }> {
  switch (task.kind) {
    case 'import':
      return { result: await importTask(task.root, task.storeFile, controller.signal, onProgress), transfer: [] };
    case 'load': {
      const result = await loadTask(task, controller.signal, onProgress);
      return { result, transfer: [result.volume.data.buffer as ArrayBuffer] };
    }
    case 'read-structures': {
      const result = readStructuresTask(task, onProgress);
      return { result, transfer: result.rois.flatMap((r) => (r.mask ? [r.mask.buffer as ArrayBuffer] : [])) };
    }
    case 'write-structures':
      return { result: writeStructuresTask(task, onProgress), transfer: [] };
  }
}

port.on('message', (message: MainToWorker) => {
  if (message.type === 'cancel') {
    controller.abort(new DOMException('cancelled', 'AbortError'));
    return;
  }
  run(message.task)
    // A result that cannot be cloned fails here, inside the chain, and is reported like any other failure.
    .then(({ result, transfer }) => send({ type: 'done', result }, transfer))
    .catch((error: unknown) => {
      const e = error instanceof Error || error instanceof DOMException ? error : new Error(String(error));
      send({ type: 'failed', error: { name: e.name, message: e.message } });
    })
    .finally(() => port.close());
});
