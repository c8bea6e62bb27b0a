/**
 * The web host's binary response format: a JSON value whose ArrayBuffers travel as raw bytes
 * after it, so a 100 MB volume is never turned into text. Runs in Node and in the browser
 * (no Buffer, no node: imports).
 *
 * Layout: "DLN1" | uint32 LE length of the JSON | JSON (UTF-8) | zero padding to a multiple of 8 |
 * each buffer, each starting on a multiple of 8 (so the receiver may view it as any typed array).
 * In the JSON, an ArrayBuffer is replaced by {"$binary": n}, n its index in the buffer list, and
 * the header lists [offset, length] of every buffer from the start of the binary part.
 */

export const ENVELOPE_CONTENT_TYPE = 'application/x-delineate-envelope';
const MAGIC = [0x44, 0x4c, 0x4e, 0x31]; // "DLN1"

const pad8 = (n: number): number => (n + 7) & ~7;

interface Header {
  readonly value: unknown;
  readonly buffers: readonly (readonly [number, number])[];
}

function extract(value: unknown, buffers: ArrayBuffer[]): unknown {
  if (value instanceof ArrayBuffer) {
    buffers.push(value);
    return { $binary: buffers.length - 1 };
  }
  if (ArrayBuffer.isView(value)) throw new Error('envelope: send an ArrayBuffer, not a typed-array view (its buffer may be shared)');
  if (Array.isArray(value)) return value.map((v) => extract(v, buffers));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = extract(v, buffers);
    return out;
  }
  return value;
}

/** Encode as chunks to write one after another (no copy of the buffers). */
export function encodeEnvelope(value: unknown): Uint8Array[] {
  const buffers: ArrayBuffer[] = [];
  const replaced = extract(value, buffers);
  const table: [number, number][] = [];
  let offset = 0;
  for (const b of buffers) {
    table.push([offset, b.byteLength]);
    offset = pad8(offset + b.byteLength);
  }
  const json = new TextEncoder().encode(JSON.stringify({ value: replaced, buffers: table } satisfies Header));
  const headLength = pad8(8 + json.length);
  const head = new Uint8Array(headLength);
  head.set(MAGIC, 0);
  new DataView(head.buffer).setUint32(4, json.length, true);
  head.set(json, 8);
  const chunks: Uint8Array[] = [head];
  buffers.forEach((b, n) => {
    chunks.push(new Uint8Array(b));
    const end = table[n]![0] + b.byteLength;
    const gap = pad8(end) - end;
    if (gap > 0) chunks.push(new Uint8Array(gap));
  });
  return chunks;
}

function restore(value: unknown, buffers: readonly ArrayBuffer[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(v, buffers));
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    const index = (value as { $binary?: unknown }).$binary;
    if (keys.length === 1 && typeof index === 'number') {
      const b = buffers[index];
      if (!b) throw new Error(`envelope: buffer ${index} missing`);
      return b;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restore(v, buffers);
    return out;
  }
  return value;
}

export function decodeEnvelope(bytes: ArrayBuffer): unknown {
  const view = new DataView(bytes);
  if (bytes.byteLength < 8 || MAGIC.some((m, n) => view.getUint8(n) !== m)) throw new Error('envelope: not a Delineate envelope');
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 8, jsonLength))) as Header;
  const base = pad8(8 + jsonLength);
  const buffers = header.buffers.map(([offset, length]) => {
    if (base + offset + length > bytes.byteLength) throw new Error('envelope: truncated');
    // A copy, so each buffer stands alone (the caller may transfer it to a worker or to WebGL).
    return bytes.slice(base + offset, base + offset + length);
  });
  return restore(header.value, buffers);
}

/** True when a value holds an ArrayBuffer anywhere (then it goes as an envelope, else as JSON). */
export function holdsBinary(value: unknown): boolean {
  if (value instanceof ArrayBuffer) return true;
  if (Array.isArray(value)) return value.some(holdsBinary);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsBinary);
  return false;
}
