import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgFormatError, EcgRangeError, MissingFileError, UnsupportedFormatError } from '../../src/errors.js';
import { type FileSource, memoryFileSource } from '../../src/io/index.js';
import { INVALID_SAMPLE } from '../../src/record.js';
import { MAX_SAMPLES_PER_SIGNAL, readWfdbRecord } from '../../src/wfdb/index.js';
import { editedCopy, samples } from './sample-source.js';

beforeAll(() => {
  requireData();
});

/** A source serving `header` as `<name>.hea` and sample files for everything else. */
function withHeader(name: string, header: string, data: FileSource = samples()): FileSource {
  const bytes = new TextEncoder().encode(header);
  return {
    read: (file, range) => (file === `${name}.hea` ? Promise.resolve(bytes) : data.read(file, range)),
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('truncated signal files', () => {
  const truncated = editedCopy(['100_3chan.hea', '100_3chan.dat'], (name, bytes) =>
    name.endsWith('.dat') ? bytes.subarray(0, 100) : bytes,
  );

  it('are an error by default, naming the file, what was expected and what was found', async () => {
    const error = await failure(readWfdbRecord(truncated, '100_3chan'));
    expect(error).toBeInstanceOf(EcgFormatError);
    expect(error).toMatchObject({
      file: '100_3chan.dat',
      expected: 'frames up to 999 (3 samples of format 212 per frame)',
      found: '22 whole frames',
    });
    expect((error as Error).message).toMatch(/pass allowTruncated: true/);
  });

  it('read up to where the file ends with allowTruncated, with a warning', async () => {
    const record = await readWfdbRecord(truncated, '100_3chan', { allowTruncated: true });
    const full = await readWfdbRecord(samples(), '100_3chan', { to: 22 });
    // 100 bytes of format 212 hold 66 samples: 22 frames of 3 signals.
    expect(record.length).toBe(22);
    expect(record.digital.map((d) => [...d])).toEqual(full.digital.map((d) => [...d]));
    expect(record.warnings).toEqual([
      '100_3chan.dat: signal file ends at frame 22, before frame 999; read up to there',
    ]);
  });

  it('leave the rest of a truncated segment missing in multi-segment records', async () => {
    const folder = 'multi-segment/041s';
    const source = editedCopy(
      ['041s.hea', '041s01.hea', '041s01.dat', '041s02.hea', '041s02.dat'].map((n) => `${folder}/${n}`),
      // 041s01 frames hold 3 x 4 + 4 = 16 samples of format 212: 24 bytes. Keep 990 of its 1000 frames.
      (name, bytes) => (name.endsWith('041s01.dat') ? bytes.subarray(0, 24 * 990) : bytes),
    );
    await expect(readWfdbRecord(source, `${folder}/041s`)).rejects.toBeInstanceOf(EcgFormatError);
    const record = await readWfdbRecord(source, `${folder}/041s`, {
      from: 985,
      to: 1005,
      allowTruncated: true,
    });
    expect(record.length).toBe(20);
    const abp = [...record.digital[3]];
    const intact = await readWfdbRecord(samples(), `${folder}/041s`, { from: 985, to: 1005, signals: [3] });
    expect(abp).toEqual([...intact.digital[0]].map((v, i) => (i >= 5 && i < 15 ? INVALID_SAMPLE : v)));
    expect(abp.every((v, i) => (i >= 5 && i < 15) === (v === INVALID_SAMPLE))).toBe(true);
    expect(record.warnings).toEqual([
      'multi-segment/041s/041s01.dat: signal file ends at frame 990, before frame 1000; read up to there',
    ]);
  });
});

describe('absurd declared lengths', () => {
  it('a header claiming 10^12 samples fails fast without allocating them', async () => {
    const started = Date.now();
    const source = withHeader(
      'big',
      'big 2 360 1000000000000\n100.dat 212 200 11 1024\n100.dat 212 200 11 1024\n',
    );
    const error = await failure(readWfdbRecord(source, 'big'));
    expect(error).toBeInstanceOf(EcgFormatError);
    expect(error).toMatchObject({ file: '100.dat', found: '650000 whole frames' });
    const record = await readWfdbRecord(source, 'big', { allowTruncated: true, from: 649999 });
    expect(record.length).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('signals without data (format 0) or gap segments longer than a read can hold are refused', async () => {
    const nullSignal = withHeader('null', 'null 1 360 1000000000000\n~ 0\n');
    await expect(readWfdbRecord(nullSignal, 'null')).rejects.toThrow(
      `null.hea: reading 1000000000000 samples per signal at once is refused (limit ${MAX_SAMPLES_PER_SIGNAL})`,
    );
    expect([...(await readWfdbRecord(nullSignal, 'null', { to: 3 })).digital[0]]).toEqual([
      INVALID_SAMPLE,
      INVALID_SAMPLE,
      INVALID_SAMPLE,
    ]);
    const gap = memoryFileSource({
      'gap.hea': new TextEncoder().encode('gap/2 1 360\nseg 1\n~ 999999999999\n'),
      'seg.hea': new TextEncoder().encode('seg 1 360 1\nseg.dat 16\n'),
      'seg.dat': Uint8Array.from([5, 0]),
    });
    await expect(readWfdbRecord(gap, 'gap')).rejects.toBeInstanceOf(EcgRangeError);
    expect([...(await readWfdbRecord(gap, 'gap', { to: 2 })).digital[0]]).toEqual([5, INVALID_SAMPLE]);
  });
});

describe('other bad input', () => {
  it('missing headers and signal files are MissingFileError naming the file', async () => {
    await expect(readWfdbRecord(samples(), 'no-such-record')).rejects.toMatchObject({
      file: 'no-such-record.hea',
    });
    const error = await failure(readWfdbRecord(withHeader('r', 'r 1 360 10\nabsent.dat 16\n'), 'r'));
    expect(error).toBeInstanceOf(MissingFileError);
    expect(error).toMatchObject({ file: 'absent.dat' });
  });

  it('unknown formats are UnsupportedFormatError naming header, line and field', async () => {
    const error = await failure(readWfdbRecord(withHeader('r', 'r 1 360 10\nr.dat 17\n'), 'r'));
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect(error).toMatchObject({ file: 'r.hea', line: 2, field: 'format' });
  });

  it('FLAC files with a byte offset are refused', async () => {
    const source = withHeader('f', 'f 1 200 499\nflacformats.d0 508+10 200/mV 8 0 -127\n');
    await expect(readWfdbRecord(source, 'f')).rejects.toThrow(UnsupportedFormatError);
  });

  it('a record line naming another record is a warning', async () => {
    const header = readFileSync(sampleData('100.hea'), 'latin1');
    const record = await readWfdbRecord(withHeader('renamed', header), 'renamed', { to: 1 });
    expect(record.name).toBe('100');
    expect(record.warnings).toEqual(['renamed.hea: the record line names record "100"']);
  });
});
