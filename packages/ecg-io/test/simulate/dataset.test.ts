import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { CONDITION_CODES, SIMULATED_CONDITIONS, simulateDataset } from '../../src/simulate/index.js';

const FAST = { samplingFrequency: 100, durationS: 10 } as const;

describe('simulateDataset', () => {
  it('deals conditions evenly, by patient, and every record shows its condition', () => {
    const data = simulateDataset({ ...FAST, count: 60, seed: 2, recordsPerPatient: 3 });
    expect(data).toHaveLength(60);
    expect(new Set(data.map((d) => d.id)).size).toBe(60);
    expect(data[0].id).toBe('sim-2-0');
    expect(data[0].record.name).toBe('sim-2-0');
    const patients = new Map<string, typeof data>();
    for (const d of data) patients.set(d.patientId, [...(patients.get(d.patientId) ?? []), d]);
    expect(patients.size).toBe(20);
    for (const records of patients.values()) {
      expect(records).toHaveLength(3);
      expect(new Set(records.map((r) => r.condition)).size).toBe(1);
      expect(new Set(records.map((r) => r.record.patient.fields['Patient seed'])).size).toBe(1);
      expect(new Set(records.map((r) => r.record.patient.fields.Seed)).size).toBe(3);
    }
    const perCondition = SIMULATED_CONDITIONS.map((c) => data.filter((d) => d.condition === c).length);
    expect(perCondition).toEqual(SIMULATED_CONDITIONS.map(() => 6));
    for (const d of data) {
      expect(d.labels.scpCodes).toContain(CONDITION_CODES[d.condition]);
      if (d.condition === 'atrial-fibrillation') expect(d.labels.rhythm).toBe('AFIB');
      if (d.condition === 'pvc') expect(d.labels.beats.some((b) => b.symbol === 'V')).toBe(true);
      if (d.condition === 'pac') expect(d.labels.beats.some((b) => b.symbol === 'A')).toBe(true);
      if (d.condition === 'first-degree-av-block') expect(d.labels.firstDegreeAvBlock).toBe(true);
      if (d.condition.startsWith('st-') || d.condition === 't-wave-inversion')
        expect(d.labels.sttChange).toBe(true);
    }
  });

  it('is deterministic and keeps a patient the same heart across records', () => {
    const a = simulateDataset({ ...FAST, count: 6, seed: 9, recordsPerPatient: 2, classMix: { pvc: 1 } });
    const b = simulateDataset({ ...FAST, count: 6, seed: 9, recordsPerPatient: 2, classMix: { pvc: 1 } });
    expect(b.map((d) => d.labels)).toEqual(a.map((d) => d.labels));
    // Same heart: same QT at a given rate, hence the same QTc for both records of a patient.
    expect(a[0].labels.qtIntervalMs / Math.sqrt(60000 / a[0].labels.heartRateBpm)).toBeCloseTo(
      a[1].labels.qtIntervalMs / Math.sqrt(60000 / a[1].labels.heartRateBpm),
      0,
    );
    expect(a[0].labels.qrsDurationMs).toBe(a[1].labels.qrsDurationMs);
    expect(a[0].labels.qrsDurationMs).not.toBe(a[2].labels.qrsDurationMs);
  });

  it('draws conditions with the classMix weights when not balanced', () => {
    const data = simulateDataset({
      samplingFrequency: 100,
      durationS: 4,
      count: 200,
      seed: 4,
      balanced: false,
      classMix: { normal: 3, 'atrial-fibrillation': 1, pvc: 0 },
    });
    const af = data.filter((d) => d.condition === 'atrial-fibrillation').length;
    expect(data.every((d) => d.condition !== 'pvc')).toBe(true);
    expect(af).toBeGreaterThan(30); // expected 50, sd 6
    expect(af).toBeLessThan(70);
  });

  it('rejects bad options', () => {
    expect(() => simulateDataset({ count: -1 })).toThrowError(EcgRangeError);
    expect(() => simulateDataset({ count: 2, recordsPerPatient: 0 })).toThrowError(/recordsPerPatient/);
    expect(() => simulateDataset({ count: 2, classMix: { flutter: 1 } as never })).toThrowError(/flutter/);
    expect(() => simulateDataset({ count: 2, classMix: { normal: 0 } })).toThrowError(/no condition/);
  });
});
