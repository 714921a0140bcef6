import { describe, expect, it } from 'vitest';
import { parseSafetensors } from '../src/index.js';
import { f32le, fileBytes } from './bytes.js';

describe('parseSafetensors on hand-built files', () => {
  it('reads one F32 tensor written out byte by byte', () => {
    // header {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} is 54 bytes = 0x36
    const header = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    expect(header.length).toBe(54);
    // biome-ignore format: laid out as in the file
    const bytes = new Uint8Array([
      0x36, 0, 0, 0, 0, 0, 0, 0,
      ...new TextEncoder().encode(header),
      0x00, 0x00, 0x80, 0x3f, // 1.0
      0x00, 0x00, 0x20, 0xc0, // -2.5
    ]);
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(metadata).toEqual({});
    const w = tensors.get('w')!;
    expect(w.dtype).toBe('F32');
    expect(w.shape).toEqual([2]);
    expect(w.data).toBeInstanceOf(Float32Array);
    expect([...w.data]).toEqual([1, -2.5]);
  });

  it('reads metadata, a scalar, an empty tensor and space padding', () => {
    const header =
      '{"__metadata__":{"format":"pt","note":"é"},' +
      '"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]},' +
      '"e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}   ';
    const { tensors, metadata } = parseSafetensors(fileBytes(header, f32le(7)));
    expect(metadata).toEqual({ format: 'pt', note: 'é' });
    expect(tensors.get('s')).toEqual({ dtype: 'F32', shape: [], data: new Float32Array([7]) });
    expect(tensors.get('e')!.shape).toEqual([0, 3]);
    expect(tensors.get('e')!.data.length).toBe(0);
  });

  it('puts each value in its row-major place, whatever the header order', () => {
    // "b" is listed first in the header but its data comes second.
    const header =
      '{"b":{"dtype":"I16","shape":[2],"data_offsets":[12,16]},' +
      '"a":{"dtype":"I32","shape":[1,3],"data_offsets":[0,12]}}';
    const data = [1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 0, 1, 0, 0, 0x34, 0x12, 0xff, 0xff];
    const { tensors } = parseSafetensors(fileBytes(header, data));
    expect([...tensors.keys()]).toEqual(['a', 'b']);
    expect(tensors.get('a')!.data).toEqual(new Int32Array([1, -2, 256]));
    expect(tensors.get('b')!.data).toEqual(new Int16Array([0x1234, -1]));
  });

  it('decodes every integer and float width with the right typed array', () => {
    const header =
      '{"i64":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},' +
      '"u64":{"dtype":"U64","shape":[1],"data_offsets":[8,16]},' +
      '"f64":{"dtype":"F64","shape":[1],"data_offsets":[16,24]},' +
      '"u32":{"dtype":"U32","shape":[1],"data_offsets":[24,28]},' +
      '"u16":{"dtype":"U16","shape":[1],"data_offsets":[28,30]},' +
      '"f16":{"dtype":"F16","shape":[1],"data_offsets":[30,32]},' +
      '"i8":{"dtype":"I8","shape":[1],"data_offsets":[32,33]},' +
      '"u8":{"dtype":"U8","shape":[1],"data_offsets":[33,34]},' +
      '"ok":{"dtype":"BOOL","shape":[2],"data_offsets":[34,36]}}';
    const data = [
      ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // I64 -1
      ...[0, 0, 0, 0, 0, 0, 0, 0x80], // U64 2^63
      ...[0, 0, 0, 0, 0, 0, 0xf0, 0x3f], // F64 1.0
      ...[0xff, 0xff, 0xff, 0xff], // U32 4294967295
      ...[0xff, 0xff], // U16 65535
      ...[0x00, 0x3c], // F16 bits 0x3c00 (1.0)
      0x80, // I8 -128
      0xff, // U8 255
      ...[1, 0], // BOOL true, false
    ];
    const { tensors } = parseSafetensors(fileBytes(header, data));
    expect(tensors.get('i64')!.data).toEqual(new BigInt64Array([-1n]));
    expect(tensors.get('u64')!.data).toEqual(new BigUint64Array([2n ** 63n]));
    expect(tensors.get('f64')!.data).toEqual(new Float64Array([1]));
    expect(tensors.get('u32')!.data).toEqual(new Uint32Array([4294967295]));
    expect(tensors.get('u16')!.data).toEqual(new Uint16Array([65535]));
    expect(tensors.get('f16')!.data).toEqual(new Uint16Array([0x3c00]));
    expect(tensors.get('i8')!.data).toEqual(new Int8Array([-128]));
    expect(tensors.get('u8')!.data).toEqual(new Uint8Array([255]));
    expect(tensors.get('ok')!.data).toEqual(new Uint8Array([1, 0]));
  });

  it('copies unaligned data instead of throwing RangeError', () => {
    // The 54-byte header puts the F32 data at file offset 62; inside the backing buffer it sits at 63.
    const file = fileBytes('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', [
      ...f32le(0.5),
      ...f32le(-3),
    ]);
    const backing = new Uint8Array(file.length + 1);
    backing.set(file, 1);
    for (const bytes of [file, backing.subarray(1)]) {
      const data = parseSafetensors(bytes).tensors.get('x')!.data;
      expect(data.buffer).not.toBe(bytes.buffer);
      expect([...data]).toEqual([0.5, -3]);
    }
  });

  it('returns views into the input when aligned, and copies when asked', () => {
    const header = '{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}  ';
    expect((8 + header.length) % 4).toBe(0);
    const file = fileBytes(header, f32le(1));
    const view = parseSafetensors(file.buffer as ArrayBuffer).tensors.get('x')!.data;
    const copy = parseSafetensors(file, { copy: true }).tensors.get('x')!.data;
    expect(view.buffer).toBe(file.buffer);
    expect(copy.buffer).not.toBe(file.buffer);
    file.set(f32le(2), file.length - 4);
    expect(view[0]).toBe(2);
    expect(copy[0]).toBe(1);
  });
});
