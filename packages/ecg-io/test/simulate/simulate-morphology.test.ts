import { describe, expect, it } from 'vitest';
import { STANDARD_12_LEADS, type StandardLead } from '../../src/leads.js';
import { type SimulateEcgOptions, simulateEcg } from '../../src/simulate/index.js';
import { lead, mean, peakNear, valueAt } from './measure.js';

/** Beat-averaged ST level at J + 60 ms against the middle of the PR segment, per lead, from the signal. */
function measuredSt(options: SimulateEcgOptions): Record<StandardLead, number> {
  const { record, labels } = simulateEcg(options);
  const fs = record.samplingFrequency;
  const { pOnset, qrsOnset, jPoint } = labels.waveBoundariesMs;
  const pEnd = (pOnset as number) + 120; // the P wave lasts 120 ms (two 18 ms-wide waves 30 ms apart)
  const beats = labels.beats.filter((b) => b.sample > fs / 2 && b.sample < record.length - fs / 2);
  return Object.fromEntries(
    STANDARD_12_LEADS.map((name) => {
      const x = lead(record, name);
      const at = (offsetMs: number) => mean(beats.map((b) => valueAt(x, b.sample, offsetMs, fs)));
      return [name, at(jPoint + 60) - at((pEnd + qrsOnset) / 2)];
    }),
  ) as Record<StandardLead, number>;
}

