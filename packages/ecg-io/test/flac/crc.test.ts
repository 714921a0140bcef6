import { describe, expect, it } from 'vitest';
import { flacCrc8, flacCrc16 } from '../../src/wfdb/flac-crc.js';

const check = new TextEncoder().encode('123456789');

describe('FLAC CRCs', () => {
  it('match the published check values of CRC-8 (poly 0x07) and CRC-16/UMTS (poly 0x8005)', () => {
    expect(flacCrc8(check, 0, check.length)).toBe(0xf4);
    expect(flacCrc16(check, 0, check.length)).toBe(0xfee8);
  });

  it('cover exactly the given range', () => {
    const padded = new Uint8Array([0xaa, ...check, 0x55]);
    expect(flacCrc8(padded, 1, 10)).toBe(0xf4);
    expect(flacCrc16(padded, 1, 10)).toBe(0xfee8);
    expect(flacCrc16(padded, 0, 0)).toBe(0);
  });
});
