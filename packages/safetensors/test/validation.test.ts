import { describe, expect, it } from 'vitest';
import { parseSafetensors, SafetensorsError, type SafetensorsErrorCode } from '../src/index.js';
import { f32le, fileBytes, u64le } from './bytes.js';

function parseError(bytes: Uint8Array): SafetensorsError {
  try {
    parseSafetensors(bytes, { source: 'model.safetensors' });
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    return error as SafetensorsError;
  }
  throw new Error('expected parseSafetensors to throw');
}

function expectError(bytes: Uint8Array, code: SafetensorsErrorCode, message: RegExp, tensor?: string): void {
  const error = parseError(bytes);
  expect(error.code).toBe(code);
  expect(error.source).toBe('model.safetensors');
  expect(error.tensor).toBe(tensor);
  expect(error.message).toMatch(/^model\.safetensors/);
  expect(error.message).toMatch(message);
}

const entry = (dtype: string, shape: number[], begin: number, end: number) =>
  JSON.stringify({ dtype, shape, data_offsets: [begin, end] });

describe('parseSafetensors rejects malformed files', () => {
  it('a file shorter than the length field', () => {
    expectError(new Uint8Array([1, 0, 0]), 'header-length', /3 bytes, fewer than the 8-byte/);
  });

  it('a header length beyond the file', () => {
    expectError(
      new Uint8Array([...u64le(100), ...new TextEncoder().encode('{}')]),
      'header-length',
      /past the end/,
    );
  });

  it('a header length above the 100 MB limit', () => {
    expectError(
      new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]),
      'header-length',
      /exceeds the 100000000-byte limit/,
    );
  });

  it('a header that does not start with "{"', () => {
    expectError(fileBytes(' {}'), 'header-json', /must start with "\{"/);
    expectError(new Uint8Array(u64le(0)), 'header-json', /must start with "\{"/);
  });

  it('a header that is not UTF-8', () => {
    expectError(new Uint8Array([...u64le(3), 0x7b, 0xff, 0x7d]), 'header-json', /not valid UTF-8/);
  });

  it('malformed JSON and JSON that is not an object', () => {
    expectError(fileBytes('{"a":'), 'header-json', /malformed header JSON/);
    expectError(fileBytes('{"a":1}x'), 'header-json', /malformed header JSON/);
  });

  it('metadata that is not a string map', () => {
    expectError(fileBytes('{"__metadata__":{"epoch":3}}'), 'metadata', /"epoch" is 3, not a string/);
    expectError(fileBytes('{"__metadata__":["a"]}'), 'metadata', /must be an object/);
  });

  it('an unknown dtype', () => {
    expectError(
      fileBytes(`{"w":${entry('F128', [1], 0, 16)}}`, new Array(16).fill(0)),
      'unknown-dtype',
      /"F128"/,
      'w',
    );
    expectError(fileBytes(`{"w":${entry('F4', [2], 0, 1)}}`, [0]), 'unknown-dtype', /supported: BOOL/, 'w');
  });

  it('tensor entries of the wrong form', () => {
    expectError(fileBytes('{"w":[1,2]}'), 'tensor-info', /not an object/, 'w');
    expectError(
      fileBytes('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}'),
      'tensor-info',
      /shape \[-1\]/,
      'w',
    );
    expectError(
      fileBytes('{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,0]}}'),
      'tensor-info',
      /shape/,
      'w',
    );
    expectError(fileBytes('{"w":{"dtype":"F32","shape":[1]}}'), 'tensor-info', /data_offsets undefined/, 'w');
    expectError(
      fileBytes('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}'),
      'tensor-info',
      /pair/,
      'w',
    );
  });

  it('offsets past the end of the data buffer', () => {
    expectError(
      fileBytes(`{"w":${entry('F32', [2], 0, 8)}}`, f32le(1)),
      'offsets',
      /out of range: the data buffer has 4 bytes/,
      'w',
    );
  });

  it('offsets that end before they begin', () => {
    expectError(
      fileBytes(`{"w":${entry('F32', [1], 4, 0)}}`, f32le(1)),
      'offsets',
      /end before they begin/,
      'w',
    );
  });

  it('overlapping tensors', () => {
    const header = `{"a":${entry('F32', [2], 0, 8)},"b":${entry('F32', [1], 4, 8)}}`;
    expectError(
      fileBytes(header, new Array(8).fill(0)),
      'offsets',
      /overlap tensor "a", which ends at byte 8/,
      'b',
    );
  });

  it('a gap between tensors, and data not starting at 0', () => {
    const gap = `{"a":${entry('F32', [1], 0, 4)},"b":${entry('F32', [1], 8, 12)}}`;
    expectError(
      fileBytes(gap, new Array(12).fill(0)),
      'offsets',
      /bytes 4\.\.8 of the data buffer unused/,
      'b',
    );
    const late = `{"a":${entry('F32', [1], 4, 8)}}`;
    expectError(fileBytes(late, new Array(8).fill(0)), 'offsets', /bytes 0\.\.4/, 'a');
  });

  it('trailing bytes no tensor accounts for', () => {
    expectError(
      fileBytes(`{"a":${entry('U8', [1], 0, 1)}}`, [1, 2]),
      'offsets',
      /has 2 bytes but the tensors cover only the first 1/,
    );
  });

  it('a byte span that does not match shape and dtype', () => {
    expectError(
      fileBytes(`{"w":${entry('F32', [2, 2], 0, 8)}}`, new Array(8).fill(0)),
      'size-mismatch',
      /shape \[2,2\] of F32 needs 16 bytes but data_offsets \[0, 8\] span 8/,
      'w',
    );
  });

  it('names no source when none is given', () => {
    try {
      parseSafetensors(new Uint8Array(2));
      expect.unreachable();
    } catch (error) {
      expect((error as SafetensorsError).source).toBeUndefined();
      expect((error as Error).message).toMatch(/^file has 2 bytes/);
    }
  });
});
