import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRecord } from '../../src/files/open-record.js';
import { OpenFilesError } from '../../src/files/plan-open.js';

/** A browser File holding a file of the shared sample data. */
const sampleFile = (name: string) => new File([readFileSync(sampleData(name))], basename(name));

describe('openRecord', () => {
  beforeAll(() => {
    requireData();
  });

  it('reads MIT-BIH record 100 from its .hea and .dat, whatever order they come in', async () => {
    const { record, notes } = await openRecord([sampleFile('100.dat'), sampleFile('100.hea')]);
    expect(record.name).toBe('100');
    expect(record.samplingFrequency).toBe(360);
    expect(record.length).toBe(650000);
    expect(record.signals.map((signal) => [signal.name, signal.lead])).toEqual([
      ['MLII', 'II'],
      ['V5', 'V5'],
    ]);
    // First samples of record 100 as printed by WFDB's rdsamp -p: -0.145 mV and -0.065 mV.
    expect(record.physical[0][0]).toBeCloseTo(-0.145, 6);
    expect(record.physical[1][0]).toBeCloseTo(-0.065, 6);
    expect(notes).toEqual([]);
  });

  it('shows what a truncated signal file holds, with a note saying it was cut off', async () => {
    const firstSecond = readFileSync(sampleData('100.dat')).subarray(0, 360 * 3);
    const { record, notes } = await openRecord([sampleFile('100.hea'), new File([firstSecond], '100.dat')]);
    expect(record.length).toBe(360);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('100.dat');
  });

  it('names the missing signal file', async () => {
    await expect(openRecord([sampleFile('100.hea')])).rejects.toThrow(
      new OpenFilesError(
        '100.hea needs 100.dat, which was not among the opened files. Open 100.hea together with 100.dat.',
      ),
    );
  });

  it('names an unreadable header and says what is wrong with it', async () => {
    const broken = new File(['this is not a WFDB header\n'], 'broken.hea');
    await expect(openRecord([broken])).rejects.toThrow(/^Cannot read broken\.hea: broken\.hea, line 1/);
  });

  it('opens an EDF file with its signals and physical values', async () => {
    const { record } = await openRecord([sampleFile('test_generator_2.edf')]);
    expect(record.name).toMatch(/test_generator_2/);
    expect(record.signals.length).toBeGreaterThan(0);
    expect(record.physical[0].length).toBeGreaterThan(0);
  });

  it('names an unreadable EDF file and says what is wrong with it', async () => {
    await expect(openRecord([new File([new Uint8Array(256)], 'night.edf')])).rejects.toThrow(
      /^Cannot read night\.edf: /,
    );
  });
});
