import { PixelDecodeError } from '../pixel-format.js';

/**
 * A Huffman table as a 16-bit lookup: entry = codeLength << 8 | SSSS for every 16-bit prefix that
 * starts with a code, 0 where no code matches. Codes are assigned as in T.81 Annex C (Figure C.1,
 * C.2): consecutive integers within a length, shifted left by one from each length to the next.
 */
export type HuffmanLookup = Uint16Array;

export function buildHuffmanLookup(counts: Uint8Array, symbols: Uint8Array): HuffmanLookup {
  const lookup = new Uint16Array(1 << 16);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const count = counts[length - 1] ?? 0;
    for (let i = 0; i < count; i++) {
      const symbol = symbols[k++] ?? 0;
      // Lossless difference categories run 0..16 (T.81 Table H.2).
      if (symbol > 16) throw new PixelDecodeError(`JPEG lossless Huffman table has difference category ${symbol} (max 16)`);
      if (code >= 1 << length) throw new PixelDecodeError('JPEG lossless Huffman table has more codes than its lengths allow');
      const first = code << (16 - length);
      lookup.fill((length << 8) | symbol, first, first + (1 << (16 - length)));
      code++;
    }
    code <<= 1;
  }
  return lookup;
}
