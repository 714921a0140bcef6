// Builds small FLAC streams bit by bit, so tests can cover codings the reference encoder never writes (escaped
// partitions, hand-picked stereo pairs, 33-bit side channels) and hand-compute the samples they must decode to.
import { flacCrc8, flacCrc16 } from '../../src/wfdb/flac-crc.js';

/** Collects bits MSB first. */
export class BitWriter {
  private readonly bits: number[] = [];

  /** Appends the low `count` bits of `value` (two's complement for negative values; `count` <= 40). */
  write(value: number, count: number): this {
    const unsigned = value < 0 ? value + 2 ** count : value;
    for (let i = count - 1; i >= 0; i--) this.bits.push(Math.floor(unsigned / 2 ** i) % 2);
    return this;
  }

  /** Appends `zeros` zero bits and a one bit. */
  unary(zeros: number): this {
    for (let i = 0; i < zeros; i++) this.bits.push(0);
    this.bits.push(1);
    return this;
  }

  /** Appends one Rice-coded residual with parameter `k` (zigzag folding, as FLAC stores residuals). */
  rice(value: number, k: number): this {
    const folded = value >= 0 ? value * 2 : -value * 2 - 1;
    return this.unary(Math.floor(folded / 2 ** k)).write(folded % 2 ** k, k);
  }

  /** The bits written, zero-padded to whole bytes. */
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((bit, i) => {
      out[i >> 3] |= bit << (7 - (i & 7));
    });
    return out;
  }
}

/** What the STREAMINFO block of a built stream says. */
export interface BuiltStreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
}

/** `fLaC`, a STREAMINFO block (last metadata block) and the frames. */
export function flacStream(info: BuiltStreamInfo, frames: Uint8Array[]): Uint8Array {
  const head = new BitWriter()
    .write(0x664c6143, 32) // "fLaC"
    .write(1, 1) // last metadata block
    .write(0, 7) // STREAMINFO
    .write(34, 24)
    .write(16, 16) // minimum block size
    .write(65535, 16) // maximum block size
    .write(0, 24) // minimum frame size: unknown
    .write(0, 24) // maximum frame size: unknown
    .write(info.sampleRate, 20)
    .write(info.channels - 1, 3)
    .write(info.bitsPerSample - 1, 5)
    .write(info.totalSamples, 36)
    .write(0, 32) // MD5 (not checked by the decoder), 128 zero bits
    .write(0, 32)
    .write(0, 32)
    .write(0, 32)
    .bytes();
  return concat([head, ...frames]);
}

/** Frame header fields of a built frame; codes are the raw 4-bit / 3-bit values of the format. */
export interface BuiltFrameHeader {
  blockSize: number;
  /** 0-7: 1-8 independent channels; 8 left/side, 9 right/side, 10 mid/side. */
  channelCode: number;
  /** Frame number, or first sample number when `variable`. */
  number: number;
  variable?: boolean;
  /** 3-bit sample size code (default 0: as in STREAMINFO). */
  sampleSizeCode?: number;
  /** Sample rate code and the bits that follow the header for codes 12-14 (default 0: as in STREAMINFO). */
  sampleRateCode?: number;
  sampleRateValue?: number;
}

/** A frame: header (block size coded explicitly in 16 bits), CRC-8, the subframes `body` writes, CRC-16. */
export function flacFrame(header: BuiltFrameHeader, body: (writer: BitWriter) => void): Uint8Array {
  const rateCode = header.sampleRateCode ?? 0;
  const writer = new BitWriter()
    .write(0x7ffc, 15)
    .write(header.variable ? 1 : 0, 1)
    .write(7, 4) // block size: 16 bits after the number
    .write(rateCode, 4)
    .write(header.channelCode, 4)
    .write(header.sampleSizeCode ?? 0, 3)
    .write(0, 1);
  for (const byte of codedNumber(header.number)) writer.write(byte, 8);
  writer.write(header.blockSize - 1, 16);
  if (rateCode === 12) writer.write(header.sampleRateValue ?? 0, 8);
  if (rateCode === 13 || rateCode === 14) writer.write(header.sampleRateValue ?? 0, 16);
  const headerBytes = writer.bytes();
  const bodyWriter = new BitWriter();
  body(bodyWriter);
  const frame = concat([
    headerBytes,
    new Uint8Array([flacCrc8(headerBytes, 0, headerBytes.length)]),
    bodyWriter.bytes(),
  ]);
  const crc = flacCrc16(frame, 0, frame.length);
  return concat([frame, new Uint8Array([crc >> 8, crc & 0xff])]);
}

/** A subframe header: padding bit, 6-bit type, wasted-bits flag and unary count. */
export function subframeHeader(writer: BitWriter, type: number, wastedBits = 0): BitWriter {
  writer.write(0, 1).write(type, 6);
  return wastedBits === 0 ? writer.write(0, 1) : writer.write(1, 1).unary(wastedBits - 1);
}

/** A VERBATIM subframe of `bits`-bit samples. */
export function verbatim(writer: BitWriter, samples: number[], bits: number): void {
  subframeHeader(writer, 1);
  for (const sample of samples) writer.write(sample, bits);
}

/** FLAC's UTF-8 style coding of a frame or sample number (up to 36 bits). */
export function codedNumber(value: number): number[] {
  if (value < 0x80) return [value];
  // An n-byte code holds 7 - n bits in its lead byte and 6 in each continuation byte.
  let length = 2;
  while (value >= 2 ** (6 * (length - 1) + 7 - length)) length++;
  const continuation: number[] = [];
  let rest = value;
  for (let i = 1; i < length; i++) {
    continuation.unshift(0x80 | (rest % 64));
    rest = Math.floor(rest / 64);
  }
  return [((0xff << (8 - length)) & 0xff) | rest, ...continuation];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
