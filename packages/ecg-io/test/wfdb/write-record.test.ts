import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgRangeError, UnsupportedFormatError } from '../../src/errors.js';
import { memoryFileSource } from '../../src/io/index.js';
import { readRecordFromPath, writeRecordFiles } from '../../src/node.js';
import { INVALID_SAMPLE } from '../../src/record.js';
import {
  readWfdbRecord,
  type WfdbRecord,
  type WfdbWriteFormat,
  type WfdbWriteInput,
  writeWfdbRecord,
} from '../../src/wfdb/index.js';
import { samples } from './sample-source.js';

beforeAll(() => {
  requireData();
});

/** Writes a record read from the sample data again, with the same header fields. */
function rewrite(record: WfdbRecord, format: WfdbWriteFormat, fileName: string) {
  return writeWfdbRecord({
    name: record.name,
    samplingFrequency: record.samplingFrequency,
    format,
    comments: record.comments,
    baseTime: record.header.baseTime,
    baseDate: record.header.baseDate,
    signals: record.signals.map((s, i) => ({
      name: s.name,
      units: s.units,
      gain: s.gain,
      baseline: s.baseline,
      adcResolution: s.adcResolution,
      adcZero: s.adcZero,
      fileName,
      digital: record.digital[i],
    })),
  });
}

describe('writeWfdbRecord reproduces PhysioNet files byte for byte', () => {
  it.each([
    ['100', 212, '100.dat'],
    ['test01_00s', 16, 'test01_00s.dat'],
    ['3000003_0003', 80, '3000003_0003.dat'],
  ] as const)('%s (format %d)', async (name, format, fileName) => {
    const record = await readWfdbRecord(samples(), name);
    const written = rewrite(record, format, fileName);
    // Buffer.equals: a deep toEqual over 2 MB of bytes would take seconds.
    const bytes = written.files.get(fileName)!;
    expect(bytes.length).toBe(readFileSync(sampleData(fileName)).length);
    expect(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(readFileSync(sampleData(fileName))),
    ).toBe(true);
    const original = record.header.kind === 'single' ? record.header.signals : [];
    expect(written.header.signals.map((s) => [s.initialValue, s.checksum! & 0xffff])).toEqual(
      original.map((s) => [s.initialValue, s.checksum! & 0xffff]),
    );
  });

  it('writes the header text', async () => {
    const record = await readWfdbRecord(samples(), '100');
    const written = rewrite(record, 212, '100.dat');
    expect(written.headerName).toBe('100.hea');
    expect(new TextDecoder().decode(written.files.get('100.hea'))).toBe(
      '100 2 360 650000\n' +
        '100.dat 212 200/mV 11 1024 995 -22131 0 MLII\n' +
        '100.dat 212 200/mV 11 1024 1011 20052 0 V5\n' +
        '# unnecessary comment\n# 69 M 1085 1629 x1\n# Aldomet, Inderal\n',
    );
  });
});

