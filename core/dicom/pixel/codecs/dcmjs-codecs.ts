/**
 * The one wrapper around dcmjs-codecs, used only for 12-bit DCT JPEG (T.81 process 4, DICOM
 * 1.2.840.10008.1.2.4.51): it is the only package we found that decodes it, and its output
 * matched DCMTK's dcmdjpeg. The package is marked work in progress, so nothing else relies on it.
 */
import dcmjsCodecs from 'dcmjs-codecs';
import type { JpegFrameHeader } from '../codestream-kind.js';
import type { DecodedImage } from './decoded-image.js';
import { describeThrown, samplesOfBytes } from './decoded-image.js';
import { PixelDecodeError } from '../pixel-format.js';

interface CodecContext {
  getDecodedBuffer(): Uint8Array | undefined;
}

interface DcmjsCodecsApi {
  Context: new (attrs: {
    width: number;
    height: number;
    bitsAllocated: number;
    bitsStored: number;
    samplesPerPixel: number;
    pixelRepresentation: number;
    planarConfiguration: number;
    photometricInterpretation: string;
    encodedBuffer: Uint8Array;
  }) => CodecContext;
  NativeCodecs: {
    initializeAsync(options?: { logCodecsInfo?: boolean; logCodecsTrace?: boolean }): Promise<void>;
    decodeJpeg(context: CodecContext, parameters?: { convertColorspaceToRgb?: boolean }): CodecContext;
  };
  log: { setLevel(level: string): void };
}

const api = dcmjsCodecs as unknown as DcmjsCodecsApi;
api.log.setLevel('error');
let ready: Promise<void> | undefined;

/** Decode a 12-bit DCT JPEG frame to 16-bit samples. */
export async function decodeJpeg12Bit(codestream: Uint8Array, header: JpegFrameHeader, pixelRepresentation: 0 | 1, photometricInterpretation: string): Promise<DecodedImage> {
  ready ??= api.NativeCodecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
  await ready;
  let bytes: Uint8Array | undefined;
  try {
    const context = new api.Context({
      width: header.columns,
      height: header.rows,
      bitsAllocated: 16,
      bitsStored: header.precision,
      samplesPerPixel: header.components,
      pixelRepresentation,
      planarConfiguration: 0,
      photometricInterpretation,
      encodedBuffer: codestream,
    });
    bytes = api.NativeCodecs.decodeJpeg(context, { convertColorspaceToRgb: false }).getDecodedBuffer()?.slice();
  } catch (thrown) {
    throw new PixelDecodeError(`12-bit JPEG decoder (dcmjs-codecs) could not decode the frame (${describeThrown(thrown)})`);
  }
  if (bytes === undefined || bytes.length === 0) throw new PixelDecodeError('12-bit JPEG decoder (dcmjs-codecs) returned no pixels');
  return { width: header.columns, height: header.rows, components: header.components, samples: samplesOfBytes(bytes, 16), planar: false };
}
