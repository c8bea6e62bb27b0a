/**
 * A deliberately plain JPEG lossless (process 14) encoder for tests, written from T.81 Annex H and
 * Annex C alone, to build streams DCMTK cannot make: restart intervals, several components in one
 * interleaved scan, point transforms, unusual precisions. It shares no code with the decoder.
 */

export interface EncodeOptions {
  readonly width: number;
  readonly height: number;
  readonly precision: number;
  /** Component planes, each width×height unsigned samples below 2^precision. */
  readonly planes: readonly (readonly number[])[];
  readonly predictor: number;
  readonly pointTransform?: number;
  /** In MCUs (one sample of every component); 0 for none. */
  readonly restartInterval?: number;
}

/** Every category 0..16 gets a 5-bit code 0..16 (T.81 C: BITS has 17 codes of length 5). */
const CODE_LENGTH = 5;

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing, T.81 F.1.2.3
    this.acc = 0;
    this.n = 0;
  }
  /** Pad with 1-bits to a byte boundary (T.81 F.1.2.3). */
  align(): void {
    while (this.n !== 0) this.write(1, 1);
  }
}

function prediction(sv: number, a: number, b: number, c: number): number {
  switch (sv) {
    case 1: return a;
    case 2: return b;
    case 3: return c;
    case 4: return a + b - c;
    case 5: return a + Math.floor((b - c) / 2);
    case 6: return b + Math.floor((a - c) / 2);
    default: return Math.floor((a + b) / 2);
  }
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

export function encodeJpegLossless(options: EncodeOptions): Uint8Array {
  const { width, height, precision, planes, predictor } = options;
  const pt = options.pointTransform ?? 0;
  const restart = options.restartInterval ?? 0;
  const reduced = planes.map((plane) => plane.map((v) => Math.floor(v / 2 ** pt)));
  const writer = new BitWriter();
  let mcu = 0;
  let restarts = 0;
  let intervalStart = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (restart > 0 && mcu > 0 && mcu % restart === 0) {
        writer.align();
        writer.bytes.push(0xff, 0xd0 + (restarts++ % 8));
        intervalStart = mcu;
      }
      const firstLine = y === 0 || Math.floor((mcu - intervalStart) / width) === 0;
      for (const plane of reduced) {
        const i = y * width + x;
        const a = plane[i - 1] ?? 0;
        const b = plane[i - width] ?? 0;
        const c = plane[i - width - 1] ?? 0;
        let p: number;
        if (firstLine) p = x === 0 ? 2 ** (precision - pt - 1) : a;
        else p = x === 0 ? b : prediction(predictor, a, b, c);
        let diff = (((plane[i] ?? 0) - p) % 65536 + 65536) % 65536;
        if (diff >= 32768) diff -= 65536;
        const magnitude = Math.abs(diff);
        const ssss = diff === -32768 ? 16 : magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
        writer.write(ssss, CODE_LENGTH);
        if (ssss > 0 && ssss < 16) writer.write(diff > 0 ? diff : diff + 2 ** ssss - 1, ssss);
      }
      mcu++;
    }
  }
  writer.align();
  const components = planes.map((_, k) => [k + 1, 0x11, 0]).flat();
  const counts = new Array<number>(16).fill(0);
  counts[CODE_LENGTH - 1] = 17;
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, k) => k)]),
    ...segment(0xc3, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, planes.length, ...components]),
    ...(restart > 0 ? segment(0xdd, [restart >> 8, restart & 0xff]) : []),
    ...segment(0xda, [planes.length, ...planes.map((_, k) => [k + 1, 0x00]).flat(), predictor, 0, pt]),
    ...writer.bytes,
    0xff, 0xd9,
  ]);
}
