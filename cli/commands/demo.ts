import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, single } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { contourSeries, writeAutoContours } from '../../core/autocontour/contour-series.js';
import { voxelVolumeCc } from '../../core/editing/mask-grid.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { rasterizeStructureSet } from '../../core/rt/rasterize-structure-set.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { openStudyStore, defaultStorePath } from '../../core/store/index.js';
import { packageRoot } from '../../core/api/package-root.js';
import { printRun } from './segment.js';

/** The bundled sample: a real CT series (mirp-sts STS_002, CC BY 3.0; see its SOURCE.md). */
export function sampleCtFolder(): string {
  return join(packageRoot(), 'test/fixtures/mirp-sts/STS_002/CT/dicom/image');
}

export const command: Command = {
  name: 'demo',
  summary: 'Run the whole main job on the bundled sample CT: import, auto-contour, write an RT Structure Set, read it back, and summarise the structures.',
  usage: 'delineate demo [--out DIR] [--data DATA_DIR]',
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'data']);
    if (parsed.positional.length > 0) throw new CliError(`usage: ${command.usage}`);
    const outDir = resolve(single(parsed, 'out') ?? mkdtempSync(join(tmpdir(), 'delineate-demo-')));
    // A demo keeps out of the user's own study database unless asked to use it.
    const dataDir = resolve(single(parsed, 'data') ?? join(outDir, 'data'));
    const sample = sampleCtFolder();
    io.out(`1. import ${sample}`);
    const report = await scanFolder(sample);
    const store = openStudyStore(defaultStorePath(dataDir));
    try {
      const summary = store.recordScan(report, { actor: 'delineate-cli' });
      io.out(`   ${summary.instancesAdded + summary.instancesUnchanged} image(s) recorded in ${store.file}`);
    } finally {
      store.close();
    }
    const loaded = await loadSeriesFromFolder(sample);
    const v = loaded.volume;
    io.out(`   ${v.modality} ${v.dims.join('×')}, ${v.spacingMm.map((s) => s.toFixed(2)).join('×')} mm`);
    io.out('2. auto-contour');
    const run = await contourSeries(loaded);
    printRun(run, io);
    const rtPath = join(outDir, 'RS_demo.dcm');
    io.out(`3. write ${rtPath}`);
    writeAutoContours(rtPath, loaded, run);
    io.out('4. read it back onto the series');
    const rasters = rasterizeStructureSet(readRtStruct(rtPath), v);
    const cc = voxelVolumeCc(v);
    let identical = 0;
    for (const r of rasters) {
      const original = run.structures.find((s) => s.number === r.roi.number);
      const same = original !== undefined && r.mask !== null && r.mask.every((x, n) => x === original.mask[n]);
      if (same) identical++;
      io.out(`   ${r.roi.name.padEnd(18)} ${(r.voxels * cc).toFixed(2).padStart(9)} cc  ${r.roi.generationAlgorithm ?? ''}${same ? ', voxel-identical to the contoured mask' : ', DIFFERS from the contoured mask'}`);
    }
    if (identical !== run.structures.length) throw new CliError('the structure set read back differs from what was contoured');
    io.out(`Done: ${run.structures.length} structure(s), AI draft, not approved. Open ${rtPath} with the series in ${sample}.`);
    return 0;
  },
};
