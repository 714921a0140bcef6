/** Formats `writeWfdbRecord` can write. */
export type WfdbWriteFormat = 16 | 80 | 212;

/** Bytes of `values` stored in a writable format (values already in range; see writeWfdbRecord). */
export function encodeSamples(format: WfdbWriteFormat, values: Int32Array): Uint8Array {
  switch (format) {
    case 16: {
      const bytes = new Uint8Array(values.length * 2);
      for (let i = 0, j = 0; i < values.length; i++, j += 2) {
        bytes[j] = values[i] & 0xff;
        bytes[j + 1] = (values[i] >> 8) & 0xff;
      }
      return bytes;
    }
    case 80: {
      const bytes = new Uint8Array(values.length);
      for (let i = 0; i < values.length; i++) bytes[i] = (values[i] + 128) & 0xff;
      return bytes;
    }
    case 212:
      return encode212(values);
  }
}

/** Pairs of 12-bit samples in 3 bytes; a lone last sample takes 2 bytes (as WFDB writes it). */
function encode212(values: Int32Array): Uint8Array {
  const pairs = Math.floor(values.length / 2);
  const bytes = new Uint8Array(pairs * 3 + (values.length % 2) * 2);
  let j = 0;
  for (let i = 0; i < pairs * 2; i += 2, j += 3) {
    const a = values[i] & 0xfff;
    const b = values[i + 1] & 0xfff;
    bytes[j] = a & 0xff;
    bytes[j + 1] = (a >> 8) | ((b >> 4) & 0xf0);
    bytes[j + 2] = b & 0xff;
  }
  if (values.length % 2 === 1) {
    const a = values[values.length - 1] & 0xfff;
    bytes[j] = a & 0xff;
    bytes[j + 1] = a >> 8;
  }
  return bytes;
}
