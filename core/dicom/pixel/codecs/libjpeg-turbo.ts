/**
 * The one wrapper around @cornerstonejs/codec-libjpeg-turbo-8bit (libjpeg-turbo, 8-bit DCT JPEG,
 * T.81 processes 1 and 2), which ships no TypeScript declarations. The `/decodewasmjs` build is
 * used for speed.
 */
import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import type { DecodedImage, EmscriptenOptions, WasmDecoder } from './decoded-image.js';
import { messageSink, runWasmDecoder, samplesOfBytes } from './decoded-image.js';

interface LibjpegTurboModule {
  JPEGDecoder: new () => WasmDecoder;
}

const factory = libjpegTurboFactory as unknown as (options: EmscriptenOptions) => Promise<LibjpegTurboModule>;
const sink = messageSink();
let decoder: Promise<WasmDecoder> | undefined;

/** One decoder for the process: a decoder per frame leaks WASM memory. */
function jpegDecoder(): Promise<WasmDecoder> {
  decoder ??= factory(sink.options()).then((module) => new module.JPEGDecoder());
  return decoder;
}

/**
 * Decode an 8-bit DCT JPEG. Samples come back in the colour space libjpeg-turbo outputs by default;
 * for three-component (YBR_FULL_422) images that is expected to be RGB, which is not yet checked
 * against a reference here: our images are greyscale CT and MR.
 */
export async function decodeJpeg8Bit(codestream: Uint8Array): Promise<DecodedImage> {
  const instance = await jpegDecoder();
  const { info, bytes } = runWasmDecoder(instance, codestream, 'JPEG decoder (libjpeg-turbo)', sink.last);
  return { width: info.width, height: info.height, components: info.componentCount, samples: samplesOfBytes(bytes, info.bitsPerSample), planar: false };
}
