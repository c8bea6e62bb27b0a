/**
 * The one wrapper around @cornerstonejs/codec-openjpeg (OpenJPEG, JPEG 2000 ITU-T T.800), which
 * ships no TypeScript declarations. The `/decodewasmjs` build is used for speed.
 */
import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import type { DecodedImage, EmscriptenOptions, WasmDecoder } from './decoded-image.js';
import { messageSink, runWasmDecoder, samplesOfBytes } from './decoded-image.js';

interface OpenJpegModule {
  J2KDecoder: new () => WasmDecoder;
}

const factory = openjpegFactory as unknown as (options: EmscriptenOptions) => Promise<OpenJpegModule>;
const sink = messageSink();
let module: Promise<OpenJpegModule> | undefined;

/**
 * Decode a J2K codestream at full resolution; components come back colour-by-pixel.
 *
 * Unlike the other codecs, this one gets a fresh J2KDecoder per frame, deleted afterwards. A reused
 * J2KDecoder whose decode fails keeps and returns the previous frame's pixels and frame info
 * (measured: a truncated codestream after a good one "decoded" to the good one's image), so reuse
 * could show one slice's pixels as another's. Deleting each instance frees it: over 300 frames of
 * 384×384 RSS stayed at 115–132 MiB, the same as one reused instance (without delete it grew to 260 MiB).
 */
export async function decodeJpeg2000(codestream: Uint8Array): Promise<DecodedImage> {
  module ??= factory(sink.options());
  const decoder = new (await module).J2KDecoder();
  try {
    const { info, bytes } = runWasmDecoder(decoder, codestream, 'JPEG 2000 decoder (OpenJPEG)', sink.last);
    return { width: info.width, height: info.height, components: info.componentCount, samples: samplesOfBytes(bytes, info.bitsPerSample), planar: false };
  } finally {
    decoder.delete();
  }
}
