/**
 * Worker-thread entry for auto-contouring. onnxruntime-node's run() blocks its thread for
 * seconds to minutes, so it must never run on the Electron main or renderer thread.
 * One worker per run: when it exits, onnxruntime's memory arena goes with it.
 */
import { parentPort } from 'node:worker_threads';
import { segmentVolume } from '../segmentation/segment-volume.js';
import type { SegmentationRequest, SegmentationWorkerMessage } from './segmentation-messages.js';

const port = parentPort;
if (!port) throw new Error('segmentation-worker must run in a worker thread');

function send(message: SegmentationWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.once('message', (request: SegmentationRequest) => {
  const cancelled = new Int32Array(request.cancel);
  const checkpoint = (): void => {
    if (Atomics.load(cancelled, 0) !== 0) throw new DOMException('segmentation cancelled', 'AbortError');
  };
  segmentVolume(request.input, request.options, {
    checkpoint,
    onProgress: (progress) => send({ type: 'progress', progress }),
    onModel: (info) => send({ type: 'model', info }),
    onTiming: (timing) => send({ type: 'timing', timing }),
  }).then(
    (output) => {
      // Hand the masks over without copying: they are the bulk of the result.
      const transfer = [...output.structures.map((s) => s.mask.buffer), ...output.classLabels.map((c) => c.data.buffer)] as ArrayBuffer[];
      send({ type: 'done', output }, transfer);
      port.close();
    },
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      send({ type: 'failed', error: { name: e.name, message: e.message } });
      port.close();
    },
  );
});