describe('simulateEcg morphology', () => {
  it('looks like a normal adult ECG across patients', () => {
    const amplitude = (name: StandardLead, seed: number) => {
      const { record, labels } = simulateEcg({ seed, heartRateBpm: 60, hrv: { hrStdBpm: 0 } });
      const x = lead(record, name);
      const beat = labels.beats[2].sample;
      return x[peakNear(x, beat, 30)];
    };
    const seeds = Array.from({ length: 20 }, (_, i) => i + 100);
    const rII = seeds.map((seed) => amplitude('II', seed));
    expect(mean(rII)).toBeGreaterThan(0.7);
    expect(mean(rII)).toBeLessThan(1.4);
    expect(seeds.every((seed) => amplitude('aVR', seed) < 0)).toBe(true); // QRS negative in aVR
    expect(seeds.every((seed) => amplitude('V1', seed) < 0)).toBe(true); // deep S in V1
    const { labels } = simulateEcg({ seed: 100, heartRateBpm: 60 });
    expect(labels.qrsDurationMs).toBeGreaterThan(80);
    expect(labels.qrsDurationMs).toBeLessThan(110);
    expect(labels.prIntervalMs).toBeGreaterThanOrEqual(120);
    expect(labels.prIntervalMs).toBeLessThanOrEqual(200);
    expect(labels.scpCodes).toEqual(['SR', 'NORM']);
    expect(labels.superclasses).toEqual(['NORM']);
    expect(labels.sttChange).toBe(false);
  });

  it('shortens QT with rate as Bazett (QT = QTc * sqrt(RR)), in the labels and in the signal', () => {
    const at = (heartRateBpm: number) => {
      const { record, labels } = simulateEcg({ seed: 61, heartRateBpm, hrv: { hrStdBpm: 0 } });
      const x = lead(record, 'V3');
      const fs = record.samplingFrequency;
      const beat = labels.beats[3].sample;
      const qrsOnset = beat + Math.round((labels.waveBoundariesMs.qrsOnset * fs) / 1000);
      const from = beat + Math.round((labels.waveBoundariesMs.jPoint * fs) / 1000) + 5;
      let tPeak = from;
      for (let n = from; n < beat + 0.45 * fs; n++) if (x[n] > x[tPeak]) tPeak = n;
      return { labels, tPeakMs: ((tPeak - qrsOnset) * 1000) / fs };
    };
    const slow = at(60);
    const fast = at(120);
    expect(fast.labels.qtIntervalMs / slow.labels.qtIntervalMs).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(fast.labels.qtcMs - slow.labels.qtcMs)).toBeLessThan(0.5);
    expect(fast.tPeakMs / slow.tPeakMs).toBeGreaterThan(0.68);
    expect(fast.tPeakMs / slow.tPeakMs).toBeLessThan(0.74);
    expect(slow.labels.qtIntervalMs).toBeGreaterThan(360);
    expect(slow.labels.qtIntervalMs).toBeLessThan(460);
  });

  it('shifts the ST segment in the labelled leads by the labelled amount', () => {
    const base = { seed: 71, heartRateBpm: 70, durationS: 10 };
    const leads: StandardLead[] = ['II', 'III', 'aVF'];
    const elevated = simulateEcg({ ...base, stDeviation: { leads, mv: 0.2 } }).labels;
    const control = simulateEcg(base).labels;
    const change = (name: StandardLead) => elevated.stDeviationMv[name] - control.stDeviationMv[name];
    // Not exact: the ST wave's tail reaches the PR segment a little.
    expect(Math.abs(mean(leads.map(change)) - 0.2)).toBeLessThan(0.003);
    leads.forEach((name) => {
      expect(change(name)).toBeGreaterThan(0.15);
    });
    expect(change('aVL')).toBeLessThan(-0.05); // reciprocal depression
    STANDARD_12_LEADS.forEach((name) => {
      expect(Math.abs(control.stDeviationMv[name])).toBeLessThan(0.05);
    });

    const measuredElevated = measuredSt({ ...base, stDeviation: { leads, mv: 0.2 } });
    const measuredControl = measuredSt(base);
    for (const name of STANDARD_12_LEADS) {
      expect(Math.abs(measuredElevated[name] - elevated.stDeviationMv[name])).toBeLessThan(0.01);
      expect(Math.abs(measuredControl[name] - control.stDeviationMv[name])).toBeLessThan(0.01);
    }
    expect(elevated).toMatchObject({ sttChange: true, superclasses: ['STTC'] });
    expect(elevated.scpCodes).toContain('STE_');
  });

  it('depresses the ST segment and labels it', () => {
    const leads: StandardLead[] = ['V4', 'V5', 'V6'];
    const { labels } = simulateEcg({ seed: 72, heartRateBpm: 80, stDeviation: { leads, mv: -0.15 } });
    const measured = measuredSt({ seed: 72, heartRateBpm: 80, stDeviation: { leads, mv: -0.15 } });
    leads.forEach((name) => {
      expect(measured[name]).toBeLessThan(-0.08);
      expect(Math.abs(measured[name] - labels.stDeviationMv[name])).toBeLessThan(0.01);
    });
    expect(labels.scpCodes).toContain('STD_');
    expect(labels.sttChange).toBe(true);
  });

  it('inverts T waves in the labelled leads', () => {
    const tPeak = (options: SimulateEcgOptions, name: StandardLead) => {
      const { record, labels } = simulateEcg(options);
      const x = lead(record, name);
      const fs = record.samplingFrequency;
      const beat = labels.beats[2].sample;
      const from = beat + Math.round(((labels.waveBoundariesMs.jPoint + 60) * fs) / 1000);
      const to = beat + Math.round((labels.waveBoundariesMs.tEnd * fs) / 1000);
      let extreme = from;
      for (let n = from; n < to; n++) if (Math.abs(x[n]) > Math.abs(x[extreme])) extreme = n;
      return x[extreme];
    };
    const base = { seed: 81, heartRateBpm: 65 };
    const inverted = { ...base, tWaveInversion: { leads: ['I', 'aVL', 'V5', 'V6'] as StandardLead[] } };
    const { labels } = simulateEcg(inverted);
    expect(labels.tWaveInvertedLeads.length).toBeGreaterThan(1);
    expect(labels.scpCodes).toContain('INVT');
    for (const name of labels.tWaveInvertedLeads) {
      expect(tPeak(base, name)).toBeGreaterThan(0);
      expect(tPeak(inverted, name)).toBeLessThan(0);
    }
  });

  it('lengthens PR for first-degree AV block by exactly the requested amount', () => {
    const pToR = (prIntervalMs: number) => {
      const { record, labels } = simulateEcg({ seed: 91, heartRateBpm: 70, prIntervalMs });
      const x = lead(record, 'II');
      const beat = labels.beats[4].sample;
      const fs = record.samplingFrequency;
      const pCentre = beat + Math.round((((labels.waveBoundariesMs.pOnset as number) + 60) * fs) / 1000);
      return { labels, lag: ((beat - peakNear(x, pCentre, 20)) * 1000) / fs };
    };
    const normal = pToR(160);
    const blocked = pToR(280);
    expect(blocked.lag - normal.lag).toBeGreaterThan(116);
    expect(blocked.lag - normal.lag).toBeLessThan(124);
    expect(normal.labels).toMatchObject({ prIntervalMs: 160, firstDegreeAvBlock: false });
    expect(blocked.labels).toMatchObject({
      prIntervalMs: 280,
      firstDegreeAvBlock: true,
      superclasses: ['CD'],
    });
    expect(blocked.labels.scpCodes).toEqual(['SR', '1AVB']);
  });
});
