import { EcgFormatError } from '../errors.js';
import type { FlacBitReader } from './flac-bits.js';

/** The STREAMINFO block: what every frame of the stream shares. */
export interface FlacStreamInfo {
  /** Largest block size in the stream (informative: frames give their own sizes). */
  maxBlockSize: number;
  /** Samples per second per channel. */
  sampleRate: number;
  /** Number of channels (1-8). */
  channels: number;
  /** Bits per sample (1-32). */
  bitsPerSample: number;
  /** Samples per channel in the stream, or 0 when the encoder did not know. */
  totalSamples: number;
}

const STREAMINFO = 0;
const STREAMINFO_LENGTH = 34;
const INVALID_BLOCK_TYPE = 127;

/**
 * Reads the `fLaC` marker and every metadata block, leaving the reader at the first frame. Only STREAMINFO is
 * interpreted (it must come first, as the format requires); the other blocks (padding, seek table, tags, ...)
 * are skipped.
 */
export function readFlacMetadata(reader: FlacBitReader): FlacStreamInfo {
  const { bytes, fileName } = reader;
  const marker = String.fromCharCode(...bytes.subarray(0, 4));
  if (marker !== 'fLaC') {
    throw new EcgFormatError('not a FLAC stream', {
      file: fileName,
      byteOffset: 0,
      field: 'stream marker',
      expected: '"fLaC"',
      found: marker,
    });
  }
  reader.seek(4);
  let info: FlacStreamInfo | undefined;
  for (let last = false; !last; ) {
    const blockOffset = reader.byteOffset;
    last = reader.readUnsigned(1, 'metadata block header') === 1;
    const type = reader.readUnsigned(7, 'metadata block header');
    const length = reader.readUnsigned(24, 'metadata block header');
    const dataOffset = reader.byteOffset;
    const fail = (message: string, expected: string, found: string): never => {
      throw new EcgFormatError(message, {
        file: fileName,
        byteOffset: blockOffset,
        field: 'metadata block header',
        expected,
        found,
      });
    };
    if (type === INVALID_BLOCK_TYPE) fail('invalid metadata block type', 'a type below 127', String(type));
    if ((type === STREAMINFO) !== (info === undefined)) {
      fail('STREAMINFO must be the first metadata block and appear once', 'STREAMINFO first', `type ${type}`);
    }
    if (dataOffset + length > bytes.length) {
      fail(
        'metadata block runs past the end of the file',
        `at most ${bytes.length - dataOffset} bytes`,
        String(length),
      );
    }
    if (type === STREAMINFO) {
      if (length !== STREAMINFO_LENGTH)
        fail('wrong STREAMINFO length', String(STREAMINFO_LENGTH), String(length));
      info = readStreamInfo(reader);
    }
    reader.seek(dataOffset + length);
  }
  // The loop only ends after a block, and the first block is STREAMINFO.
  return info!;
}

function readStreamInfo(reader: FlacBitReader): FlacStreamInfo {
  const field = (bits: number) => reader.readUnsigned(bits, 'STREAMINFO');
  field(16); // minimum block size: informative, frames give their own sizes
  const maxBlockSize = field(16);
  field(48); // minimum and maximum frame sizes in bytes: informative
  const sampleRate = field(20);
  const channels = field(3) + 1;
  const bitsPerSample = field(5) + 1;
  const totalSamples = field(36);
  // The 128-bit MD5 of the samples follows; frames carry their own CRC-16, which is what this decoder checks.
  return { maxBlockSize, sampleRate, channels, bitsPerSample, totalSamples };
}
