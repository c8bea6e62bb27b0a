/** The Image Pixel module attributes that decoding needs (PS3.3 C.7.6.3). */
export interface PixelFormat {
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  readonly planarConfiguration: 0 | 1;
  readonly numberOfFrames: number;
}

/** Stored pixel values of one frame, before modality rescale, sign-extended from BitsStored. */
export type StoredFrame = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array;

export class UnsupportedTransferSyntaxError extends Error {
  constructor(readonly transferSyntaxUid: string) {
    super(`transfer syntax ${transferSyntaxUid} is not supported`);
    this.name = 'UnsupportedTransferSyntaxError';
  }
}

export class PixelDecodeError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PixelDecodeError';
  }
}
