import { EcgFormatError } from '../errors.js';
import type { FlacBitReader } from './flac-bits.js';
import { flacCrc8 } from './flac-crc.js';
import type { FlacStreamInfo } from './flac-metadata.js';

/** How a frame stores its channels: each on its own, or a stereo pair as one channel and a difference. */
export type FlacChannelAssignment = 'independent' | 'left-side' | 'right-side' | 'mid-side';

/** A decoded frame header. */
export interface FlacFrameHeader {
  /** Byte offset of the frame (its sync code) in the stream. */
  offset: number;
  /** Samples per channel in this frame. */
  blockSize: number;
  channelAssignment: FlacChannelAssignment;
  /** Whether the stream numbers frames by first sample (variable block size) rather than by frame. */
  variableBlockSize: boolean;
  /** Frame number (fixed block size) or number of the frame's first sample (variable block size). */
  number: number;
}

/** Block sizes of codes 1-5 and 8-15; codes 6 and 7 read the size from the end of the header. */
const BLOCK_SIZES: readonly number[] = [
  0, 192, 576, 1152, 2304, 4608, 0, 0, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
];
/** Sample rates of codes 1-11; 0 means "as in STREAMINFO", 12-14 read the rate from the end of the header. */
const SAMPLE_RATES: readonly number[] = [
  0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000,
];
/** Bits per sample of codes 1-7 (code 3 is reserved); 0 means "as in STREAMINFO". */
const SAMPLE_SIZES: readonly number[] = [0, 8, 12, 0, 16, 20, 24, 32];
const ASSIGNMENTS: readonly FlacChannelAssignment[] = ['left-side', 'right-side', 'mid-side'];

/**
 * Reads a frame header at the reader's (byte-aligned) position and checks its CRC-8 and that it agrees with
 * STREAMINFO (channel count, bits per sample, sample rate), since one decoded stream has one of each.
 */
export function readFlacFrameHeader(reader: FlacBitReader, info: FlacStreamInfo): FlacFrameHeader {
  const offset = reader.byteOffset;
  const fail = (message: string, field: string, expected: string, found: string): never => {
    throw new EcgFormatError(message, { file: reader.fileName, byteOffset: offset, field, expected, found });
  };
  const what = 'frame header';
  const sync = reader.readUnsigned(16, what);
  // 14-bit sync code, a reserved 0 bit, then the blocking strategy bit.
  if ((sync & 0xfffe) !== 0xfff8) {
    fail('no FLAC frame where one should start', 'frame sync code', '0xFFF8 or 0xFFF9', hex(sync));
  }
  const variableBlockSize = (sync & 1) === 1;
  const blockSizeCode = reader.readUnsigned(4, what);
  const sampleRateCode = reader.readUnsigned(4, what);
  const channelCode = reader.readUnsigned(4, what);
  const sampleSizeCode = reader.readUnsigned(3, what);
  const reserved = reader.readUnsigned(1, what);
  const number = readCodedNumber(reader, variableBlockSize, offset);

  if (blockSizeCode === 0) fail('reserved block size code', 'block size code', '1-15', '0');
  let blockSize = BLOCK_SIZES[blockSizeCode];
  if (blockSizeCode === 6) blockSize = reader.readUnsigned(8, what) + 1;
  if (blockSizeCode === 7) blockSize = reader.readUnsigned(16, what) + 1;

  let sampleRate = sampleRateCode === 0 ? info.sampleRate : SAMPLE_RATES[sampleRateCode];
  if (sampleRateCode === 12) sampleRate = reader.readUnsigned(8, what) * 1000;
  if (sampleRateCode === 13) sampleRate = reader.readUnsigned(16, what);
  if (sampleRateCode === 14) sampleRate = reader.readUnsigned(16, what) * 10;
  if (sampleRateCode === 15) fail('invalid sample rate code', 'sample rate code', '0-14', '15');

  const headerEnd = reader.byteOffset;
  const crc = reader.readUnsigned(8, what);
  const expectedCrc = flacCrc8(reader.bytes, offset, headerEnd);
  if (crc !== expectedCrc)
    fail('frame header CRC-8 mismatch', 'frame header CRC-8', hex(expectedCrc), hex(crc));
  // The CRC matched, so any remaining oddity is in the stream itself rather than damage.
  if (reserved !== 0) fail('reserved bit set in frame header', 'frame header reserved bit', '0', '1');
  if (channelCode > 10)
    fail('reserved channel assignment', 'channel assignment', '0-10', String(channelCode));
  const channels = channelCode < 8 ? channelCode + 1 : 2;
  if (channels !== info.channels) {
    fail(
      'frame has a different channel count than STREAMINFO',
      'channel assignment',
      String(info.channels),
      String(channels),
    );
  }
  const bitsPerSample = sampleSizeCode === 0 ? info.bitsPerSample : SAMPLE_SIZES[sampleSizeCode];
  if (bitsPerSample !== info.bitsPerSample) {
    const found = sampleSizeCode === 3 ? 'reserved code 3' : String(bitsPerSample);
    fail(
      'frame has a different sample size than STREAMINFO',
      'sample size',
      String(info.bitsPerSample),
      found,
    );
  }
  if (sampleRate !== info.sampleRate) {
    fail(
      'frame has a different sample rate than STREAMINFO',
      'sample rate',
      String(info.sampleRate),
      String(sampleRate),
    );
  }
  const channelAssignment = channelCode < 8 ? 'independent' : ASSIGNMENTS[channelCode - 8];
  return { offset, blockSize, channelAssignment, variableBlockSize, number };
}

/**
 * Reads the frame or sample number, coded like UTF-8 extended to 7 bytes (36 bits): a first byte whose leading
 * ones count the bytes, then continuation bytes `10xxxxxx`.
 */
function readCodedNumber(reader: FlacBitReader, variableBlockSize: boolean, frameOffset: number): number {
  const what = variableBlockSize ? 'sample number' : 'frame number';
  const offset = reader.byteOffset;
  const first = reader.readUnsigned(8, `frame header ${what}`);
  const length = Math.clz32(~(first << 24)); // leading one bits of the lead byte
  if (length === 0) return first;
  // 10xxxxxx is a continuation byte, not a lead byte; frame numbers take at most 6 bytes, sample numbers 7.
  const maxLength = variableBlockSize ? 7 : 6;
  if (length === 1 || length > maxLength) {
    throw new EcgFormatError(`invalid coded ${what}`, {
      file: reader.fileName,
      byteOffset: offset,
      field: `frame header ${what}`,
      expected: `a UTF-8 style lead byte of at most ${maxLength} bytes (frame at byte ${frameOffset})`,
      found: hex(first),
    });
  }
  let value = first & (0x7f >> length);
  for (let i = 1; i < length; i++) {
    const byteOffset = reader.byteOffset;
    const next = reader.readUnsigned(8, `frame header ${what}`);
    if ((next & 0xc0) !== 0x80) {
      throw new EcgFormatError(`invalid coded ${what}`, {
        file: reader.fileName,
        byteOffset,
        field: `frame header ${what}`,
        expected: 'a continuation byte 10xxxxxx',
        found: hex(next),
      });
    }
    value = value * 64 + (next & 0x3f);
  }
  return value;
}

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}
