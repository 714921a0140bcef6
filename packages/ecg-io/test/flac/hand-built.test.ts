// decodeFlac on streams assembled bit by bit, with the samples worked out by hand from the format's rules.
import { describe, expect, it } from 'vitest';
import { decodeFlac } from '../../src/wfdb/flac.js';
import { type BitWriter, flacFrame, flacStream, subframeHeader, verbatim } from './stream-builder.js';

/** Decodes a built stream and returns its channels as plain arrays. */
function decode(stream: Uint8Array): number[][] {
  return decodeFlac(stream, 'built.flac').channels.map((channel) => [...channel]);
}

/** A one-channel stream of a single frame. */
function monoFrame(bits: number, blockSize: number, body: (writer: BitWriter) => void): Uint8Array {
  const info = { sampleRate: 500, channels: 1, bitsPerSample: bits, totalSamples: blockSize };
  return flacStream(info, [flacFrame({ blockSize, channelCode: 0, number: 0 }, body)]);
}

describe('subframes and residuals', () => {
  it('FIXED order 1 with an escaped partition (4-bit parameters, escape 15) and a Rice partition', () => {
    const stream = monoFrame(8, 8, (w) => {
      subframeHeader(w, 0b001001).write(10, 8); // FIXED order 1, warm-up 10
      w.write(0, 2).write(1, 4); // coding method 0, partition order 1: two partitions of 4 samples
      w.write(15, 4).write(5, 5); // escape: 5-bit plain residuals, 4 - 1 (order) of them
      for (const r of [3, -16, 15]) w.write(r, 5);
      w.write(2, 4); // Rice parameter 2
      for (const r of [0, -1, 1, 5]) w.rice(r, 2);
    });
    // x[n] = x[n-1] + residual: 10, 13, -3, 12, 12, 11, 12, 17
    expect(decode(stream)).toEqual([[10, 13, -3, 12, 12, 11, 12, 17]]);
  });

  it('FIXED order 2 with 5-bit parameters: a zero-width escape (31) and parameter 17', () => {
    const stream = monoFrame(24, 8, (w) => {
      subframeHeader(w, 0b001010).write(1, 24).write(3, 24); // FIXED order 2, warm-up 1, 3
      w.write(1, 2).write(1, 4); // coding method 1, partition order 1
      w.write(31, 5).write(0, 5); // escape with 0 bits: both residuals are 0
      w.write(17, 5);
      for (const r of [100000, -70000, 0, 1]) w.rice(r, 17);
    });
    // x[n] = 2 x[n-1] - x[n-2] + residual: 5, 7, 100009, 130011, 160013, 190016
    expect(decode(stream)).toEqual([[1, 3, 5, 7, 100009, 130011, 160013, 190016]]);
  });

  it('LPC order 2: prediction shifted right with floor, also for negative sums', () => {
    const stream = monoFrame(16, 7, (w) => {
      subframeHeader(w, 0b100001).write(4, 16).write(6, 16); // LPC order 2, warm-up 4, 6
      w.write(3, 4).write(1, 5); // coefficient precision 4 bits, shift 1
      w.write(3, 4).write(-1, 4); // coefficients 3, -1
      w.write(0, 2).write(0, 4).write(1, 4); // method 0, one partition, Rice parameter 1
      for (const r of [1, -2, 0, -20, 0]) w.rice(r, 1);
    });
    // x[n] = floor((3 x[n-1] - x[n-2]) / 2) + residual:
    // floor(14/2)+1 = 8, floor(18/2)-2 = 7, floor(13/2)+0 = 6, floor(11/2)-20 = -15, floor(-51/2)+0 = -26
    expect(decode(stream)).toEqual([[4, 6, 8, 7, 6, -15, -26]]);
  });

  it('wasted bits shift VERBATIM and CONSTANT samples back up', () => {
    const info = { sampleRate: 500, channels: 2, bitsPerSample: 8, totalSamples: 3 };
    const stream = flacStream(info, [
      flacFrame({ blockSize: 3, channelCode: 1, number: 0 }, (w) => {
        subframeHeader(w, 1, 3); // VERBATIM, 3 wasted bits: 5-bit samples
        for (const s of [-16, 15, 1]) w.write(s, 5);
        subframeHeader(w, 0, 2).write(-5, 6); // CONSTANT, 2 wasted bits: 6-bit value
      }),
    ]);
    expect(decode(stream)).toEqual([
      [-128, 120, 8],
      [-20, -20, -20],
    ]);
  });
});

