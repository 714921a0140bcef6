// Damaged annotation files: typed errors naming file, byte offset and field; warnings where nothing is lost.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnotations } from '../../src/annotations/index.js';
import { EcgFormatError, EcgIoError } from '../../src/errors.js';

beforeAll(() => {
  requireData();
});

function words(...values: number[]): Uint8Array {
  return Uint8Array.from(values.flatMap((w) => [w & 0xff, w >> 8]));
}

function errorOf(bytes: Uint8Array): EcgFormatError {
  try {
    readAnnotations(bytes, { fileName: 'bad.atr' });
  } catch (error) {
    expect(error).toBeInstanceOf(EcgFormatError);
    return error as EcgFormatError;
  }
  throw new Error('readAnnotations accepted a damaged file');
}

describe('readAnnotations on damaged files', () => {
  it('rejects a file cut inside a word, a SKIP or an aux text', () => {
    expect(errorOf(Uint8Array.from([0x12, 0x70, 0x05]))).toMatchObject({
      file: 'bad.atr',
      byteOffset: 2,
      field: 'annotation word',
    });
    const skip = words(59 << 10, 0x0000).subarray(0, 4);
    expect(errorOf(skip)).toMatchObject({
      byteOffset: 0,
      field: 'SKIP interval',
      expected: '4 bytes',
      found: '2 bytes',
    });
    const aux = Uint8Array.from([...words((1 << 10) | 5, (63 << 10) | 10), 0x41, 0x42]);
    expect(errorOf(aux)).toMatchObject({
      byteOffset: 2,
      field: 'AUX',
      expected: '10 bytes',
      found: '2 bytes',
    });
    expect(errorOf(aux).message).toContain('bad.atr, byte 2');
  });

  it('rejects annotation fields before any annotation', () => {
    expect(errorOf(words((60 << 10) | 3, (1 << 10) | 5, 0))).toMatchObject({
      byteOffset: 0,
      expected: 'an annotation or SKIP',
      found: 'code 60',
    });
  });

  it('warns (and keeps every annotation) when the end-of-file word is missing or followed by bytes', () => {
    const open = readAnnotations(words((1 << 10) | 5, (5 << 10) | 7), { fileName: 'open.atr' });
    expect(open.map((a) => [a.sample, a.symbol])).toEqual([
      [5, 'N'],
      [12, 'V'],
    ]);
    expect(open.warnings).toEqual(['open.atr: no end-of-file marker (the file may be cut short)']);
    const trailing = readAnnotations(words((1 << 10) | 5, 0, 0x1234), { fileName: 't.atr' });
    expect(trailing).toHaveLength(1);
    expect(trailing.warnings).toEqual(['t.atr: 2 bytes after the end-of-file marker ignored']);
  });

  it('decodes aux bytes as UTF-8 when valid, else Latin-1, keeping every byte', () => {
    const aux = (...bytes: number[]) =>
      readAnnotations(
        Uint8Array.from([...words((22 << 10) | 1, (63 << 10) | bytes.length), ...bytes, 0, 0, 0]),
      )[0].aux;
    expect(aux(0xc2, 0xb5)).toBe('µ');
    expect(aux(0xb5, 0x80)).toBe('\u00b5\u0080');
    expect(aux(0x41, 0x00, 0x42)).toBe('A\0B'); // only trailing NULs are terminators
  });

  it('throws nothing but EcgIoError subclasses on randomly corrupted real files', () => {
    const files = ['100.atr', '12726.anI', 'huge.qrs', '1003.atr'].map(
      (n) => new Uint8Array(readFileSync(sampleData(n))),
    );
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (which, edits, cut) => {
          const original = files[which];
          const bytes = original.slice(0, original.length - (cut % 8));
          for (const [position, value] of edits) bytes[position % bytes.length] = value;
          try {
            readAnnotations(bytes, { fileName: 'fuzz.atr' });
          } catch (error) {
            if (!(error instanceof EcgIoError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
