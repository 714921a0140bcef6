import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgFormatError, MissingFileError } from '../../src/errors.js';
import { memoryFileSource } from '../../src/io/index.js';
import { INVALID_SAMPLE } from '../../src/record.js';
import { readWfdbRecord } from '../../src/wfdb/index.js';
import { recording, samples } from './sample-source.js';

beforeAll(() => {
  requireData();
});

const S00001 = 'multi-segment/s00001/s00001-2896-10-10-00-31';

function concat(parts: Int32Array[]): number[] {
  return parts.flatMap((p) => [...p]);
}

/** In-memory copy of sample files under `folder`, with some files replaced or left out. */
function folderCopy(folder: string, names: string[], replace: Record<string, string> = {}) {
  return memoryFileSource(
    names.map((name): [string, Uint8Array] => [
      `${folder}/${name}`,
      name in replace
        ? new TextEncoder().encode(replace[name])
        : new Uint8Array(readFileSync(sampleData(folder, name))),
    ]),
  );
}

describe('fixed-layout multi-segment records', () => {
  it('concatenates the segments (041s: two segments of 1000 frames)', async () => {
    const record = await readWfdbRecord(samples(), 'multi-segment/041s/', { expanded: true });
    const first = await readWfdbRecord(samples(), 'multi-segment/041s/041s01', { expanded: true });
    const second = await readWfdbRecord(samples(), 'multi-segment/041s/041s02', { expanded: true });
    expect(record).toMatchObject({
      name: '041s',
      length: 2000,
      recordLength: 2000,
      baseTime: '08:26:04.000',
    });
    expect(record.signals.map((s) => s.name)).toEqual(['III', 'I', 'V', 'ABP', 'PAP', 'PLETH', 'RESP']);
    record.digital.forEach((d, s) => {
      expect([...d]).toEqual(concat([first.digital[s], second.digital[s]]));
    });
    expect(record.digital[0].length).toBe(8000);
  });

  it('reads a range across segments (fixed1: the same 75000 frames three times)', async () => {
    const single = await readWfdbRecord(samples(), 'multi-segment/fixed1/v102s_1', { from: 74990 });
    const start = await readWfdbRecord(samples(), 'multi-segment/fixed1/v102s_1', { to: 10 });
    const across = await readWfdbRecord(samples(), 'multi-segment/fixed1/v102s', {
      from: 149990,
      to: 150010,
    });
    across.digital.forEach((d, s) => {
      expect([...d]).toEqual(concat([single.digital[s], start.digital[s]]));
    });
    expect(across.startFrame).toBe(149990);
  });

  it('rescales a segment whose gain differs from the first segment, with a warning', async () => {
    const names = ['041s.hea', '041s01.hea', '041s01.dat', '041s02.hea', '041s02.dat'];
    const header02 = readFileSync(sampleData('multi-segment/041s/041s02.hea'), 'latin1');
    const source = folderCopy('multi-segment/041s', names, {
      '041s02.hea': header02.replace('041s02.dat 212 20(-1600)/mmHg', '041s02.dat 212 40(-1600)/mmHg'),
    });
    const record = await readWfdbRecord(source, 'multi-segment/041s/041s', {
      from: 1000,
      to: 1010,
      signals: ['ABP'],
    });
    const raw = await readWfdbRecord(samples(), 'multi-segment/041s/041s02', { to: 10, signals: ['ABP'] });
    // From gain 40 to gain 20 around baseline -1600: x -> (x + 1600) / 2 - 1600, halves rounded up.
    expect([...record.digital[0]]).toEqual(
      [...raw.digital[0]].map((x) => Math.floor((x + 1600) / 2 - 1600 + 0.5)),
    );
    expect(record.warnings).toEqual([
      'multi-segment/041s/041s02.hea: signal 3 has gain 40 and baseline -1600, unlike the first segment; ' +
        'rescaled to gain 20 and baseline -1600',
    ]);
  });
});

