import { describe, expect, it } from 'vitest';
import { decodeSamples } from '../../src/wfdb/decode.js';
import { encodeSamples } from '../../src/wfdb/encode.js';
import { samplesInBytes, wfdbFormat } from '../../src/wfdb/formats.js';

function decode(code: number, bytes: number[], count: number): number[] {
  const out = new Int32Array(count);
  decodeSamples(wfdbFormat(code)!, Uint8Array.from(bytes), count, out);
  return [...out];
}

// Byte layouts worked out by hand from the WFDB signal(5) man page.
describe('decodeSamples', () => {
  it('format 8: signed first differences', () => {
    expect(decode(8, [0x01, 0xff, 0x80, 0x7f], 4)).toEqual([1, -1, -128, 127]);
  });
  it('formats 16, 24, 32: little-endian two-complement', () => {
    expect(decode(16, [0x34, 0x12, 0xff, 0xff, 0x00, 0x80], 3)).toEqual([0x1234, -1, -32768]);
    expect(decode(24, [0x01, 0x00, 0x80, 0xff, 0xff, 0x7f], 2)).toEqual([-8388607, 8388607]);
    expect(decode(32, [0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00], 2)).toEqual([-2147483648, 1]);
  });
  it('format 61: big-endian 16-bit', () => {
    expect(decode(61, [0x12, 0x34, 0x80, 0x00, 0xff, 0xfe], 3)).toEqual([0x1234, -32768, -2]);
  });
  it('formats 80 and 160: offset binary', () => {
    expect(decode(80, [0, 128, 255], 3)).toEqual([-128, 0, 127]);
    expect(decode(160, [0x00, 0x00, 0x00, 0x80, 0xff, 0xff], 3)).toEqual([-32768, 0, 32767]);
  });
  it('format 212: 291 and -1 packed as 23 F1 FF; a lone last sample in 2 bytes', () => {
    expect(decode(212, [0x23, 0xf1, 0xff], 2)).toEqual([291, -1]);
    expect(decode(212, [0x23, 0xf1, 0xff, 0x00, 0x08], 3)).toEqual([291, -1, -2048]);
  });
  it('format 310: 5, -3, -200 as words 0xC00A 0xCFFA (third sample in the top 5 bits of each word)', () => {
    expect(decode(310, [0x0a, 0xc0, 0xfa, 0xcf], 3)).toEqual([5, -3, -200]);
    expect(decode(310, [0x0a, 0xc0, 0xfa, 0xcf, 0x0a, 0xc0], 4)).toEqual([5, -3, -200, 5]);
  });
  it('format 311: 5, -3, -200 in the low 30 bits of the word 0x338FF405', () => {
    expect(decode(311, [0x05, 0xf4, 0x8f, 0x33], 3)).toEqual([5, -3, -200]);
    expect(decode(311, [0x05, 0xf4, 0x8f, 0x33, 0x05, 0xf4, 0x8f], 5)).toEqual([5, -3, -200, 5, -3]);
  });
});

describe('samplesInBytes', () => {
  it('counts whole samples, including those of a partial last block', () => {
    const count = (code: number, bytes: number) => samplesInBytes(wfdbFormat(code)!, bytes);
    expect([count(16, 7), count(24, 7), count(80, 7)]).toEqual([3, 2, 7]);
    expect([0, 1, 2, 3, 4, 5].map((n) => count(212, n))).toEqual([0, 0, 1, 2, 2, 3]);
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => count(310, n))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => count(311, n))).toEqual([0, 0, 1, 2, 3, 3, 4, 5]);
  });
});

describe('encodeSamples', () => {
  it('writes the layouts the decoder reads', () => {
    expect([...encodeSamples(212, Int32Array.from([291, -1, -2048]))]).toEqual([
      0x23, 0xf1, 0xff, 0x00, 0x08,
    ]);
    expect([...encodeSamples(16, Int32Array.from([0x1234, -1]))]).toEqual([0x34, 0x12, 0xff, 0xff]);
    expect([...encodeSamples(80, Int32Array.from([-128, 0, 127]))]).toEqual([0, 128, 255]);
  });

  it('round-trips random values of each writable format', () => {
    for (const [code, bits] of [
      [16, 16],
      [80, 8],
      [212, 12],
    ] as const) {
      const values = Int32Array.from({ length: 1001 }, (_, i) => ((i * 7919) % 2 ** bits) - 2 ** (bits - 1));
      const bytes = encodeSamples(code, values);
      expect(samplesInBytes(wfdbFormat(code)!, bytes.length)).toBe(values.length);
      expect(decode(code, [...bytes], values.length)).toEqual([...values]);
    }
  });
});
