import { describe, it } from 'vitest';
import { expectImportMatchesPublishedMask, MIRP_SERIES } from './support/mirp.js';

describe('mirp-sts STS_002 (committed fixture): RTSTRUCT rasterised onto its series equals the published mask voxel for voxel', () => {
  for (const s of MIRP_SERIES.filter((x) => x.case === 'STS_002')) {
    it(`${s.case} ${s.modality}: ${s.voxels} voxels, 0 differences`, () => expectImportMatchesPublishedMask(s));
  }
});
