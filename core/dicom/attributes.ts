import type { Dataset } from './dcmjs.js';

/**
 * Typed reads from a dcmjs naturalized dataset. dcmjs returns single values either bare or
 * as one-element arrays, numbers as numbers or strings (IS/DS), and private elements in
 * implicit-VR files as raw bytes; these helpers absorb that variety in one place.
 */

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export function getString(ds: Dataset, keyword: string): string | undefined {
  const v = first(ds[keyword]);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.replace(/\0/g, '').trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null && 'Alphabetic' in v) {
    const name = (v).Alphabetic;
    return typeof name === 'string' ? name : '';
  }
  return undefined;
}

export function getStrings(ds: Dataset, keyword: string): string[] {
  const v = ds[keyword];
  if (v === undefined || v === null) return [];
  const list: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\\') : [v];
  return list.map((x) => (typeof x === 'string' ? x.replace(/\0/g, '').trim() : String(x)));
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function getNumber(ds: Dataset, keyword: string): number | undefined {
  const v = ds[keyword];
  if (typeof v === 'string' && v.includes('\\')) return toNumber(v.split('\\')[0]);
  return toNumber(first(v));
}

export function getNumbers(ds: Dataset, keyword: string): number[] | undefined {
  const v = ds[keyword];
  if (v === undefined || v === null) return undefined;
  const list: unknown[] = Array.isArray(v) ? v : typeof v === 'string' ? v.split('\\') : [v];
  const out = list.map(toNumber);
  return out.every((x): x is number => x !== undefined) ? out : undefined;
}

/** The first item of a sequence attribute, when present. */
export function getItem(ds: Dataset, keyword: string): Dataset | undefined {
  const v = ds[keyword];
  const item: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  return item !== null && typeof item === 'object' && !(item instanceof ArrayBuffer) ? (item as Dataset) : undefined;
}

export function getItems(ds: Dataset, keyword: string): Dataset[] {
  const v = ds[keyword];
  if (!Array.isArray(v)) return v !== null && typeof v === 'object' ? [v as Dataset] : [];
  return v.filter((x): x is Dataset => x !== null && typeof x === 'object');
}

/**
 * A private or unknown element that dcmjs may hand back as raw bytes (implicit VR):
 * read it as an unsigned 16-bit value (little endian), or a number when already decoded.
 */
export function getUint16Raw(ds: Dataset, tag: string): number | undefined {
  const v = first(ds[tag]);
  if (typeof v === 'number') return v;
  if (v instanceof ArrayBuffer && v.byteLength >= 2) return new DataView(v).getUint16(0, true);
  if (ArrayBuffer.isView(v) && v.byteLength >= 2) return new DataView(v.buffer, v.byteOffset, v.byteLength).getUint16(0, true);
  return toNumber(v);
}

/** A private element's raw bytes (e.g. a Siemens CSA header), whatever dcmjs made of it. */
export function getBytes(ds: Dataset, tag: string): Uint8Array | undefined {
  const v = first(ds[tag]);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  return undefined;
}