describe('stereo decorrelation', () => {
  it('restores left/right from mid/side, left/side and right/side frames (side one bit wider)', () => {
    const info = { sampleRate: 500, channels: 2, bitsPerSample: 8, totalSamples: 6 };
    const stream = flacStream(info, [
      flacFrame({ blockSize: 2, channelCode: 10, number: 0 }, (w) => {
        verbatim(w, [5, -3], 8); // mid = (left + right) >> 1
        verbatim(w, [3, -2], 9); // side = left - right
      }),
      flacFrame({ blockSize: 2, channelCode: 8, number: 1 }, (w) => {
        verbatim(w, [100, -128], 8); // left
        verbatim(w, [200, -255], 9); // side
      }),
      flacFrame({ blockSize: 2, channelCode: 9, number: 2 }, (w) => {
        verbatim(w, [-1, 255], 9); // side
        verbatim(w, [127, -128], 8); // right
      }),
    ]);
    expect(decode(stream)).toEqual([
      [7, -4, 100, -128, 126, 127],
      [4, -2, -100, 127, 127, -128],
    ]);
  });

  it('handles 32-bit samples whose side channel needs 33 bits', () => {
    const info = { sampleRate: 500, channels: 2, bitsPerSample: 32, totalSamples: 3 };
    const stream = flacStream(info, [
      flacFrame({ blockSize: 2, channelCode: 8, number: 0, sampleSizeCode: 7 }, (w) => {
        verbatim(w, [2147483647, -2147483648], 32); // left
        verbatim(w, [4294967295, -4294967295], 33); // side
      }),
      flacFrame({ blockSize: 1, channelCode: 10, number: 1 }, (w) => {
        verbatim(w, [-1], 32); // mid of -2^31 and 2^31 - 1
        verbatim(w, [-4294967295], 33); // side
      }),
    ]);
    expect(decode(stream)).toEqual([
      [2147483647, -2147483648, -2147483648],
      [-2147483648, 2147483647, 2147483647],
    ]);
  });
});

describe('frame headers', () => {
  it('reads frame numbers coded over several bytes (130 frames of 16 samples)', () => {
    const info = { sampleRate: 500, channels: 1, bitsPerSample: 8, totalSamples: 130 * 16 };
    const frames = Array.from({ length: 130 }, (_, n) =>
      flacFrame({ blockSize: 16, channelCode: 0, number: n }, (w) => {
        subframeHeader(w, 0).write(n % 128, 8); // CONSTANT n
      }),
    );
    const [samples] = decode(flacStream(info, frames));
    expect(samples).toHaveLength(2080);
    expect(samples.filter((_, i) => i % 16 === 0)).toEqual(Array.from({ length: 130 }, (_, n) => n % 128));
  });

  it('reads variable block sizes numbered by first sample', () => {
    const info = { sampleRate: 500, channels: 1, bitsPerSample: 8, totalSamples: 203 };
    const stream = flacStream(info, [
      flacFrame({ blockSize: 200, channelCode: 0, number: 0, variable: true }, (w) => {
        subframeHeader(w, 0).write(-7, 8);
      }),
      flacFrame({ blockSize: 3, channelCode: 0, number: 200, variable: true }, (w) =>
        verbatim(w, [1, 2, 3], 8),
      ),
    ]);
    expect(decode(stream)).toEqual([[...Array(200).fill(-7), 1, 2, 3]]);
  });

  it('accepts sample rates and sizes written in the frame header when they match STREAMINFO', () => {
    const info = { sampleRate: 1000, channels: 1, bitsPerSample: 12, totalSamples: 3 };
    const frame = (number: number, sampleRateCode: number, sampleRateValue: number) =>
      flacFrame(
        { blockSize: 1, channelCode: 0, number, sampleSizeCode: 2, sampleRateCode, sampleRateValue },
        (w) => verbatim(w, [-2048 + number], 12),
      );
    // 1000 Hz as kHz (code 12), as Hz (code 13) and as tens of Hz (code 14); 12 bits as code 2.
    const stream = flacStream(info, [frame(0, 12, 1), frame(1, 13, 1000), frame(2, 14, 100)]);
    expect(decode(stream)).toEqual([[-2048, -2047, -2046]]);
  });
});
