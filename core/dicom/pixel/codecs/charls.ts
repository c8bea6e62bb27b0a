/**
 * The one wrapper around @cornerstonejs/codec-charls (CharLS, JPEG-LS ITU-T T.87), which ships no
 * TypeScript declarations. The `/decodewasmjs` build is used: the package root is a pure-JS build
 * that is many times slower.
 */
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import type { DecodedImage, EmscriptenOptions, WasmDecoder } from './decoded-image.js';
import { messageSink, runWasmDecoder, samplesOfBytes } from './decoded-image.js';

interface JpegLsDecoder extends WasmDecoder {
  /** 0 none (component planes one after another), 1 line, 2 sample (T.87 Annex C.2.3). */
  getInterleaveMode(): number;
  getNearLossless(): number;
}

interface CharlsModule {
  JpegLSDecoder: new () => JpegLsDecoder;
}

const factory = charlsFactory as unknown as (options: EmscriptenOptions) => Promise<CharlsModule>;
const sink = messageSink();
let decoder: Promise<JpegLsDecoder> | undefined;

/** One decoder for the process: a decoder per frame leaks WASM memory. */
function jpegLsDecoder(): Promise<JpegLsDecoder> {
  decoder ??= factory(sink.options()).then((module) => new module.JpegLSDecoder());
  return decoder;
}

/**
 * The stream with an EOI marker at its end (T.87 C.1.1). CharLS 2 given a stream cut off before
 * EOI spends seconds per frame (measured: 16 s for our 161×143 CT frame cut at 90 %) before failing; with
 * EOI in place the same cut stream fails in about a millisecond, and a complete stream that merely
 * lacks EOI decodes.
 */
function withEndMarker(codestream: Uint8Array): Uint8Array {
  let end = codestream.length;
  while (end > 0 && codestream[end - 1] === 0x00) end--; // even-length padding (PS3.5 A.4)
  if (end >= 2 && codestream[end - 2] === 0xff && codestream[end - 1] === 0xd9) return codestream;
  const fixed = new Uint8Array(end + 2);
  fixed.set(codestream.subarray(0, end));
  fixed[end] = 0xff;
  fixed[end + 1] = 0xd9;
  return fixed;
}

export async function decodeJpegLs(codestream: Uint8Array): Promise<DecodedImage> {
  const instance = await jpegLsDecoder();
  const { info, bytes } = runWasmDecoder(instance, withEndMarker(codestream), 'JPEG-LS decoder (CharLS)', sink.last);
  return {
    width: info.width,
    height: info.height,
    components: info.componentCount,
    samples: samplesOfBytes(bytes, info.bitsPerSample),
    planar: info.componentCount > 1 && instance.getInterleaveMode() === 0,
  };
}
