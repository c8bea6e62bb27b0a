/**
 * Minimal reader for the Siemens CSA header (private element (0029,1010) "SIEMENS CSA HEADER"),
 * enough to get the mosaic slice count and slice normal. Format: "SV10" magic, then tags of
 * 64-byte name, VM, 4-byte VR, SyngoDT, item count, 77/205 marker, each item a 16-byte
 * header (second int = length) and the value padded to 4 bytes. CSA1 lacks the magic.
 */
export function readCsaStrings(bytes: Uint8Array): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = (start: number, end: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  let offset = 0;
  if (bytes.length >= 16 && latin1(0, 4) === 'SV10') offset = 8;
  if (offset + 8 > bytes.length) return out;
  const tagCount = view.getUint32(offset, true);
  if (tagCount < 1 || tagCount > 1000) return out;
  offset += 8;
  for (let t = 0; t < tagCount; t++) {
    if (offset + 84 > bytes.length) break;
    const rawName = latin1(offset, offset + 64);
    const name = rawName.slice(0, Math.max(0, rawName.indexOf('\0'))) || rawName.trim();
    const itemCount = view.getUint32(offset + 76, true);
    offset += 84;
    const values: string[] = [];
    for (let n = 0; n < itemCount; n++) {
      if (offset + 16 > bytes.length) return out;
      const length = view.getUint32(offset + 4, true);
      offset += 16;
      if (offset + length > bytes.length) return out;
      const value = latin1(offset, offset + length).replace(/\0.*$/s, '').trim();
      if (value !== '') values.push(value);
      offset += Math.ceil(length / 4) * 4;
    }
    out.set(name, values);
  }
  return out;
}

export function csaNumbers(csa: Map<string, string[]>, name: string): number[] | undefined {
  const values = csa.get(name);
  if (!values || values.length === 0) return undefined;
  const numbers = values.map(Number);
  return numbers.every(Number.isFinite) ? numbers : undefined;
}
