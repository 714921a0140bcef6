import { describe, expect, it } from 'vitest';
import { simulateEcg } from '../../src/simulate/index.js';
import { difference, dominantFrequency, lead, mean, powerAt, valueAt, variability } from './measure.js';

describe('simulateEcg rhythms', () => {
  for (const [heartRateBpm, rhythm] of [
    [45, 'SBRAD'],
    [72, 'SR'],
    [130, 'STACH'],
  ] as const) {
    it(`keeps the mean heart rate at ${heartRateBpm} bpm within 1 bpm (${rhythm})`, () => {
      const { labels, record } = simulateEcg({
        seed: 11,
        heartRateBpm,
        durationS: 60,
        samplingFrequency: 250,
      });
      expect(Math.abs(labels.heartRateBpm - heartRateBpm)).toBeLessThan(1);
      const samples = labels.beats.map((b) => b.sample);
      const measured =
        (60 * record.samplingFrequency * (samples.length - 1)) / (samples[samples.length - 1] - samples[0]);
      expect(Math.abs(measured - heartRateBpm)).toBeLessThan(1);
      expect(labels.rhythm).toBe(rhythm);
      expect(labels.rrIntervalsMs).toHaveLength(labels.beats.length);
      // Each labelled RR interval is the distance to the previous beat.
      labels.beats.slice(1).forEach((beat, k) => {
        const fromSamples = ((beat.sample - labels.beats[k].sample) * 1000) / record.samplingFrequency;
        expect(Math.abs(fromSamples - labels.rrIntervalsMs[k + 1])).toBeLessThanOrEqual(4);
      });
    });
  }

  it('gives AF irregular RR intervals, no P waves and f waves at the labelled frequency', () => {
    const options = { seed: 21, heartRateBpm: 90, durationS: 60, samplingFrequency: 250 };
    const sinus = simulateEcg(options);
    const af = simulateEcg({
      ...options,
      rhythm: 'atrial-fibrillation',
      atrialFibrillation: { fWaveFrequencyHz: 6.2 },
    });
    const sinusRr = variability(sinus.labels.rrIntervalsMs);
    const afRr = variability(af.labels.rrIntervalsMs);
    expect(afRr.cv).toBeGreaterThan(0.12);
    expect(afRr.cv).toBeGreaterThan(4 * sinusRr.cv);
    expect(afRr.rmssd).toBeGreaterThan(5 * sinusRr.rmssd);
    expect(af.labels).toMatchObject({ rhythm: 'AFIB', prIntervalMs: null, fWaveFrequencyHz: 6.2 });
    expect(af.labels.scpCodes).toEqual(['AFIB']);

    // Beat-averaged lead II where the P wave should be: a clear P in sinus rhythm, nothing phase-locked in AF.
    const pWave = (sim: typeof sinus, pOffsetMs: number) => {
      const ii = lead(sim.record, 'II');
      const fs = sim.record.samplingFrequency;
      const beats = sim.labels.beats.filter((b) => b.sample > fs);
      const average = (offsetMs: number) => mean(beats.map((b) => valueAt(ii, b.sample, offsetMs, fs)));
      return average(pOffsetMs) - average(sim.labels.waveBoundariesMs.qrsOnset - 10);
    };
    const pCentreMs = (sinus.labels.waveBoundariesMs.pOnset as number) + 60;
    expect(pWave(sinus, pCentreMs)).toBeGreaterThan(0.05);
    expect(Math.abs(pWave(af, pCentreMs))).toBeLessThan(0.015);

    const fWaves = difference(
      lead(af.record, 'V1'),
      lead(
        simulateEcg({
          ...options,
          rhythm: 'atrial-fibrillation',
          atrialFibrillation: { fWaveAmplitudeMv: 0 },
        }).record,
        'V1',
      ),
    );
    expect(dominantFrequency(fWaves, 250, 3, 10, 0.05)).toBeCloseTo(6.2, 0);
  });

  it('makes PVCs wide, without a preceding P wave, followed by a full compensatory pause', () => {
    const { labels, record } = simulateEcg({
      seed: 31,
      heartRateBpm: 60,
      hrv: { hrStdBpm: 0 },
      pvcProbability: 0.3,
      durationS: 30,
    });
    const v = labels.beats.flatMap((b, k) => (b.symbol === 'V' ? [k] : []));
    expect(v.length).toBeGreaterThan(2);
    expect(labels.scpCodes).toContain('PVC');
    for (const k of v) {
      if (k + 1 >= labels.beats.length) continue;
      expect(labels.rrIntervalsMs[k]).toBeLessThan(750); // premature
      expect(labels.rrIntervalsMs[k] + labels.rrIntervalsMs[k + 1]).toBeCloseTo(2000, -1); // two sinus cycles
    }
    // QRS width in the lead where the beat is largest: samples above 10 % of the peak within +-150 ms.
    const width = (sample: number) => {
      const widths = record.physical.map((x) => {
        const window = Array.from({ length: 151 }, (_, i) => x[sample - 75 + i]);
        const baseline = x[sample - 75];
        const peak = Math.max(...window.map((v) => Math.abs(v - baseline)));
        return {
          peak,
          width: (window.filter((v) => Math.abs(v - baseline) > 0.1 * peak).length * 1000) / 500,
        };
      });
      return widths.reduce((a, b) => (b.peak > a.peak ? b : a)).width;
    };
    const inside = labels.beats.filter((b) => b.sample > 100 && b.sample < record.length - 100);
    const normalWidth = mean(inside.filter((b) => b.symbol === 'N').map((b) => width(b.sample)));
    const pvcWidth = mean(inside.filter((b) => b.symbol === 'V').map((b) => width(b.sample)));
    expect(pvcWidth).toBeGreaterThan(1.4 * normalWidth);
    expect(pvcWidth).toBeGreaterThan(100);
  });

  it('makes PACs premature with a pause shorter than compensatory', () => {
    const { labels } = simulateEcg({
      seed: 41,
      heartRateBpm: 75,
      hrv: { hrStdBpm: 0 },
      pacProbability: 0.3,
      durationS: 30,
    });
    const a = labels.beats.flatMap((b, k) => (b.symbol === 'A' && k + 1 < labels.beats.length ? [k] : []));
    expect(a.length).toBeGreaterThan(2);
    for (const k of a) {
      expect(labels.rrIntervalsMs[k]).toBeLessThan(0.8 * 800);
      expect(labels.rrIntervalsMs[k + 1]).toBeGreaterThanOrEqual(800 - 2);
      expect(labels.rrIntervalsMs[k + 1]).toBeLessThanOrEqual(880 + 2);
    }
    expect(labels.scpCodes).toEqual(['SR', 'NORM', 'PAC']);
  });

  it('gives the RR tachogram its LF (Mayer) and HF (respiratory) peaks and LF/HF balance', () => {
    const tachogramPower = (lfHfRatio: number) => {
      const { labels, record } = simulateEcg({
        seed: 51,
        heartRateBpm: 70,
        durationS: 600,
        samplingFrequency: 100,
        hrv: { hrStdBpm: 3, lfHz: 0.09, hfHz: 0.27, lfHfRatio },
      });
      // RR series at 2 Hz by linear interpolation of the RR at each beat time.
      const times = labels.beats.map((b) => b.sample / record.samplingFrequency);
      const series: number[] = [];
      for (let t = times[0], k = 0; t < times[times.length - 1]; t += 0.5) {
        while (times[k + 1] < t) k++;
        const f = (t - times[k]) / (times[k + 1] - times[k]);
        series.push(labels.rrIntervalsMs[k] * (1 - f) + labels.rrIntervalsMs[k + 1] * f);
      }
      const m = mean(series);
      const centred = series.map((v) => v - m);
      return {
        lfPeak: dominantFrequency(centred, 2, 0.04, 0.15, 0.002),
        hfPeak: dominantFrequency(centred, 2, 0.15, 0.4, 0.002),
        band: (from: number, to: number) => {
          let sum = 0;
          for (let f = from; f <= to; f += 1 / 600) sum += powerAt(centred, f, 2);
          return sum;
        },
      };
    };
    const balanced = tachogramPower(1);
    expect(Math.abs(balanced.lfPeak - 0.09)).toBeLessThan(0.015);
    expect(Math.abs(balanced.hfPeak - 0.27)).toBeLessThan(0.015);
    const lfHeavy = tachogramPower(4);
    const hfHeavy = tachogramPower(0.25);
    expect(lfHeavy.band(0.04, 0.15) / lfHeavy.band(0.15, 0.4)).toBeGreaterThan(2);
    expect(hfHeavy.band(0.04, 0.15) / hfHeavy.band(0.15, 0.4)).toBeLessThan(0.5);
  });
});
