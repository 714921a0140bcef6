import { describe, expect, it } from 'vitest';
import {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
  SafetensorsError,
  toFloat32Array,
} from '../src/index.js';

const allPatterns = Uint16Array.from({ length: 65536 }, (_, i) => i);

describe('float16', () => {
  it('decodes known bit patterns', () => {
    const bits = new Uint16Array([
      0x3c00, 0xc000, 0x7bff, 0x0400, 0x0001, 0x03ff, 0x8000, 0x7c00, 0xfc00, 0x3555,
    ]);
    const values = [...float16ToFloat32(bits)];
    expect(values).toEqual([
      1,
      -2,
      65504,
      2 ** -14,
      2 ** -24,
      1023 * 2 ** -24,
      -0,
      Infinity,
      -Infinity,
      0.333251953125,
    ]);
    expect(Object.is(values[6], -0)).toBe(true);
    expect(float16ToFloat32(new Uint16Array([0x7e00, 0x7c01]))).toEqual(new Float32Array([NaN, NaN]));
  });

  it('encodes with round-to-nearest-even, overflow to Infinity and subnormals', () => {
    const cases: Array<[number, number]> = [
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65519, 0x7bff], // below the halfway point 65520
      [65520, 0x7c00], // halfway: ties to even rounds up into Infinity
      [1e6, 0x7c00],
      [1 + 2 ** -11, 0x3c00], // halfway between 0x3c00 and 0x3c01: keep the even one
      [1 + 3 * 2 ** -11, 0x3c02], // halfway between 0x3c01 and 0x3c02: the even one is 0x3c02
      [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above halfway rounds up
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // halfway between 0 and the smallest subnormal: ties to even (0)
      [3 * 2 ** -25, 0x0002], // halfway between 1 and 2 units: even is 2
      [2 ** -26, 0x0000],
      [-0, 0x8000],
      [2 ** -14 - 2 ** -25, 0x0400], // largest subnormal + half a unit rounds to the smallest normal
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
    ];
    for (const [value, bits] of cases) expect([value, float32ToFloat16([value])[0]]).toEqual([value, bits]);
    const nan = float32ToFloat16([NaN])[0];
    expect(nan & 0x7c00).toBe(0x7c00);
    expect(nan & 0x03ff).not.toBe(0);
  });

  it('round-trips all 63,488 non-NaN half values exactly', () => {
    const decoded = float16ToFloat32(allPatterns);
    const encoded = float32ToFloat16(decoded);
    let checked = 0;
    for (let i = 0; i < allPatterns.length; i++) {
      if (Number.isNaN(decoded[i])) continue;
      expect(encoded[i]).toBe(i);
      checked++;
    }
    expect(checked).toBe(65536 - 2046);
  });
});

describe('bfloat16', () => {
  it('decodes known bit patterns', () => {
    expect([...bfloat16ToFloat32(new Uint16Array([0x3f80, 0xc049, 0x0001, 0x7f80]))]).toEqual([
      1,
      -3.140625,
      2 ** -133,
      Infinity,
    ]);
  });

  it('encodes with round-to-nearest-even', () => {
    const cases: Array<[number, number]> = [
      [1, 0x3f80],
      [Math.PI, 0x4049], // 3.14159 -> 3.140625
      [1 + 2 ** -8, 0x3f80], // halfway: keep even 0x3f80
      [1 + 3 * 2 ** -8, 0x3f82], // halfway between 0x3f81 and 0x3f82: even
      [3.4e38, 0x7f80], // rounds past the largest bfloat16 into Infinity
      [-0, 0x8000],
    ];
    for (const [value, bits] of cases) expect([value, float32ToBfloat16([value])[0]]).toEqual([value, bits]);
    expect(Number.isNaN(bfloat16ToFloat32(float32ToBfloat16([NaN]))[0])).toBe(true);
  });

  it('round-trips all non-NaN bfloat16 values exactly', () => {
    const decoded = bfloat16ToFloat32(allPatterns);
    const encoded = float32ToBfloat16(decoded);
    for (let i = 0; i < allPatterns.length; i++) {
      if (!Number.isNaN(decoded[i])) expect(encoded[i]).toBe(i);
    }
  });
});

describe('toFloat32Array', () => {
  it('converts every real dtype to float32 values', () => {
    expect(toFloat32Array({ dtype: 'F16', shape: [2], data: new Uint16Array([0x3c00, 0xc000]) })).toEqual(
      new Float32Array([1, -2]),
    );
    expect(toFloat32Array({ dtype: 'BF16', shape: [1], data: new Uint16Array([0x3f80]) })).toEqual(
      new Float32Array([1]),
    );
    expect(toFloat32Array({ dtype: 'F64', shape: [1], data: new Float64Array([0.1]) })).toEqual(
      new Float32Array([0.1]),
    );
    expect(toFloat32Array({ dtype: 'I64', shape: [2], data: new BigInt64Array([-3n, 2n ** 40n]) })).toEqual(
      new Float32Array([-3, 2 ** 40]),
    );
    expect(toFloat32Array({ dtype: 'I8', shape: [1], data: new Int8Array([-7]) })).toEqual(
      new Float32Array([-7]),
    );
    const f32 = new Float32Array([5]);
    expect(toFloat32Array({ dtype: 'F32', shape: [1], data: f32 })).toBe(f32);
  });

  it('refuses F8 and complex tensors', () => {
    expect(() => toFloat32Array({ dtype: 'F8_E4M3', shape: [1], data: new Uint8Array(1) }, 'q')).toThrow(
      SafetensorsError,
    );
    expect(() => toFloat32Array({ dtype: 'C64', shape: [1], data: new Float32Array(2) }, 'q')).toThrow(
      /tensor "q": cannot convert C64/,
    );
  });
});
