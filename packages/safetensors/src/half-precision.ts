// Conversions between float32 and the two 16-bit float formats safetensors files use: IEEE 754 half
// precision (F16) and bfloat16 (BF16). Values are held as raw 16-bit patterns in a Uint16Array.

const scratch = new DataView(new ArrayBuffer(4));

/** Decodes IEEE 754 half-precision bit patterns. Exact: every F16 value is representable in float32. */
export function float16ToFloat32(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) {
      out[i] = sign * fraction * 2 ** -24;
    } else if (exponent === 0x1f) {
      out[i] = fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    } else {
      out[i] = sign * (1024 + fraction) * 2 ** (exponent - 25);
    }
  }
  return out;
}

/** Decodes bfloat16 bit patterns (the upper half of a float32). Exact. */
export function bfloat16ToFloat32(bits: Uint16Array): Float32Array {
  const words = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) words[i] = bits[i] << 16;
  return new Float32Array(words.buffer);
}

/**
 * Encodes numbers as half-precision bit patterns, rounding to nearest, ties to even (as PyTorch does).
 * Magnitudes from 65520 up become ±Infinity; NaN stays NaN.
 */
export function float32ToFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeFloat16(values[i]);
  return out;
}

/** Encodes numbers as bfloat16 bit patterns, rounding to nearest, ties to even. NaN stays NaN. */
export function float32ToBfloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    scratch.setFloat32(0, values[i]);
    const word = scratch.getUint32(0);
    if ((word & 0x7fffffff) > 0x7f800000) {
      out[i] = (word >>> 16) | 0x0040; // keep NaN a NaN even if its payload sat in the dropped half
    } else {
      out[i] = (word + 0x7fff + ((word >>> 16) & 1)) >>> 16;
    }
  }
  return out;
}

function encodeFloat16(value: number): number {
  scratch.setFloat32(0, value);
  const word = scratch.getUint32(0);
  const sign = (word >>> 16) & 0x8000;
  const exponent32 = (word >>> 23) & 0xff;
  const mantissa = word & 0x7fffff;
  if (exponent32 === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const exponent = exponent32 - 127 + 15;
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    // Subnormal half (or zero): shift the full significand down to units of 2^-24, rounding half to even.
    if (exponent < -10) return sign;
    const significand = mantissa | 0x800000;
    const shift = 14 - exponent;
    let half = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and turns 65520 and above into Infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}
