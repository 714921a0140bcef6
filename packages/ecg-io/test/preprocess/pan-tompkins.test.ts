import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { matchBeats } from '../../src/preprocess/match-beats.js';
import { detectRPeaks } from '../../src/preprocess/pan-tompkins.js';
import { seededRandom } from './helpers.js';
import { beatTimesFromRr, syntheticEcg } from './synthetic-ecg.js';

/** 40 s of beats with RR varying between 0.6 and 1.1 s. */
function variableRr(count: number): number[] {
  const random = seededRandom(3);
  return Array.from({ length: count }, () => 0.6 + 0.5 * random());
}

describe('detectRPeaks (Pan-Tompkins)', () => {
  it.each([250, 360, 500, 1000])('finds every R peak of a clean signal to the sample at %i Hz', (fs) => {
    const times = beatTimesFromRr(0.5, variableRr(45)).filter((t) => t < 39.5);
    const { x, rPeaks } = syntheticEcg(fs, 40, times);
    expect(Array.from(detectRPeaks(x, fs))).toEqual(rPeaks);
  });

  it.each([250, 360, 500, 1000])(
    'finds every beat within 5 ms with noise and baseline wander at %i Hz',
    (fs) => {
      const times = beatTimesFromRr(0.5, variableRr(45)).filter((t) => t < 39.5);
      const { x, rPeaks } = syntheticEcg(fs, 40, times, { noise: 0.02, wander: 0.5 });
      const peaks = detectRPeaks(x, fs);
      expect(matchBeats(peaks, rPeaks, Math.round(0.005 * fs))).toMatchObject({
        tp: rPeaks.length,
        fp: 0,
        fn: 0,
      });
    },
  );

  it('refines to the minimum for an inverted lead (polarity auto) and can be forced', () => {
    const fs = 360;
    const times = beatTimesFromRr(0.5, variableRr(30)).filter((t) => t < 29.5);
    const { x, rPeaks } = syntheticEcg(fs, 30, times);
    const inverted = x.map((v) => -v);
    expect(Array.from(detectRPeaks(inverted, fs))).toEqual(rPeaks);
    expect(Array.from(detectRPeaks(inverted, fs, { polarity: 'negative' }))).toEqual(rPeaks);
    // Forced positive on the inverted lead lands on an S or Q wave, never on the R position.
    const forced = detectRPeaks(inverted, fs, { polarity: 'positive' });
    expect(matchBeats(forced, rPeaks, 0).tp).toBe(0);
    expect(matchBeats(forced, rPeaks, Math.round(0.05 * fs)).tp).toBe(rPeaks.length);
  });

  it('recovers a low-amplitude beat by search-back', () => {
    // Beat 12 at 40 % amplitude: its integrated peak (~16 %) is below THRESHOLD I1 (~25 % of the signal
    // level) but above THRESHOLD I2, so only the search-back after 166 % of the RR average can find it.
    const fs = 360;
    const times = beatTimesFromRr(0.5, new Array(24).fill(0.8));
    const { x, rPeaks } = syntheticEcg(fs, 20, times, { beatScale: (beat) => (beat === 12 ? 0.4 : 1) });
    const peaks = detectRPeaks(x, fs);
    expect(matchBeats(peaks, rPeaks, 0)).toMatchObject({ tp: rPeaks.length, fp: 0, fn: 0 });
  });

  it('does not count tall T waves as beats', () => {
    const fs = 500;
    const times = beatTimesFromRr(0.6, new Array(30).fill(0.7));
    const { x, rPeaks } = syntheticEcg(fs, 22, times, {
      tWave: { offset: 0.25, amplitude: 0.8, sigma: 0.04 },
    });
    expect(matchBeats(detectRPeaks(x, fs), rPeaks, 0)).toMatchObject({ fp: 0, fn: 0 });
  });

  it('rejects a peaked T wave 300 ms after the R peak by its slope (T-wave discrimination)', () => {
    // As tall as R with an integrated peak above THRESHOLD I1, but a slope under half the QRS slope.
    const fs = 360;
    const times = beatTimesFromRr(0.5, new Array(25).fill(0.8));
    const { x, rPeaks } = syntheticEcg(fs, 21, times, { tWave: { offset: 0.3, amplitude: 1, sigma: 0.035 } });
    expect(matchBeats(detectRPeaks(x, fs), rPeaks, 0)).toMatchObject({ fp: 0, fn: 0 });
  });

  it('survives a gap of missing samples (NaN) and a flat signal', () => {
    const fs = 250;
    const times = beatTimesFromRr(0.5, new Array(20).fill(0.9));
    const { x, rPeaks } = syntheticEcg(fs, 19, times);
    x.fill(Number.NaN, 2000, 2100); // 0.4 s gap between two beats
    expect(Array.from(detectRPeaks(x, fs))).toEqual(rPeaks);
    expect(detectRPeaks(new Float64Array(2500), fs).length).toBe(0);
  });

  it('rejects signals shorter than 0.5 s and bad options', () => {
    expect(() => detectRPeaks(new Float64Array(100), 250)).toThrowError(/at least 125 samples/);
    expect(() => detectRPeaks(new Float64Array(1000), 250, { refractoryS: 0 })).toThrowError(EcgRangeError);
  });
});
