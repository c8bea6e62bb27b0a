import { writeFileSync } from 'node:fs';
import type { Dataset } from '../../core/dicom/dcmjs.js';
import { dcmjs } from '../../core/dicom/dcmjs.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';

/** Copy a real DICOM file with changes to its meta header and dataset (for bad-input tests). */
export function rewriteDicom(source: string, target: string, change: (meta: Dataset, dataset: Dataset) => void): void {
  const file = readDicomFile(source);
  const meta = { ...file.meta };
  const dataset = { ...file.dataset };
  // Our reader hands Pixel Data over as views into the file; dcmjs writes ArrayBuffers.
  const pixels = dataset['PixelData'];
  if (Array.isArray(pixels)) dataset['PixelData'] = pixels.map((v: Uint8Array) => v.slice().buffer);
  change(meta, dataset);
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  writeFileSync(target, Buffer.from(dict.write()));
}
