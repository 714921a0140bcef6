import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtbXl } from '../../src/datasets/ptbxl.js';
import { MissingFileError } from '../../src/errors.js';
import { nodeFileSource } from '../../src/io/node-file-source.js';
import { STANDARD_12_LEADS } from '../../src/leads.js';
import { writeRecordFiles } from '../../src/wfdb/node-files.js';
import { writeWfdbRecord } from '../../src/wfdb/write-record.js';
import { databaseCsv, FIXTURE_ROWS, SCP_STATEMENTS_CSV } from './ptbxl-fixture.js';

/** Known digital samples per record, lead and rate: a different ramp per record so mix-ups show. */
function samples(ecgId: number, lead: number, length: number): Int32Array {
  return Int32Array.from({ length }, (_, n) => ((ecgId * 1000 + lead * 37 + n * 3) % 4001) - 2000);
}

describe('openPtbXl on a miniature PTB-XL folder', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mini-ptbxl-'));
    await writeFile(join(folder, 'ptbxl_database.csv'), databaseCsv(FIXTURE_ROWS));
    await writeFile(join(folder, 'scp_statements.csv'), SCP_STATEMENTS_CSV);
    for (const row of FIXTURE_ROWS) {
      for (const [rate, suffix, dirName] of [
        [100, 'lr', 'records100'],
        [500, 'hr', 'records500'],
      ] as const) {
        const name = `${String(row.ecgId).padStart(5, '0')}_${suffix}`;
        const written = writeWfdbRecord({
          name,
          samplingFrequency: rate,
          signals: STANDARD_12_LEADS.map((lead, k) => ({
            name: lead,
            units: 'mV',
            gain: 1000,
            digital: samples(row.ecgId, k, rate * 10),
          })),
        });
        const dir = join(folder, dirName, '00000');
        await mkdir(dir, { recursive: true });
        await writeRecordFiles(dir, written.files);
      }
    }
  });
  afterAll(() => rm(folder, { recursive: true }));

  it('lists entries with labels and reads each record at both rates with the right samples', async () => {
    const dataset = await openPtbXl(nodeFileSource(folder));
    expect(dataset.entries.map((e) => e.ecgId)).toEqual([1, 2, 3]);
    expect(dataset.entries[1].superclasses).toEqual(['MI', 'STTC']);
    for (const entry of dataset.entries) {
      const low = await dataset.readRecord(entry);
      expect(low.samplingFrequency).toBe(100);
      expect(low.signals.map((s) => s.lead)).toEqual([...STANDARD_12_LEADS]);
      expect(low.digital[4]).toEqual(samples(entry.ecgId, 4, 1000));
      expect(low.physical[4][10]).toBeCloseTo(samples(entry.ecgId, 4, 1000)[10] / 1000, 12);
      const high = await dataset.readRecord(entry, 500, { signals: [1] });
      expect(high.length).toBe(5000);
      expect(high.digital[0]).toEqual(samples(entry.ecgId, 1, 5000));
    }
  });

  it('filters by fold and names a missing record file', async () => {
    const training = await openPtbXl(nodeFileSource(folder), { folds: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(training.entries.map((e) => e.ecgId)).toEqual([1]);
    const empty = await mkdtemp(join(tmpdir(), 'empty-ptbxl-'));
    await expect(openPtbXl(nodeFileSource(empty))).rejects.toThrowError(MissingFileError);
    await rm(empty, { recursive: true });
    await rm(join(folder, dirname(training.entries[0].filenameLr), '00001_lr.dat'));
    await expect(training.readRecord(training.entries[0])).rejects.toThrowError(/00001_lr\.dat/);
  });
});
