// writeAnnotations: words checked by hand, and round trips through readAnnotations.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnotations, writeAnnotations } from '../../src/annotations/index.js';
import { EcgRangeError } from '../../src/errors.js';

beforeAll(() => {
  requireData();
});

function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(sampleData(name)));
}

/** Little-endian bytes of 16-bit words. */
function words(...values: number[]): number[] {
  return values.flatMap((w) => [w & 0xff, w >> 8]);
}

describe('writeAnnotations', () => {
  it('writes annotation words, AUX, SKIP, SUB, CHN and NUM as putann does', () => {
    const bytes = writeAnnotations([
      { sample: 18, symbol: '+', aux: '(N' },
      { sample: 77, symbol: 'N' },
      { sample: 2000, code: 5, subtype: -1, chan: 1, num: 3, aux: 'abc' },
      { sample: 2001, symbol: 'N', chan: 1, num: 3 },
    ]);
    expect([...bytes]).toEqual([
      ...words((28 << 10) | 18, (63 << 10) | 2),
      ...[0x28, 0x4e], // "(N"
      ...words((1 << 10) | 59),
      // step 1923 > 1023: SKIP with a PDP-11 long (high word 0x0000, low word 0x0783), then step 0
      ...words(59 << 10, 0x0000, 0x0783, 5 << 10),
      ...words((61 << 10) | 0x3ff, (62 << 10) | 1, (60 << 10) | 3, (63 << 10) | 3),
      ...[0x61, 0x62, 0x63, 0x00], // "abc" and its pad byte
      ...words((1 << 10) | 1), // same chan and num: no CHN, no NUM
      ...words(0),
    ]);
  });

  it('writes backward steps as negative SKIPs and null annotations as a SKIP to one sample before', () => {
    const bytes = writeAnnotations([
      { sample: 100, symbol: 'N' },
      { sample: 50, symbol: 'V' },
      { sample: 60, code: 0 },
    ]);
    expect([...bytes]).toEqual([
      ...words((1 << 10) | 100),
      ...words(59 << 10, 0xffff, 0xffce, 5 << 10), // -50
      ...words(59 << 10, 0x0000, 0x0009, 1), // +9, then code 0 with step 1
      ...words(0),
    ]);
    const back = readAnnotations(bytes);
    expect(back.map((a) => [a.sample, a.code, a.symbol])).toEqual([
      [100, 1, 'N'],
      [50, 5, 'V'],
      [60, 0, ' '],
    ]);
  });

  it('splits gaps beyond 2^31 - 1 into several SKIPs, reproducing huge.qrs byte for byte', () => {
    expect(writeAnnotations([{ sample: 10_000_000_000, symbol: 'N' }])).toEqual(sample('huge.qrs'));
  });

  it('writes a time resolution table exactly as WFDB does (first bytes of 03700181.gqrsh)', () => {
    const bytes = writeAnnotations([], { timeResolution: 500 });
    // NOTE at 0 with "## time resolution: 500" (23 bytes + pad), null annotation via SKIP -1, end of file.
    expect(bytes.subarray(0, 36)).toEqual(sample('03700181.gqrsh').subarray(0, 36));
    expect(bytes).toHaveLength(38);
  });

  it('reproduces C-written files byte for byte (03700181.sqrs with its table, 12726.wqrs)', () => {
    for (const name of ['03700181.sqrs', '12726.wqrs']) {
      const original = sample(name);
      expect(writeAnnotations(readAnnotations(original))).toEqual(original);
    }
  });

  it('round-trips every sample annotation file: same annotations back, and bitwise on a second pass', () => {
    const files = [
      '100.atr',
      '100.qrs',
      '1003.atr',
      '03700181.gqrsh',
      '03700181.gqrsl',
      '12726.anI',
      '12726.wabp',
    ];
    for (const name of files) {
      const list = readAnnotations(sample(name));
      const written = writeAnnotations(list);
      const back = readAnnotations(written);
      expect([...back]).toEqual([...list]);
      expect(back.definitions).toEqual(list.definitions);
      expect(back.headerNotes).toEqual(list.headerNotes);
      expect(back.timeResolution).toEqual(list.timeResolution);
      expect(writeAnnotations(back)).toEqual(written);
    }
  });

  it('round-trips header notes, definitions, UTF-8 aux and every field range', () => {
    const options = {
      timeResolution: 1000.5,
      definitions: [{ code: 42, symbol: 'CAL', description: 'Calibration pulse' }],
      headerNotes: ['written by a test'],
    };
    const annotations = [
      { sample: 0, symbol: 'CAL', aux: 'µV café ✓' },
      { sample: 1023, code: 49, subtype: 127, chan: 255, num: -128 },
      { sample: 1024, code: 58, subtype: -128, chan: 0, num: 127 },
    ];
    const list = readAnnotations(writeAnnotations(annotations, options));
    expect(list.timeResolution).toBe(1000.5);
    expect(list.definitions).toEqual(options.definitions);
    expect(list.headerNotes).toEqual(options.headerNotes);
    expect([...list]).toEqual([
      { sample: 0, code: 42, symbol: 'CAL', subtype: 0, chan: 0, num: 0, aux: 'µV café ✓' },
      { sample: 1023, code: 49, symbol: '[49]', subtype: 127, chan: 255, num: -128 },
      { sample: 1024, code: 58, symbol: '[58]', subtype: -128, chan: 0, num: 127 },
    ]);
  });

  it('rejects values the format cannot hold, naming the annotation and field', () => {
    const cases: [Parameters<typeof writeAnnotations>[0][number], string][] = [
      [{ sample: 1, symbol: 'N', subtype: 128 }, 'subtype'],
      [{ sample: 1, symbol: 'N', chan: -1 }, 'chan'],
      [{ sample: 1, symbol: 'N', num: 1.5 }, 'num'],
      [{ sample: 1, code: 59 }, 'code'],
      [{ sample: 2 ** 60, symbol: 'N' }, 'sample'],
      [{ sample: 1, symbol: 'N', aux: 'x'.repeat(256) }, 'aux'],
      [{ sample: 1, symbol: 'CAL' }, 'symbol'],
      [{ sample: 1 }, 'symbol'],
    ];
    for (const [annotation, field] of cases) {
      const error = (() => {
        try {
          writeAnnotations([{ sample: 0, symbol: 'N' }, annotation]);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(EcgRangeError);
      expect(error).toMatchObject({ field });
      expect((error as Error).message).toContain('annotation 1 (sample');
    }
  });
});
