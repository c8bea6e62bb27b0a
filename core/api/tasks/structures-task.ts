import { readDicomFile } from '../../dicom/read-dicom-file.js';
import { checkStructures } from '../../rt/check-structures.js';
import { rasterizeStructureSet } from '../../rt/rasterize-structure-set.js';
import { readRtStruct } from '../../rt/read-rtstruct.js';
import { writeRtStructFile } from '../../rt/write-rtstruct.js';
import type { ImageVolume } from '../../volume/image-volume.js';
import type { JobProgress } from '../contract.js';
import type { ReadStructuresResult, Task, VolumeGrid, WriteStructuresResult } from './task-messages.js';

/** Rasterising and writing read only the geometry and slice sources of a volume, never its voxels. */
function gridVolume(grid: VolumeGrid): ImageVolume {
  return { ...grid, data: new Uint8Array(0) };
}

export function readStructuresTask(task: Extract<Task, { kind: 'read-structures' }>, onProgress: (p: JobProgress) => void): ReadStructuresResult {
  onProgress({ task: 'structures', message: 'reading the structure set', fraction: 0 });
  const set = readRtStruct(task.path);
  onProgress({ task: 'structures', message: `rasterising ${set.rois.length} ROI(s)`, fraction: 0.2 });
  const rasters = rasterizeStructureSet(set, gridVolume(task.grid));
  return {
    label: set.label || set.name,
    sopInstanceUid: set.sopInstanceUid,
    warnings: set.warnings,
    rois: rasters.map((r) => ({
      number: r.roi.number,
      name: r.roi.name,
      color: [r.roi.color[0], r.roi.color[1], r.roi.color[2]],
      interpretedType: r.roi.interpretedType,
      generationAlgorithm: r.roi.generationAlgorithm,
      generationDescription: r.roi.generationDescription,
      mask: r.mask,
      voxels: r.voxels,
      warnings: [...r.warnings, ...(r.markers.length > 0 ? [`${r.markers.length} point/open contour(s) are not shown`] : [])],
    })),
  };
}

/**
 * Check, then write. A finding of severity 'error' (something a planning system would reject or
 * mis-file: duplicate names, empty name, bad characters) stops the export before any file exists.
 */
export function writeStructuresTask(task: Extract<Task, { kind: 'write-structures' }>, onProgress: (p: JobProgress) => void): WriteStructuresResult {
  onProgress({ task: 'structures', message: 'checking the structures', fraction: 0 });
  const volume = gridVolume(task.grid);
  const issues = checkStructures(task.rois, volume, { specificCharacterSet: 'ISO_IR 192' });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new Error(`not exported: ${errors.map((e) => e.message).join('; ')}`);
  onProgress({ task: 'structures', message: `tracing contours of ${task.rois.length} structure(s)`, fraction: 0.2 });
  const reference = readDicomFile(task.referencePath, { headerOnly: true }).dataset;
  delete reference['PixelData'];
  const built = writeRtStructFile(task.path, volume, reference, task.rois, { label: task.label, ...(task.extraAttributes ? { extraAttributes: task.extraAttributes } : {}) });
  return { sopInstanceUid: built.sopInstanceUid, contourCount: built.contourCount, warnings: built.warnings, issues };
}