describe('write then read', () => {
  const input: WfdbWriteInput = {
    name: 'mini-ptbxl_00001',
    samplingFrequency: 500,
    comments: ['Age: 56', 'Sex: Female', 'Dx: 426783006'],
    baseTime: { hours: 9, minutes: 5, seconds: 7.25 },
    baseDate: { year: 1995, month: 11, day: 3 },
    signals: [
      { name: 'I', gain: 1000, physical: [0.1, -0.25, Number.NaN, 32.767, -32.767] },
      { name: 'II', format: 212, fileName: 'other.dat', digital: [2047, -2047, INVALID_SAMPLE, 0, 5] },
      {
        name: 'V1',
        format: 212,
        fileName: 'other.dat',
        samplesPerFrame: 2,
        digital: [1, 2, 3, 4, -5, -6, 7, INVALID_SAMPLE, 9, 10],
      },
      {
        name: 'RESP',
        format: 80,
        fileName: 'resp.dat',
        units: 'Ohm',
        gain: 2,
        baseline: -3,
        digital: [127, -127, 0, INVALID_SAMPLE, 1],
      },
    ],
  };

  it('gives back the digital samples bit for bit, and physical values through the gains', async () => {
    const written = writeWfdbRecord(input);
    expect([...written.files.keys()]).toEqual([
      'mini-ptbxl_00001.dat',
      'other.dat',
      'resp.dat',
      'mini-ptbxl_00001.hea',
    ]);
    const record = await readWfdbRecord(memoryFileSource(written.files), 'mini-ptbxl_00001', {
      expanded: true,
    });
    expect(record.warnings).toEqual([]);
    expect([...record.digital[0]]).toEqual([100, -250, INVALID_SAMPLE, 32767, -32767]);
    expect([...record.physical[0]]).toEqual([0.1, -0.25, Number.NaN, 32.767, -32.767]);
    expect([...record.digital[1]]).toEqual([2047, -2047, INVALID_SAMPLE, 0, 5]);
    expect([...record.digital[2]]).toEqual([1, 2, 3, 4, -5, -6, 7, INVALID_SAMPLE, 9, 10]);
    expect([...record.digital[3]]).toEqual([127, -127, 0, INVALID_SAMPLE, 1]);
    expect([...record.physical[3]]).toEqual([65, -62, 1.5, Number.NaN, 2]);
    expect(
      record.signals.map((s) => [s.name, s.format, s.units, s.gain, s.samplesPerFrame, s.fileName]),
    ).toEqual([
      ['I', 16, 'mV', 1000, 1, 'mini-ptbxl_00001.dat'],
      ['II', 212, 'mV', 200, 1, 'other.dat'],
      ['V1', 212, 'mV', 200, 2, 'other.dat'],
      ['RESP', 80, 'Ohm', 2, 1, 'resp.dat'],
    ]);
    expect(record).toMatchObject({ baseTime: '09:05:07.250', baseDate: '1995-11-03' });
    expect(record.patient).toEqual({
      age: 56,
      sex: 'female',
      diagnoses: ['426783006'],
      fields: { Age: '56', Sex: 'Female', Dx: '426783006' },
    });
    // Frame averages: a frame with a missing sample is missing (WFDB), others truncate toward zero.
    const averaged = await readWfdbRecord(memoryFileSource(written.files), 'mini-ptbxl_00001');
    expect([...averaged.digital[2]]).toEqual([1, 3, -5, INVALID_SAMPLE, 9]);
  });

  it('writes to a folder that readRecordFromPath reads back', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ecgio-write-'));
    try {
      const paths = await writeRecordFiles(folder, writeWfdbRecord(input).files);
      expect(paths).toHaveLength(4);
      const record = await readRecordFromPath(join(folder, 'mini-ptbxl_00001.hea'), { signals: ['RESP'] });
      expect([...record.digital[0]]).toEqual([127, -127, 0, INVALID_SAMPLE, 1]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('writeWfdbRecord refuses what it cannot store', () => {
  const base = { name: 'r', samplingFrequency: 100 };
  const cases: [string, WfdbWriteInput, RegExp][] = [
    [
      'sample out of range',
      { ...base, signals: [{ name: 'x', format: 212, digital: [0, 2048] }] },
      /sample 1 is 2048, outside the range -2047\.\.2047 of format 212/,
    ],
    [
      'physical out of range',
      { ...base, signals: [{ name: 'x', gain: 1000, physical: [40] }] },
      /sample 0 is 40.*digital 40000 with gain 1000/,
    ],
    ['non-integer digital', { ...base, signals: [{ name: 'x', digital: [1.5] }] }, /sample 0 is 1.5/],
    [
      'both sample kinds',
      { ...base, signals: [{ name: 'x', digital: [1], physical: [1] }] },
      /exactly one of digital and physical/,
    ],
    [
      'different lengths',
      {
        ...base,
        signals: [
          { name: 'a', digital: [1, 2] },
          { name: 'b', digital: [1] },
        ],
      },
      /signal 1 \(b\) has 1 frames, signal 0 has 2/,
    ],
    [
      'partial frame',
      { ...base, signals: [{ name: 'a', samplesPerFrame: 2, digital: [1, 2, 3] }] },
      /3 samples are not whole frames of 2/,
    ],
    [
      'bad record name',
      { ...base, name: 'my record', signals: [] },
      /record name must be letters, digits, _ and -/,
    ],
    [
      'units with a space',
      { ...base, signals: [{ name: 'a', units: 'm V', digital: [1] }] },
      /units must be text without spaces/,
    ],
    [
      'zero frequency',
      { ...base, samplingFrequency: 0, signals: [] },
      /sampling frequency must be a positive number/,
    ],
    [
      'physical with gain 0',
      { ...base, signals: [{ name: 'a', gain: 0, physical: [1] }] },
      /gain must be a finite number \(non-zero/,
    ],
    [
      'one file, two formats',
      {
        ...base,
        signals: [
          { name: 'a', digital: [1] },
          { name: 'b', format: 212, digital: [1] },
        ],
      },
      /must share one format \(16 and 212 given\)/,
    ],
    [
      'scattered file',
      {
        ...base,
        signals: [
          { name: 'a', digital: [1] },
          { name: 'b', fileName: 'b.dat', digital: [1] },
          { name: 'c', digital: [1] },
        ],
      },
      /signals stored in r\.dat must be consecutive/,
    ],
  ];
  it.each(cases)('%s', (_, record, message) => {
    expect(() => writeWfdbRecord(record)).toThrow(EcgRangeError);
    expect(() => writeWfdbRecord(record)).toThrow(message);
  });

  it('rejects formats it cannot write', () => {
    const record = { ...base, signals: [{ name: 'a', format: 24 as WfdbWriteFormat, digital: [1] }] };
    expect(() => writeWfdbRecord(record)).toThrow(UnsupportedFormatError);
  });
});
