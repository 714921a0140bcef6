// Corrupt and truncated FLAC streams must throw EcgFormatError naming the file, the byte offset and the field.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgFormatError } from '../../src/errors.js';
import { decodeFlac } from '../../src/wfdb/flac.js';
import {
  type BitWriter,
  type BuiltFrameHeader,
  flacFrame,
  flacStream,
  subframeHeader,
  verbatim,
} from './stream-builder.js';

beforeAll(() => {
  requireData();
});

function errorOf(bytes: Uint8Array): EcgFormatError {
  try {
    decodeFlac(bytes, 'bad.flac');
  } catch (error) {
    expect(error).toBeInstanceOf(EcgFormatError);
    return error as EcgFormatError;
  }
  throw new Error('decodeFlac accepted a bad stream');
}

const INFO = { sampleRate: 500, channels: 1, bitsPerSample: 8, totalSamples: 2 };

/** A one-frame stream of two 8-bit samples whose subframe `body` writes, under a header changed by `header`. */
function stream(
  body: (w: BitWriter) => void,
  header: Partial<BuiltFrameHeader> = {},
  info = INFO,
): Uint8Array {
  return flacStream(info, [flacFrame({ blockSize: 2, channelCode: 0, number: 0, ...header }, body)]);
}

const good = (w: BitWriter) => verbatim(w, [1, 2], 8);
/** Offset of the first frame in streams built by `stream` ("fLaC", block header, 34-byte STREAMINFO). */
const FRAME = 42;

describe('decodeFlac rejects', () => {
  it('a file that is not FLAC', () => {
    const error = errorOf(new TextEncoder().encode('RIFF....WAVE'));
    expect(error).toMatchObject({
      file: 'bad.flac',
      byteOffset: 0,
      field: 'stream marker',
      expected: '"fLaC"',
    });
    expect(error.message).toContain('bad.flac, byte 0');
  });

  it('a stream whose first metadata block is not STREAMINFO', () => {
    const bytes = stream(good);
    bytes[4] = 0x81; // last block, type 1 (PADDING)
    expect(errorOf(bytes)).toMatchObject({ byteOffset: 4, field: 'metadata block header', found: 'type 1' });
  });

  it('a metadata block longer than the file', () => {
    const bytes = stream(good).subarray(0, 30);
    expect(errorOf(bytes)).toMatchObject({ byteOffset: 4, expected: 'at most 22 bytes', found: '34' });
  });

  it('a damaged frame header (CRC-8) and damaged frame data (CRC-16)', () => {
    const header = stream(good);
    header[FRAME + 2] ^= 0x01; // sample rate code 0 -> 1
    expect(errorOf(header)).toMatchObject({ byteOffset: FRAME, field: 'frame header CRC-8' });
    const data = stream(good);
    data[data.length - 3] ^= 0x01; // the second sample
    expect(errorOf(data)).toMatchObject({ byteOffset: data.length - 2, field: 'frame CRC-16' });
  });

  it('garbage where a frame should start', () => {
    const bytes = new Uint8Array([...stream(good), 0x12, 0x34]);
    expect(errorOf(bytes)).toMatchObject({
      byteOffset: bytes.length - 2,
      field: 'frame sync code',
      found: '0x1234',
    });
  });

  it('missing frames, by frame number and by total sample count', () => {
    const info = { ...INFO, totalSamples: 4 };
    const frame = (number: number) => flacFrame({ blockSize: 2, channelCode: 0, number }, good);
    const gap = flacStream(info, [frame(0), frame(2)]);
    expect(errorOf(gap)).toMatchObject({
      field: 'frame header frame number',
      expected: 'frame number 1',
      found: '2',
    });
    const short = flacStream(info, [frame(0)]);
    expect(errorOf(short)).toMatchObject({ field: 'STREAMINFO total samples', expected: '4', found: '2' });
  });

  it('frames that disagree with STREAMINFO (channels, sample size, sample rate)', () => {
    expect(errorOf(stream(good, { channelCode: 1 }))).toMatchObject({
      field: 'channel assignment',
      expected: '1',
      found: '2',
    });
    expect(errorOf(stream(good, { sampleSizeCode: 4 }))).toMatchObject({
      field: 'sample size',
      expected: '8',
      found: '16',
    });
    expect(errorOf(stream(good, { sampleSizeCode: 3 }))).toMatchObject({
      field: 'sample size',
      found: 'reserved code 3',
    });
    const rate = stream(good, { sampleRateCode: 12, sampleRateValue: 1 });
    expect(errorOf(rate)).toMatchObject({ field: 'sample rate', expected: '500', found: '1000' });
  });

  it('reserved or impossible subframe fields', () => {
    const cases: [string, (w: BitWriter) => void][] = [
      ['subframe type', (w) => subframeHeader(w, 0b000010)],
      ['subframe wasted bits', (w) => subframeHeader(w, 1, 8)],
      ['subframe predictor order', (w) => subframeHeader(w, 0b001011).write(0, 8).write(0, 8).write(0, 8)],
      ['LPC coefficient precision', (w) => subframeHeader(w, 0b100000).write(0, 8).write(15, 4)],
      ['LPC shift', (w) => subframeHeader(w, 0b100000).write(0, 8).write(3, 4).write(-1, 5)],
      ['residual coding method', (w) => subframeHeader(w, 0b001000).write(2, 2)],
      ['residual partition order', (w) => subframeHeader(w, 0b001000).write(0, 2).write(2, 4)],
    ];
    for (const [field, body] of cases) expect(errorOf(stream(body)).field).toBe(field);
  });

  it('decoded samples that do not fit the bits per sample', () => {
    const info = { ...INFO, channels: 2, totalSamples: 1 };
    const frame = flacFrame({ blockSize: 1, channelCode: 8, number: 0 }, (w) => {
      verbatim(w, [127], 8); // left
      verbatim(w, [-1], 9); // side: right = 128
    });
    expect(errorOf(flacStream(info, [frame]))).toMatchObject({
      field: 'frame samples',
      expected: '-128 to 127 (8 bits)',
      found: '128',
    });
  });

  it('every truncation of a real WFDB FLAC file', () => {
    const bytes = new Uint8Array(readFileSync(sampleData('flacformats.d1')));
    for (let length = 0; length < bytes.length; length++) {
      const error = errorOf(bytes.subarray(0, length));
      expect(error.file).toBe('bad.flac');
      expect(error.byteOffset).toBeLessThanOrEqual(length);
    }
  });

  it('randomly corrupted real files with EcgFormatError or decode them, never anything else', () => {
    const files = ['flacformats.d0', 'flacformats.d2'].map(
      (name) => new Uint8Array(readFileSync(sampleData(name))),
    );
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          const bytes = files[which].slice();
          for (const [position, value] of edits) bytes[position % bytes.length] = value;
          try {
            decodeFlac(bytes, 'fuzz.flac');
          } catch (error) {
            if (!(error instanceof EcgFormatError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
