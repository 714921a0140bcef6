// FLAC signal files (formats 508, 516, 524), decoded by ./flac.ts's decodeFlac.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { requireData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgFormatError } from '../../src/errors.js';
import { readWfdbRecord } from '../../src/wfdb/index.js';
import { columns, editedCopy, samples } from './sample-source.js';

beforeAll(() => {
  requireData();
});

describe('FLAC signal files', () => {
  it('decode formats 508, 516 and 524 as WFDB does (flacformats, record-flac)', async () => {
    const record = await readWfdbRecord(samples(), 'flacformats');
    const expected = columns(gunzipSync(readFileSync(targetOutput('record-flac.gz'))).toString());
    expect(record.signals.map((s) => s.format)).toEqual([508, 516, 524]);
    expect(record.digital.map((d) => [...d])).toEqual(expected);
    expect(record.warnings).toEqual([]);
  });

  it('read several signals per file at several rates (mixedsignals: 516x4, 516x2, 516), checksums intact', async () => {
    const expanded = await readWfdbRecord(samples(), 'mixedsignals', { expanded: true });
    expect(expanded.warnings).toEqual([]);
    expect(expanded.digital.map((d) => d.length)).toEqual([4, 4, 4, 2, 2, 1].map((spf) => 14400 * spf));
    const part = await readWfdbRecord(samples(), 'mixedsignals', { from: 7000, to: 7010, expanded: true });
    part.digital.forEach((d, s) => {
      const spf = part.signals[s].samplesPerFrame;
      expect([...d]).toEqual([...expanded.digital[s].subarray(7000 * spf, 7010 * spf)]);
    });
  });

  it('read the end of a long constant record (flac_3_constant: 5,600,000 frames in 20 kB)', async () => {
    const record = await readWfdbRecord(samples(), 'flac_3_constant', { from: 5599990 });
    expect(record.digital.map((d) => [...d])).toEqual([25, 50, 75].map((v) => Array(10).fill(v)));
  });

  it('rejects a stream whose channels do not match the signals of the file', async () => {
    const header = new TextEncoder().encode('two 2 200 499\nflacformats.d0 508\nflacformats.d0 508\n');
    const source = samples();
    const error = await readWfdbRecord(
      { read: (name, range) => (name === 'two.hea' ? Promise.resolve(header) : source.read(name, range)) },
      'two',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EcgFormatError);
    expect(error).toMatchObject({
      file: 'flacformats.d0',
      expected: '2 (one per signal of the file)',
      found: '1',
    });
  });

  it('report cut-off streams as EcgFormatError naming the file', async () => {
    const source = editedCopy(
      ['flacformats.hea', 'flacformats.d0', 'flacformats.d1', 'flacformats.d2'],
      (name, bytes) => (name.endsWith('.d1') ? bytes.subarray(0, 100) : bytes),
    );
    const error = await readWfdbRecord(source, 'flacformats').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EcgFormatError);
    expect((error as EcgFormatError).file).toBe('flacformats.d1');
  });
});
