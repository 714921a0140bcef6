import type { WfdbFormat } from './formats.js';

/**
 * Decodes `count` stored values of a fixed-layout format from `bytes` (which start at a block boundary) into
 * `out`. Values are as stored: amplitudes with the format's invalid value left in place, and for format 8 the
 * signed first differences (the caller adds them up per signal). The caller makes sure the bytes hold `count`
 * samples (see `samplesInBytes`).
 */
export function decodeSamples(format: WfdbFormat, bytes: Uint8Array, count: number, out: Int32Array): void {
  const b = bytes;
  switch (format.code) {
    case 8:
      for (let i = 0; i < count; i++) out[i] = (b[i] << 24) >> 24;
      return;
    case 16:
      for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = ((b[j] | (b[j + 1] << 8)) << 16) >> 16;
      return;
    case 24:
      for (let i = 0, j = 0; i < count; i++, j += 3)
        out[i] = ((b[j] | (b[j + 1] << 8) | (b[j + 2] << 16)) << 8) >> 8;
      return;
    case 32:
      for (let i = 0, j = 0; i < count; i++, j += 4)
        out[i] = b[j] | (b[j + 1] << 8) | (b[j + 2] << 16) | (b[j + 3] << 24);
      return;
    case 61:
      for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = ((b[j + 1] | (b[j] << 8)) << 16) >> 16;
      return;
    case 80:
      for (let i = 0; i < count; i++) out[i] = b[i] - 128;
      return;
    case 160:
      for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = (b[j] | (b[j + 1] << 8)) - 32768;
      return;
    case 212:
      decode212(b, count, out);
      return;
    case 310:
      decode310(b, count, out);
      return;
    case 311:
      decode311(b, count, out);
      return;
    default:
      throw new Error(`decodeSamples: format ${format.code} is not a fixed-layout format`);
  }
}

/** Two 12-bit samples in 3 bytes: the low 8 bits of each in bytes 0 and 2, their high 4 bits in byte 1. */
function decode212(b: Uint8Array, count: number, out: Int32Array): void {
  let i = 0;
  let j = 0;
  for (; i + 1 < count; i += 2, j += 3) {
    const middle = b[j + 1];
    out[i] = ((b[j] | ((middle & 0x0f) << 8)) << 20) >> 20;
    out[i + 1] = ((b[j + 2] | ((middle & 0xf0) << 4)) << 20) >> 20;
  }
  if (i < count) out[i] = ((b[j] | ((b[j + 1] & 0x0f) << 8)) << 20) >> 20;
}

/**
 * Three 10-bit samples in two little-endian 16-bit words: samples 0 and 1 in bits 1-10 of words 0 and 1,
 * sample 2 from the top 5 bits of word 0 (its low half) and of word 1 (its high half).
 */
function decode310(b: Uint8Array, count: number, out: Int32Array): void {
  for (let i = 0, j = 0; i < count; i += 3, j += 4) {
    const w0 = b[j] | (b[j + 1] << 8);
    out[i] = (w0 << 21) >> 22;
    if (i + 1 >= count) break;
    const w1 = b[j + 2] | (b[j + 3] << 8);
    out[i + 1] = (w1 << 21) >> 22;
    if (i + 2 >= count) break;
    out[i + 2] = ((((w0 >> 11) & 0x1f) | (((w1 >> 11) & 0x1f) << 5)) << 22) >> 22;
  }
}

/** Three 10-bit samples in the low 30 bits of a little-endian 32-bit word. */
function decode311(b: Uint8Array, count: number, out: Int32Array): void {
  for (let i = 0, j = 0; i < count; i += 3, j += 4) {
    const w = b[j] | (b[j + 1] << 8) | (b[j + 2] << 16) | (b[j + 3] << 24);
    out[i] = (w << 22) >> 22;
    if (i + 1 < count) out[i + 1] = (w << 12) >> 22;
    if (i + 2 < count) out[i + 2] = (w << 2) >> 22;
  }
}
