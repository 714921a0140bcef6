// FLAC decoder for WFDB signal formats 508, 516 and 524 (RFC 9639). Pure TypeScript and synchronous so that it
// runs the same in browsers and Node; returns the exact integer samples, never scaled audio.
import { EcgFormatError } from '../errors.js';
import { FlacBitReader } from './flac-bits.js';
import { flacCrc16 } from './flac-crc.js';
import {
  type FlacChannelAssignment,
  type FlacFrameHeader,
  readFlacFrameHeader,
} from './flac-frame-header.js';
import { readFlacMetadata } from './flac-metadata.js';
import { decodeFlacSubframe } from './flac-subframe.js';

/** A decoded FLAC stream. */
export interface FlacStream {
  /** Samples of each channel, in stream order. */
  channels: Int32Array[];
  /** Bits per sample from STREAMINFO (every sample fits in this many bits, two's complement). */
  bitsPerSample: number;
  /** Sample rate from STREAMINFO (WFDB writes a nominal 96000; the header's frequency is what counts). */
  sampleRate: number;
}

/**
 * Decodes a whole FLAC stream to integer samples, one array per channel.
 *
 * Checks every frame header's CRC-8 and every frame's CRC-16, that frames follow each other without gaps
 * (frame or sample numbers) and that the stream holds the number of samples STREAMINFO declares. Any
 * violation, and data cut short, throws EcgFormatError naming `fileName`, the byte offset and what was expected.
 */
export function decodeFlac(bytes: Uint8Array, fileName: string): FlacStream {
  const reader = new FlacBitReader(bytes, fileName);
  const info = readFlacMetadata(reader);
  const output = new ChannelOutput(info.channels, info.totalSamples);
  let work = allocate(info.channels, info.maxBlockSize);
  let frames = 0;
  let variable: boolean | undefined;
  while (reader.byteOffset < bytes.length) {
    const header = readFlacFrameHeader(reader, info);
    variable ??= header.variableBlockSize;
    checkFrameNumber(header, variable, frames, output.length, fileName);
    const { blockSize, channelAssignment } = header;
    if (work[0].length < blockSize) work = allocate(info.channels, blockSize);
    work.forEach((samples, channel) => {
      const bits = info.bitsPerSample + (isSideChannel(channelAssignment, channel) ? 1 : 0);
      decodeFlacSubframe(reader, blockSize, bits, samples);
    });
    reader.alignToByte();
    const crcOffset = reader.byteOffset;
    const crc = reader.readUnsigned(16, 'frame CRC-16');
    const expectedCrc = flacCrc16(bytes, header.offset, crcOffset);
    if (crc !== expectedCrc) {
      throw new EcgFormatError(`frame CRC-16 mismatch (frame starting at byte ${header.offset})`, {
        file: fileName,
        byteOffset: crcOffset,
        field: 'frame CRC-16',
        expected: hex16(expectedCrc),
        found: hex16(crc),
      });
    }
    restoreStereo(channelAssignment, work, blockSize);
    output.append(work, blockSize, info.bitsPerSample, header.offset, fileName);
    frames++;
  }
  if (info.totalSamples !== 0 && output.length !== info.totalSamples) {
    throw new EcgFormatError('FLAC stream holds a different number of samples than STREAMINFO declares', {
      file: fileName,
      byteOffset: bytes.length,
      field: 'STREAMINFO total samples',
      expected: String(info.totalSamples),
      found: String(output.length),
    });
  }
  return { channels: output.finish(), bitsPerSample: info.bitsPerSample, sampleRate: info.sampleRate };
}

function allocate(channels: number, blockSize: number): Float64Array[] {
  return Array.from({ length: channels }, () => new Float64Array(blockSize));
}

/** Frames must come in order without gaps: frame n (fixed block size) or first sample n (variable). */
function checkFrameNumber(
  header: FlacFrameHeader,
  variable: boolean,
  frames: number,
  samples: number,
  fileName: string,
): void {
  const expected = variable ? samples : frames;
  if (header.variableBlockSize === variable && header.number === expected) return;
  const what = variable ? 'sample number' : 'frame number';
  throw new EcgFormatError(
    header.variableBlockSize === variable
      ? `FLAC frames missing or out of order (${what})`
      : 'FLAC stream changes between fixed and variable block sizes',
    {
      file: fileName,
      byteOffset: header.offset,
      field: `frame header ${what}`,
      expected: `${what} ${expected}`,
      found: header.variableBlockSize === variable ? String(header.number) : 'the other blocking strategy',
    },
  );
}

/** Which channel of a stereo frame stores the side (left minus right), one bit wider than the samples. */
function isSideChannel(assignment: FlacChannelAssignment, channel: number): boolean {
  if (assignment === 'right-side') return channel === 0;
  return assignment !== 'independent' && channel === 1;
}

/** Turns a decorrelated stereo pair back into left and right, in place. */
function restoreStereo(assignment: FlacChannelAssignment, work: Float64Array[], blockSize: number): void {
  if (assignment === 'independent') return;
  const [first, second] = work;
  for (let i = 0; i < blockSize; i++) {
    const a = first[i];
    const b = second[i];
    if (assignment === 'left-side') {
      second[i] = a - b; // left, side -> right = left - side
    } else if (assignment === 'right-side') {
      first[i] = a + b; // side, right -> left = side + right
    } else {
      // mid, side: the mid sample lost its lowest bit, which equals the side's lowest bit.
      const mid = a * 2 + Math.abs(b % 2);
      first[i] = (mid + b) / 2;
      second[i] = (mid - b) / 2;
    }
  }
}

/** Growing per-channel sample arrays; checks that each sample fits the stream's bits per sample. */
class ChannelOutput {
  private channels: Int32Array[];
  length = 0;

  constructor(channels: number, totalSamples: number) {
    // STREAMINFO's count is a claim, not a fact: start from it only when modest, then grow as frames arrive.
    const capacity = Math.min(totalSamples || 4096, 1 << 20);
    this.channels = Array.from({ length: channels }, () => new Int32Array(capacity));
  }

  append(
    work: Float64Array[],
    blockSize: number,
    bitsPerSample: number,
    frameOffset: number,
    fileName: string,
  ): void {
    const needed = this.length + blockSize;
    if (needed > this.channels[0].length) {
      const capacity = Math.max(needed, this.channels[0].length * 2);
      this.channels = this.channels.map((old) => {
        const grown = new Int32Array(capacity);
        grown.set(old.subarray(0, this.length));
        return grown;
      });
    }
    const max = 2 ** (bitsPerSample - 1) - 1;
    const min = -max - 1;
    this.channels.forEach((samples, channel) => {
      const source = work[channel];
      for (let i = 0; i < blockSize; i++) {
        const value = source[i];
        if (value < min || value > max) {
          throw new EcgFormatError(
            `decoded sample out of range (channel ${channel}, frame at byte ${frameOffset})`,
            {
              file: fileName,
              byteOffset: frameOffset,
              field: 'frame samples',
              expected: `${min} to ${max} (${bitsPerSample} bits)`,
              found: String(value),
            },
          );
        }
        samples[this.length + i] = value;
      }
    });
    this.length = needed;
  }

  /** The samples, trimmed to length. */
  finish(): Int32Array[] {
    return this.channels.map((samples) =>
      samples.length === this.length ? samples : samples.slice(0, this.length),
    );
  }
}

function hex16(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}
