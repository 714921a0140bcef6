import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { requireData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgRangeError, MissingFileError } from '../../src/errors.js';
import { INVALID_SAMPLE } from '../../src/record.js';
import { readWfdbRecord, type WfdbReadOptions } from '../../src/wfdb/index.js';
import { columns, editedCopy, recording, samples } from './sample-source.js';

beforeAll(() => {
  requireData();
});

function target(name: string): number[][] {
  const bytes = readFileSync(targetOutput(name));
  return columns((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString());
}

describe('readWfdbRecord values', () => {
  it('decodes every fixed-layout format as WFDB does (binformats: 8, 16, 61, 80, 160, 212, 310, 311, 24, 32)', async () => {
    const record = await readWfdbRecord(samples(), 'binformats');
    expect(record.signals.map((s) => s.format)).toEqual([8, 16, 61, 80, 160, 212, 310, 311, 24, 32]);
    expect(record.digital.map((d) => [...d])).toEqual(target('record-1f.gz'));
    expect(record.warnings).toEqual([]);
  });

  it('computes physical values (digital - baseline) / gain, matching rdsamp -P to its 8 decimals', async () => {
    const record = await readWfdbRecord(samples(), '100_3chan');
    const expected = target('record-2c');
    record.physical.forEach((values, s) => {
      expect(values.length).toBe(999);
      values.forEach((v, i) => {
        expect(Math.abs(v - expected[s][i])).toBeLessThanOrEqual(5e-9);
      });
    });
    // Hand check: first MLII sample 995 with baseline 1024 and gain 200.
    expect(record.digital[0][0]).toBe(995);
    expect(record.physical[0][0]).toBe((995 - 1024) / 200);
  });

  it('fills in record metadata', async () => {
    const record = await readWfdbRecord(samples(), '03700181', { to: 10 });
    expect(record).toMatchObject({
      name: '03700181',
      samplingFrequency: 125,
      length: 10,
      startFrame: 0,
      recordLength: 75000,
      expanded: false,
      baseDate: '1994-08-15',
      baseTime: '17:27:45.000',
    });
    expect(record.signals[1]).toEqual({
      name: 'ABP',
      lead: null,
      units: 'mmHg',
      gain: 12.84,
      baseline: -1605,
      adcResolution: 12,
      adcZero: 0,
      initialValue: -943,
      checksum: -23651,
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      format: 212,
      fileName: '03700181.dat',
    });
    expect(record.signals.map((s) => [s.skew, s.samplesPerFrame])).toEqual([
      [0, 4],
      [0, 1],
      [4, 1],
    ]);
    const mitdb = await readWfdbRecord(samples(), '100.hea', { to: 1 });
    expect(mitdb.signals.map((s) => s.lead)).toEqual(['II', 'V5']);
    expect(mitdb.comments).toEqual(['unnecessary comment', '69 M 1085 1629 x1', 'Aldomet, Inderal']);
  });

  it('uses gain 200 for uncalibrated signals (gain 0)', async () => {
    const record = await readWfdbRecord(samples(), 'v102s', { to: 5 });
    expect(record.signals.map((s) => s.gain)).toEqual([2281, 1856, 1250, 38880]);
    const source = editedCopy(['100_3chan.dat'], (_, b) => b);
    const header = new TextEncoder().encode('u 1 360 3\n100_3chan.dat 212x3 0 11 1024 995\n');
    const uncalibrated = await readWfdbRecord(
      { read: (name, range) => (name === 'u.hea' ? Promise.resolve(header) : source.read(name, range)) },
      'u',
      { expanded: true },
    );
    expect(uncalibrated.signals[0].gain).toBe(200);
    expect(uncalibrated.physical[0][0]).toBe((uncalibrated.digital[0][0] - 1024) / 200);
  });
});

describe('frames, skew and multi-frequency signals', () => {
  it('expands or averages oversampled signals (truncating toward zero by default, rounding on request)', async () => {
    const plain = await readWfdbRecord(samples(), 'test01_00s', { to: 8 });
    const expanded = await readWfdbRecord(samples(), 'test01_00s_frame', { to: 4, expanded: true });
    // test01_00s_frame reads test01_00s.dat as frames of ECG_1, two ECG_2 samples and ECG_3.
    const flat = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((t) => [0, 1, 2, 3].map((s) => plain.digital[s][t]));
    expect([...expanded.digital[1]]).toEqual([0, 1, 2, 3].flatMap((f) => [flat[f * 4 + 1], flat[f * 4 + 2]]));
    expect(expanded.physical[1].length).toBe(8);

    // MCL1 of 03700181 has 4 samples per frame; its first frames have means like 270.5 and -59.75.
    const mcl1 = await readWfdbRecord(samples(), '03700181', { to: 200, expanded: true, signals: [0] });
    const sums = Array.from({ length: 200 }, (_, f) =>
      mcl1.digital[0].subarray(4 * f, 4 * f + 4).reduce((a, b) => a + b, 0),
    );
    const truncated = await readWfdbRecord(samples(), '03700181', { to: 200, signals: [0] });
    expect([...truncated.digital[0]]).toEqual(sums.map((sum) => Math.trunc(sum / 4)));
    const rounded = await readWfdbRecord(samples(), '03700181', {
      to: 200,
      signals: [0],
      frameAveraging: 'round',
    });
    expect([...rounded.digital[0]]).toEqual(sums.map((sum) => Math.floor((sum + 2) / 4)));
    expect(sums.filter((sum) => Math.trunc(sum / 4) !== Math.floor((sum + 2) / 4)).length).toBeGreaterThan(
      50,
    );
  });

  it('deskews: signal 1 of test01_00s_skew starts 3 frames into the file, and its missing tail is invalid', async () => {
    const plain = await readWfdbRecord(samples(), 'test01_00s');
    const skewed = await readWfdbRecord(samples(), 'test01_00s_skew');
    expect(skewed.length).toBe(4000);
    expect([...skewed.digital[1].subarray(0, 3997)]).toEqual([...plain.digital[1].subarray(3)]);
    expect([...skewed.digital[1].subarray(3997)]).toEqual([INVALID_SAMPLE, INVALID_SAMPLE, INVALID_SAMPLE]);
    expect([...skewed.digital[0]]).toEqual([...plain.digital[0]]);
    expect(skewed.warnings).toEqual([
      'test01_00s.dat: signal 1 is skewed past the end of its file; its samples from frame 3997 on are marked invalid',
    ]);
    const trimmed = await readWfdbRecord(samples(), 'test01_00s_skew', { trimSkewedEnd: true });
    expect(trimmed.length).toBe(3997);
    expect(trimmed.warnings).toEqual([]);
  });
});

describe('ranges and signal subsets', () => {
  // Records whose frames do not all start on a byte boundary (212 with 3 signals, 310, 311), with skew,
  // byte offsets, several files and first differences (format 8, read from the start).
  const records = [
    '100_3chan',
    '310derive',
    '311derive',
    '311derive_4',
    '310derive_3',
    'binformats',
    'a103l',
    'test01_00s_skewframe',
    '03700181',
  ];
  const ranges: [number, number][] = [
    [0, 1],
    [1, 2],
    [1, 4],
    [5, 6],
    [7, 100],
    [333, 334],
    [2, 499],
  ];

  it.each(records)('%s: a range read equals the same frames of a full read', async (name) => {
    for (const expanded of [false, true]) {
      const full = await readWfdbRecord(samples(), name, { expanded });
      for (const [from, to] of ranges) {
        const options: WfdbReadOptions = { from, to, expanded };
        const part = await readWfdbRecord(samples(), name, options);
        expect(part.length).toBe(to - from);
        expect(part.startFrame).toBe(from);
        part.digital.forEach((d, s) => {
          const spf = expanded ? part.signals[s].samplesPerFrame : 1;
          expect([...d], `${name} [${from}, ${to}) signal ${s}`).toEqual([
            ...full.digital[s].subarray(from * spf, to * spf),
          ]);
        });
      }
    }
  });

  it('reads only the byte range of the requested frames', async () => {
    const { source, reads } = recording(samples());
    await readWfdbRecord(source, '100', { from: 1000, to: 1100 });
    // Format 212, 2 signals: 3 bytes per frame.
    expect(reads).toEqual([
      { name: '100.hea', range: undefined },
      { name: '100.dat', range: { start: 3000, end: 3300 } },
    ]);
    reads.length = 0;
    await readWfdbRecord(source, '100_3chan', { from: 3, to: 5 });
    // 3 signals in 212: frame 3 starts at sample 9, inside the block of samples 8-9 (bytes 12-14); frame 5
    // ends before sample 15, inside the block of samples 14-15 (bytes 21-23).
    expect(reads[1]).toEqual({ name: '100_3chan.dat', range: { start: 12, end: 24 } });
    reads.length = 0;
    await readWfdbRecord(source, 'a103l', { from: 10, to: 20 });
    expect(reads[1]).toEqual({ name: 'a103l.mat', range: { start: 24 + 60, end: 24 + 120 } });
  });

  it('reads only the files of the selected signals, in the order asked (names or numbers, repeats allowed)', async () => {
    const { source, reads } = recording(samples());
    const full = await readWfdbRecord(samples(), 'binformats');
    const subset = await readWfdbRecord(source, 'binformats', { signals: ['sig 6, fmt 310', 2, 6] });
    expect(reads.map((r) => r.name).sort()).toEqual(['binformats.d2', 'binformats.d6', 'binformats.hea']);
    expect(subset.signals.map((s) => s.name)).toEqual(['sig 6, fmt 310', 'sig 2, fmt 61', 'sig 6, fmt 310']);
    expect(subset.digital.map((d) => [...d])).toEqual([6, 2, 6].map((s) => [...full.digital[s]]));
  });

  it('rejects unknown signals and impossible ranges with EcgRangeError', async () => {
    await expect(readWfdbRecord(samples(), '100', { signals: ['V1'] })).rejects.toThrow(
      '100.hea, field "signals": no signal "V1" in this record (signals: 0: MLII, 1: V5)',
    );
    await expect(readWfdbRecord(samples(), '100', { signals: [2] })).rejects.toBeInstanceOf(EcgRangeError);
    await expect(readWfdbRecord(samples(), '100', { from: 10, to: 5 })).rejects.toThrow(
      /"to" must be an integer frame from 10 to 650000/,
    );
    await expect(readWfdbRecord(samples(), '100', { to: 650001 })).rejects.toBeInstanceOf(EcgRangeError);
    await expect(readWfdbRecord(samples(), '100', { from: 1.5, to: 3 })).rejects.toBeInstanceOf(
      EcgRangeError,
    );
  });
});

describe('headers without a number of samples', () => {
  it('derives the length from the signal file size', async () => {
    const noLength = await readWfdbRecord(samples(), '100-no-len', { from: 649990 });
    const withLength = await readWfdbRecord(samples(), '100', { from: 649990 });
    expect(noLength.recordLength).toBe(650000);
    expect(noLength.digital.map((d) => [...d])).toEqual(withLength.digital.map((d) => [...d]));
    expect((await readWfdbRecord(samples(), 'a103l-no-len', { to: 0 })).recordLength).toBe(82500);
  });

  it('fails naming the signal file when it is missing', async () => {
    const error = await readWfdbRecord(samples(), 'drive02-no-len').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFileError);
    expect((error as MissingFileError).file).toBe('drive02.dat');
  });
});

describe('checksums', () => {
  it('verifies header checksums when the whole record is read; a mismatch is a warning', async () => {
    const files = ['100_3chan.hea', '100_3chan.dat'];
    expect((await readWfdbRecord(editedCopy(files), '100_3chan')).warnings).toEqual([]);
    const corrupted = editedCopy(files, (name, bytes) => {
      if (name.endsWith('.dat')) bytes[30] ^= 0x01; // bit 0 of sample 20 (signal 2)
      return bytes;
    });
    const record = await readWfdbRecord(corrupted, '100_3chan');
    const original = await readWfdbRecord(editedCopy(files), '100_3chan');
    const change = record.digital[2][6] - original.digital[2][6];
    expect(Math.abs(change)).toBe(1);
    // The header's 43172 is -22364 as a signed 16-bit number.
    expect(record.warnings).toEqual([
      `100_3chan.dat: checksum mismatch in signal 2 (III): header says 43172, samples sum to ${-22364 + change}`,
    ]);
    // Partial reads cannot check checksums and say nothing.
    expect((await readWfdbRecord(corrupted, '100_3chan', { from: 1 })).warnings).toEqual([]);
  });
});
