import { PixelDecodeError } from './pixel-format.js';

function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * The buffers of a dcmjs PixelData value, as byte views (no copy).
 *
 * dcmjs gives native data as one ArrayBuffer in an array, and encapsulated data as one buffer per
 * frame when a Basic Offset Table is present or one per fragment when it is empty (PS3.5 A.4). With
 * its `noCopy` read option a frame may itself be an array of fragments; those are joined here.
 */
export function pixelDataBuffers(pixelData: unknown): Uint8Array[] {
  if (pixelData === undefined || pixelData === null) throw new PixelDecodeError('no pixel data');
  const single = asBytes(pixelData);
  if (single !== undefined) return [single];
  if (!Array.isArray(pixelData)) throw new PixelDecodeError(`pixel data is not binary (got ${typeof pixelData})`);
  const buffers = pixelData.map((item: unknown, index) => {
    const bytes = asBytes(item);
    if (bytes !== undefined) return bytes;
    if (Array.isArray(item)) {
      const parts = item.map(asBytes);
      if (parts.every((p): p is Uint8Array => p !== undefined)) return concat(parts);
    }
    throw new PixelDecodeError(`pixel data item ${index} is not binary`);
  });
  if (buffers.length === 0 || buffers.every((b) => b.length === 0)) throw new PixelDecodeError('no pixel data');
  return buffers;
}

export { concat as concatBytes };
