import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { declaredCharacterSet } from '../../core/rt/nested-text.js';
import { sharedDataset } from '../support/paths.js';

describe('character set of a Varian Eclipse export', () => {
  it('declares none (default repertoire), which the reader keeps', () => {
    const eclipse = readDicomFile(join(sharedDataset('slicerrt-eclipse-rs'), 'RS.1.2.246.352.71.4.2088656855.2404649.20110920153449.dcm'));
    expect(declaredCharacterSet(eclipse)).toBeUndefined();
  });
});
