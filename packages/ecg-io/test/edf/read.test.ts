// readEdf on the real EDF+ sample files, checked against the WFDB copy of the same record and hand-read values.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEdf } from '../../src/edf/index.js';
import { EcgRangeError } from '../../src/errors.js';
import { nodeFileSource } from '../../src/io/node-file-source.js';
import { readWfdbRecord } from '../../src/wfdb/index.js';

beforeAll(() => {
  requireData();
});

/** Index of the first differing value, -1 when the arrays are equal (fast on long arrays, unlike toEqual). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function edf(name: string, signals?: number[]) {
  return readEdf(new Uint8Array(readFileSync(sampleData(name))), { fileName: name, signals });
}

const GENERATOR_LABELS = [
  'squarewave',
  'ramp',
  'pulse',
  'ECG',
  'noise',
  'sine 1 Hz',
  'sine 8 Hz',
  'sine 8.5 Hz',
  'sine 15 Hz',
  'sine 17 Hz',
  'sine 50 Hz',
];

describe('readEdf on test_generator_2.edf (EDF+C, 11 signals of 200 samples per 1-s record, 600 records)', () => {
  const record = edf('test_generator_2.edf');

  it('reads the header, signals and time base', () => {
    expect(record.header.variant).toBe('EDF+C');
    expect(record.signals.map((s) => s.name)).toEqual(GENERATOR_LABELS);
    expect(record.signals[3].lead).toBeNull(); // "ECG" names no lead
    expect(record.samplingFrequency).toBe(200);
    expect(record.length).toBe(120000);
    expect(record.signals.every((s) => s.samplesPerFrame === 1 && s.format === 'edf')).toBe(true);
    expect([record.baseDate, record.baseTime]).toEqual(['2009-12-10', '12:44:02.000']);
    expect(record.recordOnsets).toEqual(Array.from({ length: 600 }, (_, r) => r));
    expect(record.gaps).toEqual([]);
    expect(record.warnings).toEqual([]);
    expect(record.edfRecording).toEqual({
      startDate: '2009-12-10',
      equipment: 'test generator',
      additional: [],
    });
  });

  it('derives gain and baseline from the physical and digital limits (-1000..1000 uV over -32768..32767)', () => {
    expect(record.signals[0]).toMatchObject({
      units: 'uV',
      gain: 65535 / 2000,
      baseline: -0.5,
      adcResolution: 16,
      adcZero: 0,
    });
    // EDF's own formula, physical = pmin + (digital - dmin) * (pmax - pmin) / (dmax - dmin), on every sample.
    for (const [s, digital] of record.digital.entries()) {
      const edfPhysical = (d: number) => -1000 + ((d + 32768) * 2000) / 65535;
      const worst = digital.reduce(
        (w, d, i) => Math.max(w, Math.abs(record.physical[s][i] - edfPhysical(d))),
        0,
      );
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('starts each signal with the initial value WFDB wrote in test_generator_2.hea', () => {
    expect(record.signals.map((s) => s.initialValue)).toEqual([
      3276, -3276, 3276, 0, 2752, 102, 814, 864, 1487, 1668, 3276,
    ]);
  });

  it('agrees with the WFDB copy (test_generator_2.hea/.dat): digital exactly, physical within half a step', async () => {
    const wfdb = await readWfdbRecord(nodeFileSource(sampleData()), 'test_generator_2', { expanded: true });
    // The WFDB copy keeps the annotation signal as a 12th signal; its baseline is rounded to 0.
    expect(wfdb.signals.slice(0, 11).map((s) => s.name)).toEqual(GENERATOR_LABELS);
    for (let s = 0; s < 11; s++) {
      expect(firstDifference(record.digital[s], wfdb.digital[s])).toBe(-1);
      const halfStep = 0.5 / record.signals[s].gain;
      const worst = record.physical[s].reduce((w, p, i) => Math.max(w, Math.abs(p - wfdb.physical[s][i])), 0);
      expect(worst).toBeLessThanOrEqual(halfStep + 1e-12);
    }
  });

  it('reads the two annotations of its annotation signal', () => {
    expect(record.annotations).toEqual([
      { onset: 0, text: 'RECORD START' },
      { onset: 600, text: 'REC STOP' },
    ]);
  });

  it('reads selected signals only, in the order asked', () => {
    const two = edf('test_generator_2.edf', [3, 0]);
    expect(two.signals.map((s) => s.name)).toEqual(['ECG', 'squarewave']);
    expect(firstDifference(two.digital[0], record.digital[3])).toBe(-1);
    expect(firstDifference(two.digital[1], record.digital[0])).toBe(-1);
    expect(() => edf('test_generator_2.edf', [11])).toThrow(EcgRangeError);
  });
});

describe('readEdf on test_edfann.edf (EDF+C, annotations only)', () => {
  const record = edf('test_edfann.edf');

  it('has no signals and no frames', () => {
    expect(record.header.recordDuration).toBe(0);
    expect([record.signals, record.length, record.samplingFrequency]).toEqual([[], 0, 0]);
    expect([record.baseDate, record.baseTime]).toEqual(['2001-01-01', '23:59:30.000']);
    expect(record.patient.fields).toEqual({ code: 'SN001' });
  });

  it('reads every TAL with onset, duration and text', () => {
    const { annotations } = record;
    expect(annotations).toHaveLength(856);
    expect(annotations.slice(0, 3)).toEqual([
      { onset: 0, duration: 30, text: 'Sleep stage W' },
      { onset: 30, duration: 30, text: 'Sleep stage W' },
      { onset: 33.43, duration: 0, text: 'Lights off@@EEG F4-A1' },
    ]);
    expect(annotations.at(-1)).toEqual({ onset: 25618.74, duration: 0, text: 'Lights on@@EEG Fpz-Cz' });
    const count = (text: string) => annotations.filter((a) => a.text === text).length;
    expect(['W', 'N1', 'N2', 'N3', 'R'].map((stage) => count(`Sleep stage ${stage}`))).toEqual([
      151, 109, 430, 23, 141,
    ]);
  });
});
