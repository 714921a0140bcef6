import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dtypeInfo,
  parseSafetensors,
  SAFE_DTYPES,
  type SafeDtype,
  type SafeTensor,
  SafetensorsError,
  serializeSafetensors,
} from '../src/index.js';
import { f32le, u64le } from './bytes.js';

const decoder = new TextDecoder();

function headerOf(file: Uint8Array): { length: number; text: string } {
  const length = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  return { length, text: decoder.decode(file.subarray(8, 8 + length)) };
}

describe('serializeSafetensors', () => {
  it('writes the exact bytes of the format', () => {
    const file = serializeSafetensors({ w: { dtype: 'F32', shape: [2], data: new Float32Array([1, -2.5]) } });
    const header = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    // 54 bytes of JSON padded with 2 spaces to 56, a multiple of 8
    const expected = [
      ...u64le(56),
      ...new TextEncoder().encode(header),
      0x20,
      0x20,
      ...f32le(1),
      ...f32le(-2.5),
    ];
    expect([...file]).toEqual(expected);
  });

  it('puts __metadata__ first and orders tensors by dtype width then name, so data is aligned', () => {
    const file = serializeSafetensors(
      {
        b8: { dtype: 'U8', shape: [3], data: new Uint8Array([1, 2, 3]) },
        z64: { dtype: 'F64', shape: [1], data: new Float64Array([0.25]) },
        a32: { dtype: 'F32', shape: [1], data: new Float32Array([4]) },
        a64: { dtype: 'I64', shape: [1], data: new BigInt64Array([-5n]) },
        h: { dtype: 'BF16', shape: [1], data: new Uint16Array([0x3f80]) },
      },
      { format: 'pt' },
    );
    const { length, text } = headerOf(file);
    expect(length % 8).toBe(0);
    expect(text.trimEnd()).toBe(
      '{"__metadata__":{"format":"pt"},' +
        '"a64":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},' +
        '"z64":{"dtype":"F64","shape":[1],"data_offsets":[8,16]},' +
        '"a32":{"dtype":"F32","shape":[1],"data_offsets":[16,20]},' +
        '"h":{"dtype":"BF16","shape":[1],"data_offsets":[20,22]},' +
        '"b8":{"dtype":"U8","shape":[3],"data_offsets":[22,25]}}',
    );
    expect(text.slice(text.trimEnd().length)).toMatch(/^ *$/);
    const { tensors } = parseSafetensors(file);
    for (const tensor of tensors.values()) expect(tensor.data.buffer).toBe(file.buffer); // aligned views, no copies
  });

  it('keeps integer-like names after __metadata__ in the header', () => {
    const file = serializeSafetensors(
      new Map([['0', { dtype: 'U8', shape: [], data: new Uint8Array([9]) } as SafeTensor]]),
      {},
    );
    expect(headerOf(file).text).toMatch(/^\{"__metadata__":\{\},"0":/);
  });

  it('round-trips every dtype, shape and metadata bit for bit', () => {
    const tensors = new Map<string, SafeTensor>();
    for (const dtype of SAFE_DTYPES) {
      const { arrayType, lanes } = dtypeInfo(dtype);
      const data = new arrayType(6 * lanes);
      const bytes = new Uint8Array(data.buffer);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + dtype.length) % 256;
      tensors.set(`layer.${dtype}`, { dtype, shape: [2, 3], data });
    }
    const metadata = { format: 'pt', ünïcode: 'ok "quoted"' };
    const parsed = parseSafetensors(serializeSafetensors(tensors, metadata));
    expect(parsed.metadata).toEqual(metadata);
    expect(parsed.tensors.size).toBe(tensors.size);
    for (const [name, tensor] of tensors) {
      const back = parsed.tensors.get(name)!;
      expect(back.dtype).toBe(tensor.dtype);
      expect(back.shape).toEqual([2, 3]);
      expect(back.data.constructor).toBe(tensor.data.constructor);
      expect(new Uint8Array(back.data.buffer, back.data.byteOffset, back.data.byteLength)).toEqual(
        new Uint8Array(tensor.data.buffer),
      );
    }
  });

  it('round-trips random float32 tensors (property)', () => {
    const tensorArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }).chain((shape) =>
      fc
        .float32Array({
          minLength: shape.reduce((a, b) => a * b, 1),
          maxLength: shape.reduce((a, b) => a * b, 1),
        })
        .map((values) => ({ dtype: 'F32' as SafeDtype, shape, data: values })),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((s) => s !== '__metadata__'),
          tensorArb,
        ),
        (record) => {
          const parsed = parseSafetensors(serializeSafetensors(record));
          expect([...parsed.tensors.keys()].sort()).toEqual(Object.keys(record).sort());
          for (const [name, tensor] of Object.entries(record)) {
            const back = parsed.tensors.get(name)!;
            expect(back.shape).toEqual(tensor.shape);
            expect(new Uint8Array(back.data.buffer, back.data.byteOffset, back.data.byteLength)).toEqual(
              new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the bytes of a subarray view, not its whole buffer', () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    const file = serializeSafetensors({ x: { dtype: 'F32', shape: [2], data: backing.subarray(1, 3) } });
    expect([...parseSafetensors(file).tensors.get('x')!.data]).toEqual([1, 2]);
  });

  it('rejects tensors whose data does not fit dtype and shape', () => {
    const cases: Array<[SafeTensor, RegExp, string]> = [
      [
        { dtype: 'F32', shape: [3], data: new Float32Array(2) },
        /needs 3 values, the data has 2/,
        'invalid-tensor',
      ],
      [
        { dtype: 'F32', shape: [2], data: new Float64Array(2) },
        /must be a Float32Array, got Float64Array/,
        'invalid-tensor',
      ],
      [{ dtype: 'C64', shape: [2], data: new Float32Array(2) }, /needs 4 values/, 'invalid-tensor'],
      [{ dtype: 'F32', shape: [-1], data: new Float32Array(0) }, /shape \[-1\]/, 'invalid-tensor'],
      [
        { dtype: 'Q8' as SafeDtype, shape: [1], data: new Uint8Array(1) },
        /unknown dtype "Q8"/,
        'unknown-dtype',
      ],
    ];
    for (const [tensor, message, code] of cases) {
      const error = captureError(() => serializeSafetensors({ bad: tensor }));
      expect(error.code).toBe(code);
      expect(error.tensor).toBe('bad');
      expect(error.message).toMatch(message);
    }
    expect(
      captureError(() =>
        serializeSafetensors({ __metadata__: { dtype: 'U8', shape: [], data: new Uint8Array(1) } }),
      ).message,
    ).toMatch(/reserved/);
  });

  it('rejects metadata values that are not strings', () => {
    const error = captureError(() =>
      serializeSafetensors({}, { epoch: 3 } as unknown as Record<string, string>),
    );
    expect(error.code).toBe('metadata');
    expect(error.message).toMatch(/"epoch" is 3/);
  });
});

function captureError(fn: () => unknown): SafetensorsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    return error as SafetensorsError;
  }
  throw new Error('expected a SafetensorsError');
}