describe('variable-layout multi-segment records', () => {
  it('takes signals from the layout header and total length from the segments', async () => {
    const record = await readWfdbRecord(samples(), S00001, { to: 0 });
    expect(record.signals.map((s) => [s.name, s.gain, s.baseline, s.format])).toEqual([
      ['II', 83, 0, 0],
      ['V', 55, 0, 0],
      ['MCL1', 122, 0, 0],
      ['ABP', 1, 0, 0],
    ]);
    expect(record).toMatchObject({
      recordLength: 14518365,
      baseDate: '2896-10-10',
      baseTime: '00:31:25.894',
    });
    expect(record.patient).toMatchObject({ age: 60, sex: 'female' });
  });

  it('reads gaps as missing samples and rescales segments to the layout gains', async () => {
    // Frames 3256-3265: the end of the 3261-frame gap, then segment 3975656_0001 (II and V, gain 1).
    const record = await readWfdbRecord(samples(), S00001, { from: 3256, to: 3266 });
    const segment = await readWfdbRecord(samples(), 'multi-segment/s00001/3975656_0001', { to: 5 });
    const gap = Array(5).fill(INVALID_SAMPLE);
    expect([...record.digital[0]]).toEqual([...gap, ...[...segment.digital[0]].map((x) => x * 83)]);
    expect([...record.digital[1]]).toEqual([...gap, ...[...segment.digital[1]].map((x) => x * 55)]);
    expect([...record.digital[2]]).toEqual(Array(10).fill(INVALID_SAMPLE));
    expect([...record.physical[3]].every(Number.isNaN)).toBe(true);
    expect([...record.physical[0].subarray(5)]).toEqual([...segment.physical[0]]);
  });

  it('rescales non-integer gain ratios with WFDB rounding (ABP 0.833333(-100) to gain 1)', async () => {
    // Segment 3975656_0013 starts at frame 14428365 + 4425 (after 3975656_0012).
    const start = 14428365 + 4425;
    const record = await readWfdbRecord(samples(), S00001, {
      from: start,
      to: start + 500,
      signals: ['ABP'],
    });
    const segment = await readWfdbRecord(samples(), 'multi-segment/s00001/3975656_0013', {
      to: 500,
      signals: ['ABP'],
    });
    const scale = 1 / 0.833333;
    expect([...record.digital[0]]).toEqual(
      [...segment.digital[0]].map((x) => Math.floor(x * scale + 100 * scale + 0.5)),
    );
    expect(new Set(segment.digital[0]).size).toBeGreaterThan(20);
  });

  it('opens only the segments the range needs', async () => {
    const { source, reads } = recording(samples());
    await readWfdbRecord(source, S00001, { from: 14428365, to: 14428375 });
    expect(reads.map((r) => r.name)).toEqual([
      `${S00001}.hea`,
      'multi-segment/s00001/3975656_layout.hea',
      'multi-segment/s00001/3975656_0012.hea',
      'multi-segment/s00001/3975656_0012.dat',
    ]);
  });
});

describe('multi-segment errors', () => {
  const folder = 'multi-segment/041s';
  const all = ['041s.hea', '041s01.hea', '041s01.dat', '041s02.hea', '041s02.dat'];

  it('names a missing segment header', async () => {
    const source = folderCopy(
      folder,
      all.filter((n) => n !== '041s02.hea'),
    );
    const error = await readWfdbRecord(source, `${folder}/041s`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFileError);
    expect((error as MissingFileError).file).toBe(`${folder}/041s02.hea`);
    // Frames of the first segment alone can still be read.
    expect((await readWfdbRecord(source, `${folder}/041s`, { to: 1000 })).length).toBe(1000);
  });

  it('rejects segment lengths that disagree with the master header', async () => {
    const source = folderCopy(folder, all, { '041s.hea': '041s/2 7 125 2000\n041s01 1000\n041s02 999\n' });
    await expect(readWfdbRecord(source, `${folder}/041s`)).rejects.toThrow(
      'multi-segment/041s/041s02.hea, field "number of samples": segment length differs between the master header and the segment header (expected 999 as multi-segment/041s/041s.hea says, found "1000")',
    );
  });

  it('rejects nested multi-segment records and segments with different samples per frame', async () => {
    const nested = folderCopy(folder, all, { '041s02.hea': '041s02/1 7 125 1000\n041s01 1000\n' });
    await expect(readWfdbRecord(nested, `${folder}/041s`)).rejects.toThrow(/cannot itself have segments/);
    const header02 = readFileSync(sampleData(folder, '041s02.hea'), 'latin1').replace(
      '212x4 2000 12 0 -103',
      '212x2 2000 12 0 -103',
    );
    const rate = folderCopy(folder, all, { '041s02.hea': header02 });
    const error = await readWfdbRecord(rate, `${folder}/041s`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EcgFormatError);
    expect((error as EcgFormatError).field).toBe('samples per frame');
  });
});
