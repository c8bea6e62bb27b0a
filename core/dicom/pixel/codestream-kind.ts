/**
 * What an encapsulated frame actually holds, read from its own markers. Files whose transfer
 * syntax UID names the wrong JPEG process exist, and decoders fed the wrong process fail
 * silently, so the SOF marker decides (ITU-T T.81 B.1.1.3, Table B.1; T.87 for JPEG-LS SOF55).
 */
export type CodestreamKind =
  | ({ readonly kind: 'jpeg-dct'; readonly sof: number } & JpegFrameHeader)
  | ({ readonly kind: 'jpeg-lossless' } & JpegFrameHeader)
  | { readonly kind: 'jpeg-ls' }
  | { readonly kind: 'jpeg2000' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The fields of a JPEG frame header (T.81 B.2.2) that say what the decoder must produce. */
export interface JpegFrameHeader {
  readonly precision: number;
  readonly rows: number;
  readonly columns: number;
  readonly components: number;
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function hex(marker: number): string {
  return `0xFF${marker.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Walks the marker segments after SOI up to the first frame header; never reads past the end. */
function jpegKind(bytes: Uint8Array): CodestreamKind {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return { kind: 'unknown', reason: `no JPEG marker at byte ${pos}` };
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte before a marker (T.81 B.1.1.2)
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { kind: 'unknown', reason: `${hex(marker)} before any frame header` };
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    if (marker === 0xf7) return { kind: 'jpeg-ls' }; // SOF55, T.87 C.2.2
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      const header: JpegFrameHeader = {
        precision: bytes[pos + 4] ?? 0,
        rows: ((bytes[pos + 5] ?? 0) << 8) | (bytes[pos + 6] ?? 0),
        columns: ((bytes[pos + 7] ?? 0) << 8) | (bytes[pos + 8] ?? 0),
        components: bytes[pos + 9] ?? 0,
      };
      if (marker === 0xc3) return { kind: 'jpeg-lossless', ...header };
      return { kind: 'jpeg-dct', sof: marker, ...header };
    }
    if (length < 2) return { kind: 'unknown', reason: `marker ${hex(marker)} has length ${length}` };
    pos += 2 + length;
  }
  return { kind: 'unknown', reason: 'JPEG stream ends before a frame header' };
}

export function codestreamKind(bytes: Uint8Array): CodestreamKind {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegKind(bytes);
  // J2K codestream: SOC then SIZ (T.800 A.4.1, A.5.1); or a JP2 file, which some writers put in.
  if (bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51) return { kind: 'jpeg2000' };
  if (startsWith(bytes, JP2_SIGNATURE)) return { kind: 'jpeg2000' };
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { kind: 'unknown', reason: `frame does not start with a JPEG SOI or JPEG 2000 SOC marker (starts ${head || 'empty'})` };
}

/** Human name of a DCT frame header, for error messages. */
export function sofName(sof: number): string {
  return hex(sof);
}
