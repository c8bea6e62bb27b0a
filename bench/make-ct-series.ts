/**
 * Build a large CT series for benchmarks from real slices: each 143×161 slice of the mirp-sts
 * STS_002 CT (CC BY 3.0) is placed in the centre of a 512×512 matrix padded with air, and the
 * 48 slices are repeated along z with new positions and UIDs until there are `count` slices.
 * Every pixel in the body comes from the real scan.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dcmjs } from '../core/dicom/dcmjs.js';
import type { Dataset } from '../core/dicom/dcmjs.js';
import { getNumber, getNumbers } from '../core/dicom/attributes.js';
import { readDicomFile } from '../core/dicom/read-dicom-file.js';

export function makeCtSeries(sourceDir: string, outDir: string, size = 512, count = 200): string {
  mkdirSync(outDir, { recursive: true });
  const sources = readdirSync(sourceDir)
    .map((f) => readDicomFile(join(sourceDir, f)))
    .sort((a, b) => (getNumbers(a.dataset, 'ImagePositionPatient')![2]! - getNumbers(b.dataset, 'ImagePositionPatient')![2]!));
  const uid = (): string => dcmjs.data.DicomMetaDictionary.uid();
  const seriesUid = uid();
  const studyUid = uid();
  const forUid = uid();
  const first = sources[0]!.dataset;
  const step = 1.0;
  const [px] = getNumbers(first, 'PixelSpacing') ?? [1];
  const ipp0 = getNumbers(first, 'ImagePositionPatient')!;
  for (let n = 0; n < count; n++) {
    const src = sources[n % sources.length]!;
    const ds: Dataset = { ...src.dataset };
    const rows = getNumber(ds, 'Rows')!;
    const cols = getNumber(ds, 'Columns')!;
    const intercept = getNumber(ds, 'RescaleIntercept') ?? 0;
    const stored = new Int16Array((ds['PixelData'] as ArrayBuffer[])[0]!);
    const out = new Int16Array(size * size).fill(-1000 - intercept);
    const r0 = Math.floor((size - rows) / 2);
    const c0 = Math.floor((size - cols) / 2);
    for (let j = 0; j < rows; j++) out.set(stored.subarray(j * cols, (j + 1) * cols), (r0 + j) * size + c0);
    ds['Rows'] = size;
    ds['Columns'] = size;
    ds['PixelData'] = [out.buffer];
    ds['SeriesInstanceUID'] = seriesUid;
    ds['StudyInstanceUID'] = studyUid;
    ds['FrameOfReferenceUID'] = forUid;
    ds['SOPInstanceUID'] = uid();
    ds['InstanceNumber'] = count - n; // deliberately opposite to position order
    ds['SliceThickness'] = step;
    ds['ImagePositionPatient'] = [ipp0[0]! - c0 * px!, ipp0[1]! - r0 * px!, ipp0[2]! + n * step];
    ds['SeriesDescription'] = `Delineate benchmark CT ${size}x${size}x${count}`;
    delete ds['SmallestImagePixelValue'];
    delete ds['LargestImagePixelValue'];
    const meta = {
      ...src.meta,
      MediaStorageSOPInstanceUID: ds['SOPInstanceUID'],
      TransferSyntaxUID: '1.2.840.10008.1.2.1',
    };
    const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
    writeFileSync(join(outDir, `CT${String(n).padStart(4, '0')}.dcm`), Buffer.from(dict.write()));
  }
  return outDir;
}
