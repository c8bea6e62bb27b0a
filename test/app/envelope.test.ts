import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, holdsBinary } from '../../core/api/envelope.js';

function join(chunks: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

describe('binary envelope (core/api/envelope.ts)', () => {
  it('round-trips nested values with several buffers, each 8-byte aligned', () => {
    const a = new Float32Array([1.5, -2.25, 3]).buffer;
    const b = new Uint8Array([1, 0, 1, 1, 0]).buffer;
    const value = { meta: { name: 'CT', dims: [3, 1, 1] }, voxels: a, masks: [{ id: 's1', mask: b }, { id: 's2', mask: new ArrayBuffer(0) }] };
    expect(holdsBinary(value)).toBe(true);
    const bytes = join(encodeEnvelope(value));
    const back = decodeEnvelope(bytes) as typeof value;
    expect(back.meta).toEqual(value.meta);
    expect([...new Float32Array(back.voxels)]).toEqual([1.5, -2.25, 3]);
    expect([...new Uint8Array(back.masks[0]!.mask)]).toEqual([1, 0, 1, 1, 0]);
    expect(back.masks[1]!.mask.byteLength).toBe(0);
  });

  it('refuses typed-array views (their buffer may be a larger shared slab) and foreign bytes', () => {
    expect(() => encodeEnvelope({ v: new Uint8Array(4) })).toThrow(/ArrayBuffer/);
    expect(() => decodeEnvelope(new TextEncoder().encode('{"ok":true}').buffer)).toThrow(/not a Delineate envelope/);
  });
});
