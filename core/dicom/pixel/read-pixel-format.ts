import type { Dataset } from '../dcmjs.js';
import type { PixelFormat } from './pixel-format.js';
import { PixelDecodeError } from './pixel-format.js';

/** dcmjs gives single values bare or as one-element arrays, and IS values as numbers or strings. */
function numberValue(dataset: Dataset, keyword: string): number | undefined {
  const raw = dataset[keyword];
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.replace(/\0/g, '').trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function stringValue(dataset: Dataset, keyword: string): string | undefined {
  const raw = dataset[keyword];
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\0/g, '').trim();
  return text === '' ? undefined : text;
}

function required(dataset: Dataset, keyword: string, tag: string): number {
  const value = numberValue(dataset, keyword);
  if (value === undefined) throw new PixelDecodeError(`missing or empty ${keyword} ${tag}`);
  return value;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new PixelDecodeError(message);
}

/**
 * The Image Pixel module attributes (PS3.3 C.7.6.3) of a dcmjs naturalized dataset.
 *
 * Rows, Columns, BitsAllocated, BitsStored and PixelRepresentation are required: without them the
 * stored values cannot be recovered. The rest have safe defaults that match what ACR-NEMA-era files
 * leave out (DCMTK accepts the same with +Ma): SamplesPerPixel 1, PhotometricInterpretation
 * MONOCHROME2 for one sample, HighBit BitsStored-1, PlanarConfiguration 0, NumberOfFrames 1.
 */
export function pixelFormatOf(dataset: Dataset): PixelFormat {
  const rows = required(dataset, 'Rows', '(0028,0010)');
  const columns = required(dataset, 'Columns', '(0028,0011)');
  const bitsAllocated = required(dataset, 'BitsAllocated', '(0028,0100)');
  const bitsStored = required(dataset, 'BitsStored', '(0028,0101)');
  const pixelRepresentation = required(dataset, 'PixelRepresentation', '(0028,0103)');
  const highBit = numberValue(dataset, 'HighBit') ?? bitsStored - 1;
  const samplesPerPixel = numberValue(dataset, 'SamplesPerPixel') ?? 1;
  const photometric = stringValue(dataset, 'PhotometricInterpretation');
  if (photometric === undefined && samplesPerPixel !== 1) {
    throw new PixelDecodeError('missing PhotometricInterpretation (0028,0004) for a multi-sample image');
  }
  const planarConfiguration = numberValue(dataset, 'PlanarConfiguration') ?? 0;
  const numberOfFrames = numberValue(dataset, 'NumberOfFrames') ?? 1;

  check(Number.isInteger(rows) && rows > 0, `Rows (0028,0010) must be a positive integer, got ${rows}`);
  check(Number.isInteger(columns) && columns > 0, `Columns (0028,0011) must be a positive integer, got ${columns}`);
  // BitsAllocated 1 (bit-packed segmentations and overlays) is not an image we import.
  check([8, 16, 32].includes(bitsAllocated), `BitsAllocated (0028,0100) ${bitsAllocated} is not supported (8, 16 or 32)`);
  check(Number.isInteger(bitsStored) && bitsStored >= 1 && bitsStored <= bitsAllocated, `BitsStored (0028,0101) ${bitsStored} does not fit BitsAllocated ${bitsAllocated}`);
  check(Number.isInteger(highBit) && highBit >= bitsStored - 1 && highBit < bitsAllocated, `HighBit (0028,0102) ${highBit} does not fit BitsStored ${bitsStored} in BitsAllocated ${bitsAllocated}`);
  check(pixelRepresentation === 0 || pixelRepresentation === 1, `PixelRepresentation (0028,0103) must be 0 or 1, got ${pixelRepresentation}`);
  check([1, 3, 4].includes(samplesPerPixel), `SamplesPerPixel (0028,0002) ${samplesPerPixel} is not supported`);
  check(planarConfiguration === 0 || planarConfiguration === 1, `PlanarConfiguration (0028,0006) must be 0 or 1, got ${planarConfiguration}`);
  check(Number.isInteger(numberOfFrames) && numberOfFrames >= 1, `NumberOfFrames (0028,0008) must be a positive integer, got ${numberOfFrames}`);

  return {
    rows,
    columns,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: pixelRepresentation === 1 ? 1 : 0,
    samplesPerPixel,
    photometricInterpretation: photometric ?? 'MONOCHROME2',
    planarConfiguration: planarConfiguration === 1 ? 1 : 0,
    numberOfFrames,
  };
}
