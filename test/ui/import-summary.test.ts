import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../core/api/contract.js';
import { importSummary, pathInImport } from '../../renderer/src/browser/import-summary.js';

const base: ImportResult = {
  importId: 2, root: '/media/cd', filesSeen: 6, patientsAdded: 0, studiesAdded: 0, seriesAdded: 0,
  instancesAdded: 0, instancesUnchanged: 0, instancesRelocated: 1, conflicts: 0, skipped: 7,
};

describe('importSummary (renderer/src/browser/import-summary.ts)', () => {
  it('says that nothing new came in, counts the images already known, and names what the skipped include', () => {
    expect(importSummary(base)).toBe(
      'Imported from 6 file(s) read: 0 new image(s), 0 unchanged, 1 already known (now read from here), 7 skipped (files, links or folders; see the report).',
    );
  });

  it('names new series and conflicts only when there are some', () => {
    expect(importSummary({ ...base, filesSeen: 90, instancesAdded: 83, seriesAdded: 2, instancesRelocated: 0, skipped: 6, conflicts: 1 })).toBe(
      'Imported from 90 file(s) read: 83 new image(s) in 2 new series, 0 unchanged, 6 skipped (files, links or folders; see the report), 1 conflict(s) — see the report.',
    );
  });

  it('names a skipped file by its path inside the imported folder, so files of the same name stay apart', () => {
    expect(pathInImport('/data/STS_001', '/data/STS_001/CT/nifti/image/image.nii.gz')).toBe('CT/nifti/image/image.nii.gz');
    expect(pathInImport('/data/STS_001/', '/data/STS_001/MR_T1/nifti/image/image.nii.gz')).toBe('MR_T1/nifti/image/image.nii.gz');
    expect(pathInImport('C:\\scans', 'C:\\scans\\CT\\a.txt')).toBe('CT\\a.txt');
    // A folder whose name merely starts the same is not inside, and a path elsewhere is shown whole.
    expect(pathInImport('/data/STS', '/data/STS_001/x.dcm')).toBe('/data/STS_001/x.dcm');
  });
});
