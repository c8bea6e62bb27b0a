import { vec3 } from '../geometry/spaces.js';
import { assembleGrid } from './assemble-grid.js';
import type { FrameRecord } from './frame-record.js';
import type { ScannedSeries } from './scan-types.js';

/**
 * Geometry problems of a series that a scan can already see from the headers it read: missing
 * or duplicated slices and non-uniform spacing in each stack of single-frame images. (Mosaics and
 * multi-frame images are checked when the volume is built.) Empty when the series is sound.
 */
export function seriesGeometryProblems(series: ScannedSeries): string[] {
  const stacks = new Map<string, FrameRecord[]>();
  for (const i of series.instances) {
    const iop = i.imageOrientationPatient;
    const ipp = i.imagePositionPatient;
    if (!iop || iop.length !== 6 || !ipp || ipp.length !== 3 || i.numberOfFrames !== 1 || !i.rows || !i.columns) continue;
    const key = `${iop.map((x) => x.toFixed(4)).join(',')}|${i.columns}x${i.rows}`;
    const plane: FrameRecord = {
      path: i.path,
      frameIndex: 0,
      rows: i.rows,
      columns: i.columns,
      rowCosine: vec3<'LPS'>(iop[0]!, iop[1]!, iop[2]!),
      columnCosine: vec3<'LPS'>(iop[3]!, iop[4]!, iop[5]!),
      position: vec3<'LPS'>(ipp[0]!, ipp[1]!, ipp[2]!),
      pixelSpacing: [1, 1],
      slope: 1,
      intercept: 0,
      stackKey: key,
      stackLabel: key,
      temporalOrder: [i.instanceNumber ?? 0],
      sopInstanceUid: i.sopInstanceUid,
      sopClassUid: i.sopClassUid,
      monochrome1: false,
    };
    const list = stacks.get(key) ?? [];
    list.push(plane);
    stacks.set(key, list);
  }
  const problems: string[] = [];
  for (const planes of stacks.values()) {
    if (planes.length < 3) continue; // scouts and single images carry no spacing to check
    try {
      assembleGrid(planes, `series ${series.seriesInstanceUid}`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message.replace(/^series [^:]+: /, '') : String(error));
    }
  }
  return problems;
}
