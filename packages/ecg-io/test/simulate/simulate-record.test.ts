import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { memoryFileSource } from '../../src/io/index.js';
import { STANDARD_12_LEADS } from '../../src/leads.js';
import { simulateEcg } from '../../src/simulate/index.js';
import { readWfdbRecord, signalChecksum, writeWfdbRecord } from '../../src/wfdb/index.js';
import { lead, peakNear } from './measure.js';

const NOISY = { baselineWanderSnrDb: 20, emgSnrDb: 25, powerlineSnrDb: 30, electrodeMotionSnrDb: 25 };

describe('simulateEcg record', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const options = { seed: 7, pvcProbability: 0.2, noise: NOISY };
    const a = simulateEcg(options);
    const b = simulateEcg(options);
    const c = simulateEcg({ ...options, seed: 8 });
    expect(b.labels).toEqual(a.labels);
    a.record.digital.forEach((signal, k) => {
      expect(b.record.digital[k]).toEqual(signal);
    });
    expect(c.record.digital[1]).not.toEqual(a.record.digital[1]);
    expect(c.labels.beats).not.toEqual(a.labels.beats);
  });

  it('fills every record field like a format-16 WFDB record at 1000 units per mV', () => {
    const { record } = simulateEcg({ seed: 3, samplingFrequency: 500, durationS: 10, name: 'demo_1' });
    expect(record.name).toBe('demo_1');
    expect(record.samplingFrequency).toBe(500);
    expect(record.length).toBe(5000);
    expect(record.startFrame).toBe(0);
    expect(record.signals.map((s) => s.name)).toEqual([...STANDARD_12_LEADS]);
    expect(record.signals.map((s) => s.lead)).toEqual([...STANDARD_12_LEADS]);
    record.signals.forEach((s, k) => {
      expect(s).toMatchObject({
        units: 'mV',
        gain: 1000,
        baseline: 0,
        format: 16,
        adcResolution: 16,
        skew: 0,
      });
      expect(s.fileName).toBe('demo_1.dat');
      expect(s.initialValue).toBe(record.digital[k][0]);
      expect(s.checksum).toBe(signalChecksum(record.digital[k], record.length, 1, 0, 1));
      expect(record.digital[k]).toHaveLength(5000);
      expect(record.physical[k][1234]).toBe(record.digital[k][1234] / 1000);
    });
    expect(record.comments).toContain('Seed: 3');
    expect(record.patient.fields.Rhythm).toMatch(/^(SR|SBRAD|STACH)$/);
    expect(record.warnings).toEqual([]);
  });

  it('writes to WFDB and reads back bit for bit', async () => {
    const { record } = simulateEcg({ seed: 4, durationS: 2, noise: NOISY });
    const written = writeWfdbRecord({
      name: record.name,
      samplingFrequency: record.samplingFrequency,
      comments: record.comments,
      signals: record.signals.map((s, k) => ({
        name: s.name,
        gain: s.gain,
        units: s.units,
        digital: record.digital[k],
      })),
    });
    const back = await readWfdbRecord(memoryFileSource(written.files), record.name);
    expect(back.warnings).toEqual([]);
    back.digital.forEach((signal, k) => {
      expect(signal).toEqual(record.digital[k]);
    });
    expect(back.signals.map((s) => s.checksum)).toEqual(record.signals.map((s) => s.checksum));
  });

  it("keeps Einthoven's and Goldberger's relations exactly, noise included", () => {
    const { record } = simulateEcg({ seed: 5, noise: NOISY, rhythm: 'atrial-fibrillation' });
    const [i, ii, iii, avr, avl, avf] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((name) =>
      lead(record, name as 'I'),
    );
    let einthoven = 0;
    let goldberger = 0;
    let augmented = 0;
    for (let n = 0; n < record.length; n++) {
      einthoven = Math.max(einthoven, Math.abs(iii[n] - (ii[n] - i[n])));
      goldberger = Math.max(goldberger, Math.abs(avr[n] + avl[n] + avf[n]));
      augmented = Math.max(augmented, Math.abs(avr[n] + (i[n] + ii[n]) / 2));
    }
    expect(einthoven).toBeLessThan(1e-9);
    expect(goldberger).toBeLessThan(1e-9);
    expect(augmented).toBeLessThanOrEqual(0.0005 + 1e-12); // aVR is rounded to the 1 uV ADC step
  });

  for (const fs of [100, 250, 360, 500, 1000]) {
    it(`labels every R peak at ${fs} Hz: within 2 samples, within 10 ms for wide PVCs`, () => {
      for (const seed of [1, 2, 3]) {
        const { record, labels } = simulateEcg({
          seed,
          samplingFrequency: fs,
          pvcProbability: 0.2,
          pacProbability: 0.2,
        });
        expect(record.length).toBe(10 * fs);
        expect(labels.beats.length).toBeGreaterThan(6);
        const ii = lead(record, 'II');
        const radius = Math.round(0.05 * fs);
        expect(new Set(labels.beats.map((b) => b.symbol))).toEqual(new Set(['N', 'V', 'A']));
        for (const beat of labels.beats) {
          if (beat.sample < radius || beat.sample >= record.length - radius) continue;
          // A PVC's label is the centre of its main wave; its notched onset and end can move the extreme.
          const tolerance = beat.symbol === 'V' ? Math.max(2, Math.floor(0.01 * fs)) : 2;
          expect(Math.abs(peakNear(ii, beat.sample, radius) - beat.sample)).toBeLessThanOrEqual(tolerance);
        }
      }
    });
  }

  it('rejects impossible options with EcgRangeError naming the field', () => {
    const bad: [object, RegExp][] = [
      [{ seed: -1 }, /seed/],
      [{ seed: 1.5 }, /seed/],
      [{ samplingFrequency: 20 }, /samplingFrequency/],
      [{ durationS: 0 }, /durationS/],
      [{ heartRateBpm: 250 }, /heartRateBpm/],
      [{ rhythm: 'flutter' }, /rhythm/],
      [{ pvcProbability: 0.7, pacProbability: 0.5 }, /<= 1/],
      [{ rhythm: 'atrial-fibrillation', pvcProbability: 0.1 }, /sinus rhythm only/],
      [{ stDeviation: { leads: ['V7'], mv: 0.1 } }, /V7/],
      [{ stDeviation: { leads: [], mv: 0.1 } }, /at least one lead/],
      [{ noise: { powerlineHz: 55 } }, /powerlineHz/],
      [{ name: 'a b' }, /name/],
      [{ heartRateBpm: 190, pvcProbability: 0.1 }, /too fast/],
    ];
    for (const [options, message] of bad) {
      expect(() => simulateEcg(options as never)).toThrowError(EcgRangeError);
      expect(() => simulateEcg(options as never)).toThrowError(message);
    }
  });

  it('warns instead of adding power-line noise above the Nyquist frequency', () => {
    const clean = simulateEcg({ seed: 2, samplingFrequency: 100 });
    const { record } = simulateEcg({ seed: 2, samplingFrequency: 100, noise: { powerlineSnrDb: 20 } });
    expect(record.warnings).toEqual([expect.stringMatching(/no 50 Hz power-line noise/)]);
    expect(record.digital[1]).toEqual(clean.record.digital[1]);
  });
});
