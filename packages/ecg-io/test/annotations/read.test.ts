// readAnnotations on real PhysioNet annotation files, against WFDB rdann reference output and hand-read bytes.
import { readFileSync } from 'node:fs';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBeat, readAnnotations } from '../../src/annotations/index.js';

beforeAll(() => {
  requireData();
});

function read(name: string) {
  return readAnnotations(new Uint8Array(readFileSync(sampleData(name))), { fileName: name });
}

/**
 * The fields of rdann output lines: `TIME SAMPLE SYMBOL SUB CHAN NUM[\tAUX]` (time is one token: `0:00.050`
 * or `[15:14:12.960]`). Returns [sample, symbol, subtype, chan, num, aux ('' when none)].
 */
function rdannFields(name: string): [number, string, number, number, number, string][] {
  return readFileSync(targetOutput(name), 'latin1')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [fields, aux = ''] = line.split('\t');
      const [, sample, symbol, subtype, chan, num] = fields.trim().split(/\s+/);
      return [Number(sample), symbol, Number(subtype), Number(chan), Number(num), aux];
    });
}

function fieldsOf(list: ReturnType<typeof read>) {
  return list.map((a) => [a.sample, a.symbol, a.subtype, a.chan, a.num, a.aux ?? '']);
}

describe('readAnnotations on reference files', () => {
  it('reads 100.atr as rdann prints it (ann-1: 2274 annotations)', () => {
    const list = read('100.atr');
    expect(fieldsOf(list)).toEqual(rdannFields('ann-1'));
    expect(list.warnings).toEqual([]);
    // The rhythm annotation stores "(N" plus a NUL inside its length; the NUL is a C terminator, not text.
    expect(list[0]).toEqual({ sample: 18, code: 28, symbol: '+', subtype: 0, chan: 0, num: 0, aux: '(N' });
    expect(list.filter((a) => isBeat(a.code))).toHaveLength(2273);
  });

  it('reads 12726.anI as rdann prints it (ann-2: SKIPs, comments, chan 1023 read as 255 like WFDB)', () => {
    const list = read('12726.anI');
    expect(fieldsOf(list)).toEqual(rdannFields('ann-2'));
    // The file's own byte: "...electrode-skin contac" + "L", 50 bytes, printed as is by rdann.
    expect(list[10].aux).toBe('Lost ECG signal due to poor electrode-skin contacL');
    expect(list.every((a) => a.code === 22 && a.chan === 255)).toBe(true);
  });

  it('adds up SKIPs beyond 32 bits (huge.qrs: 4 x (2^31 - 1) + 1410065412 = 10^10)', () => {
    const list = read('huge.qrs');
    expect([...list]).toEqual([
      { sample: 10_000_000_000, code: 1, symbol: 'N', subtype: 0, chan: 0, num: 0 },
    ]);
  });
});

describe('file headers', () => {
  it('reads the definition table of 1003.atr and applies its mnemonics', () => {
    const list = read('1003.atr');
    expect(list.definitions).toEqual([
      { code: 15, symbol: 'c', description: 'calibration pulse' },
      { code: 17, symbol: '#', description: 'pressure line flushed' },
      { code: 20, symbol: 'x', description: 'signal source change' },
      { code: 21, symbol: 'w', description: 'wedge recording (PCW)' },
      { code: 23, symbol: '*', description: 'pop test' },
      { code: 24, symbol: 'z', description: 'zero pressure' },
    ]);
    expect(list.headerNotes).toEqual([]);
    expect(list).toHaveLength(957);
    // The null annotation WFDB writes after the table is not an annotation.
    expect(list[0]).toMatchObject({ sample: 73, symbol: 'N', aux: ' ' });
  });

  it('takes a definition without the table markers (12726.wabp: "42 CAL Calibration")', () => {
    const list = read('12726.wabp');
    expect(list.definitions).toEqual([{ code: 42, symbol: 'CAL', description: 'Calibration' }]);
    expect(list[0]).toMatchObject({ sample: 108, code: 30, symbol: '?', aux: '110.6/49.7' });
  });

  it('reads the time resolution (03700181.gqrsh: 500 ticks/s); a comment after the table is an annotation', () => {
    const list = read('03700181.gqrsh');
    expect(list.timeResolution).toBe(500);
    expect(list[0]).toEqual({
      sample: 0,
      code: 22,
      symbol: '"',
      subtype: 0,
      chan: 0,
      num: 0,
      aux: 'gqrs -H -r 03700181 -o gqrsh',
    });
    // rdann prints this beat at 17:27:47.124, 2.124 s after the base time: 1062 ticks at 500/s (and record
    // sample 266 at 125 Hz, 265.5 rounded up).
    expect(list[1]).toMatchObject({ sample: 1062, symbol: 'N', num: 10 });
  });

  it('keeps an opening comment as a header note (100.qrs: the gqrs command line)', () => {
    const list = read('100.qrs');
    expect(list.headerNotes).toEqual(['gqrs -r 100']);
    expect(list.timeResolution).toBeUndefined();
    expect(list.slice(0, 3).map((a) => [a.sample, a.symbol, a.num])).toEqual([
      [64, 'N', 100],
      [357, 'N', 127],
      [650, 'N', 126],
    ]);
  });
});
