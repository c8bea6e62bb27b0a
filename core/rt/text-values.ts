import type { Dataset } from '../dicom/dcmjs.js';

/** True when every string value in the dataset (sequences included) is plain 7-bit ASCII. */
export function isAllAscii(ds: Dataset): boolean {
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') return /^[\x00-\x7f]*$/.test(v);
    if (Array.isArray(v)) return v.every(visit);
    if (v && typeof v === 'object' && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v)) {
      return Object.entries(v as Record<string, unknown>).every(([k, x]) => k === '_vrMap' || visit(x));
    }
    return true;
  };
  return visit(ds);
}

/**
 * Specific Character Set (0008,0005) for what dcmjs writes. dcmjs decodes every source character
 * set to JavaScript strings on read and encodes every text VR (SH, LO, ST, LT, PN, UC, UT) as UTF-8
 * on write, so the only truthful declaration for non-ASCII text is ISO_IR 192 (PS3.3 C.12.1.1.2);
 * copying the images' own value (say ISO_IR 100) would mislabel the bytes. Pure ASCII needs none.
 */
export function specificCharacterSetFor(ds: Dataset): string | undefined {
  return isAllAscii(ds) ? undefined : 'ISO_IR 192';
}

/** Trim to at most `max` characters (LO 64, SH 16, CS 16, PS3.5 table 6.2-1). */
export function clip(value: string, max: number): string {
  return [...value].slice(0, max).join('');
}

/** DICOM date (DA) and time (TM) for a moment, in local time as PS3.5 6.2 defines them. */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return {
    date: `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`,
    time: `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`,
  };
}
