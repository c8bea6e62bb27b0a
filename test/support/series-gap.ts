import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { imageSeriesOf } from '../../core/import/load-series.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { tempDir } from './paths.js';

/**
 * A copy of the axial image series in `source` without its slice number `missing` (counted from
 * the lowest position): a real series with a gap, as a lost file leaves it.
 */
export async function seriesWithGap(source: string, missing: number, prefix = 'series-gap-'): Promise<string> {
  const root = tempDir(prefix);
  const ordered = imageSeriesOf(await scanFolder(source))[0]!.instances.slice().sort((a, b) => a.imagePositionPatient![2]! - b.imagePositionPatient![2]!);
  ordered.forEach((inst, n) => {
    if (n !== missing) copyFileSync(inst.path, join(root, basename(inst.path)));
  });
  return root;
}
