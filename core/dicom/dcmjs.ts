/**
 * The one place dcmjs is imported. dcmjs ships no TypeScript declarations, so the few
 * entry points we use are typed here; everything else sees plain objects.
 */
import dcmjsModule from 'dcmjs';

/** A dcmjs "naturalized" dataset: attribute keywords to values (sequences are arrays of datasets). */
export type Dataset = Record<string, unknown>;

/** A dcmjs raw dataset: tag strings ("00100010") to { vr, Value }. */
export type RawDataset = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string }>;

interface DicomDictLike {
  meta: RawDataset;
  dict: RawDataset;
  write(options?: Record<string, unknown>): ArrayBuffer;
}

interface DcmjsApi {
  data: {
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDictLike;
    };
    DicomMetaDictionary: {
      naturalizeDataset(raw: RawDataset): Dataset;
      denaturalizeDataset(ds: Dataset): RawDataset;
      uid(): string;
      date(): string;
      time(): string;
      dictionary: Record<string, { tag: string; vr: string; name: string; vm: string }>;
      nameMap: Record<string, { tag: string; vr: string; name: string; vm: string }>;
    };
    DicomDict: new (meta: RawDataset) => DicomDictLike;
  };
  log: { setLevel(level: string): void; getLogger?(name: string): { setLevel(level: string): void } };
}

export const dcmjs = dcmjsModule as unknown as DcmjsApi;

// dcmjs logs every private or odd VR it meets to the console; our own reports name problems instead.
// Its validation logger reports the "xs"/"ox" VRs of implicit-VR dictionaries as errors; they are
// resolved the way the standard says (by Pixel Representation), so they are not shown to users.
dcmjs.log.setLevel('error');
dcmjs.log.getLogger?.('validation.dcmjs').setLevel('silent');
