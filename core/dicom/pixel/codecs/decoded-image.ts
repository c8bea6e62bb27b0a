import { PixelDecodeError } from '../pixel-format.js';
import type { RawSamples } from '../stored-values.js';

/** A frame as a codec returns it: samples in colour-by-pixel order unless `planar` says otherwise. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly samples: RawSamples;
  readonly planar: boolean;
}

/** The frame description the cornerstone WASM decoders report. */
export interface WasmFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

/** The part of the cornerstone codec classes (JpegLSDecoder, J2KDecoder, JPEGDecoder) we use. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): WasmFrameInfo;
  /** Frees the C++ object (embind); without it every instance leaks its buffers. */
  delete(): void;
}

/** Options every Emscripten module factory accepts; the prints route the C libraries' chatter. */
export interface EmscriptenOptions {
  print(text: string): void;
  printErr(text: string): void;
}

/**
 * What a decoder threw, in words. The charls and libjpeg-turbo builds throw bare numbers (C++
 * exception pointers), not Error objects.
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  // The number is the address of a C++ exception object inside WASM memory: no message survives.
  if (typeof thrown === 'number') return `C++ exception at WASM address ${thrown}`;
  return String(thrown);
}

/**
 * Run a WASM decoder on one codestream and copy the result out: the decoded buffer is a view
 * into WASM memory that the next decode overwrites or a memory growth detaches.
 */
export function runWasmDecoder(decoder: WasmDecoder, encoded: Uint8Array, codec: string, lastMessage: () => string): { info: WasmFrameInfo; bytes: Uint8Array } {
  lastMessage(); // forget lines printed by an earlier frame
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
  } catch (thrown) {
    const detail = lastMessage();
    throw new PixelDecodeError(`${codec} could not decode the frame (${describeThrown(thrown)}${detail ? `: ${detail}` : ''})`);
  }
  const info = decoder.getFrameInfo();
  const bytes = decoder.getDecodedBuffer().slice();
  // openjpeg reports failure by returning nothing rather than throwing.
  if (bytes.length === 0 || info.width === 0 || info.height === 0) {
    const detail = lastMessage();
    throw new PixelDecodeError(`${codec} returned no pixels${detail ? ` (${detail})` : ''}`);
  }
  return { info, bytes };
}

/**
 * Reinterpret decoded little-endian bytes as unsigned samples of the codec's bit depth. Signed
 * codestreams come back as two's complement bit patterns, which storedFrameOf sign-extends.
 */
export function samplesOfBytes(bytes: Uint8Array, bitsPerSample: number): RawSamples {
  if (bitsPerSample <= 8) return bytes;
  if (bytes.byteOffset % 2 !== 0 || bytes.length % 2 !== 0) throw new PixelDecodeError('decoded buffer is not whole 16-bit samples');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

/**
 * A sink for Emscripten output. The C libraries print progress and errors (OpenJPEG prints its
 * "[ERROR] …" lines on stdout); none of it reaches the console, and the last error line is kept
 * for the failure message.
 */
export function messageSink(): { options: () => EmscriptenOptions; last: () => string } {
  let lastLine = '';
  const keep = (text: string): void => {
    if (/error/i.test(text)) lastLine = text.replace(/^\[ERROR\]\s*/, '').trim();
  };
  return {
    // A fresh object per factory call: the builds keep state on it (a shared one fails with a BindingError).
    options: () => ({ print: keep, printErr: keep }),
    last: () => {
      const line = lastLine;
      lastLine = '';
      return line;
    },
  };
}
