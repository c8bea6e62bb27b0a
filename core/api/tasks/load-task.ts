import { getNumber } from '../../dicom/attributes.js';
import type { Dataset } from '../../dicom/dcmjs.js';
import { readDicomFile } from '../../dicom/read-dicom-file.js';
import { loadSeries } from '../../import/load-series.js';
import type { ScannedInstance, ScannedSeries } from '../../import/scan-types.js';
import type { VoxelArray } from '../../volume/image-volume.js';
import type { JobProgress } from '../contract.js';
import type { LoadedVolumeResult, Task } from './task-messages.js';

type LoadTask = Extract<Task, { kind: 'load' }>;

/** Build the volume of a stored series, reading each header once. */
export async function loadTask(task: LoadTask, signal: AbortSignal, onProgress: (p: JobProgress) => void): Promise<LoadedVolumeResult> {
  const headers = new Map<string, Dataset>();
  const instances: ScannedInstance[] = [];
  for (const stored of task.instances) {
    signal.throwIfAborted();
    const header = readDicomFile(stored.path, { headerOnly: true }).dataset;
    headers.set(stored.path, header);
    const rows = getNumber(header, 'Rows');
    const columns = getNumber(header, 'Columns');
    instances.push({ ...stored, contentSha256: '', ...(rows !== undefined ? { rows } : {}), ...(columns !== undefined ? { columns } : {}) });
  }
  const series: ScannedSeries = {
    seriesInstanceUid: task.seriesUid,
    modality: task.modality,
    seriesDescription: '',
    frameOfReferenceUid: task.frameOfReferenceUid,
    instances,
  };
  const loaded = await loadSeries(series, {
    signal,
    headers,
    onProgress: (planesDone, planesTotal) => onProgress({ task: 'load', planesDone, planesTotal }),
  });
  const count = loaded.volume.dims[0] * loaded.volume.dims[1] * loaded.volume.dims[2];
  // loadSeries takes the first image instance's header as its reference dataset.
  const referencePath = instances.find((i) => (i.rows ?? 0) > 0)?.path ?? '';
  return { volume: loaded.volume, referencePath, warnings: loaded.warnings, ...percentiles(loaded.volume.data, count) };
}

/**
 * 1st/99th percentiles (the automatic MR window: MR values have no absolute scale, so a fixed
 * window would be arbitrary) and the range. Percentiles come from a regular sample of at most
 * 2^20 voxels: its error is far below one grey level on a 256-level display.
 */
export function percentiles(data: VoxelArray, count: number): { percentiles: { p1: number; p99: number }; range: { min: number; max: number } } {
  let min = Infinity;
  let max = -Infinity;
  for (let n = 0; n < count; n++) {
    const v = data[n]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const step = Math.max(1, Math.floor(count / 2 ** 20));
  const sample = new Float64Array(Math.ceil(count / step));
  for (let n = 0, s = 0; n < count; n += step, s++) sample[s] = data[n]!;
  sample.sort();
  const at = (q: number): number => sample[Math.min(sample.length - 1, Math.floor(q * (sample.length - 1)))] ?? 0;
  if (count === 0) return { percentiles: { p1: 0, p99: 1 }, range: { min: 0, max: 1 } };
  return { percentiles: { p1: at(0.01), p99: at(0.99) }, range: { min, max } };
}
