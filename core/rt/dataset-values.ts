import type { Dataset } from '../dicom/dcmjs.js';

/**
 * Typed reads from a dcmjs naturalized dataset. dcmjs unwraps single values and keeps multiple
 * values as arrays, and a type-2 attribute may be present but empty, so every read tolerates
 * all three shapes.
 */
export function text(ds: Dataset, key: string): string {
  const v = ds[key];
  const first = Array.isArray(v) ? (v[0] as unknown) : v;
  if (typeof first === 'string') return first.replace(/\0/g, '').trim();
  if (typeof first === 'number') return String(first);
  if (first && typeof first === 'object' && 'Alphabetic' in first) {
    const a = (first as { Alphabetic?: unknown }).Alphabetic;
    return typeof a === 'string' ? a : '';
  }
  return '';
}

export function numbers(ds: Dataset, key: string): number[] {
  const v = ds[key];
  const list: unknown[] = Array.isArray(v) ? (v as unknown[]) : v === undefined || v === null || v === '' ? [] : [v];
  return list.map((x) => (typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : Number.NaN));
}

export function integer(ds: Dataset, key: string): number | undefined {
  const [n] = numbers(ds, key);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

export function items(ds: Dataset, key: string): Dataset[] {
  const v = ds[key];
  if (Array.isArray(v)) return v.filter((x): x is Dataset => typeof x === 'object' && x !== null);
  return typeof v === 'object' && v !== null && !(v instanceof ArrayBuffer) ? [v as Dataset] : [];
}
