import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src/simulate/random.js';
import { DEFAULT_HRV, rrProcess } from '../../src/simulate/rr-process.js';
import { dominantFrequency, mean } from './measure.js';

describe('rrProcess (ECGSYN RR tachogram)', () => {
  it('has the requested mean and standard deviation over its period', () => {
    const hrv = { ...DEFAULT_HRV, hrStdBpm: 4 };
    const rrAt = rrProcess(75, hrv, 100, new SeededRandom(3));
    // 256 s period, sampled at 1 Hz as ECGSYN does: exact moments.
    const rr = Array.from({ length: 256 }, (_, t) => rrAt(t));
    const m = mean(rr);
    expect(m).toBeCloseTo(0.8, 12);
    expect(Math.sqrt(mean(rr.map((v) => (v - m) ** 2)))).toBeCloseTo((60 * 4) / (75 * 75), 12);
    expect(rrAt(13.5 + 256)).toBeCloseTo(rrAt(13.5), 12); // periodic, readable at any time
  });

  it('puts the power at the LF and HF peaks in the requested ratio', () => {
    const hrv = { ...DEFAULT_HRV, hrStdBpm: 3, lfHz: 0.08, hfHz: 0.3, lfHfRatio: 2 };
    const rrAt = rrProcess(60, hrv, 1000, new SeededRandom(4));
    const rr = Array.from({ length: 2048 }, (_, t) => rrAt(t / 2)); // 1024 s at 2 Hz
    const m = mean(rr);
    const centred = rr.map((v) => v - m);
    // Each peak is 0.01 Hz wide: one realisation's maximum lies within about a width of the centre.
    expect(Math.abs(dominantFrequency(centred, 2, 0.02, 0.15, 0.001) - 0.08)).toBeLessThan(0.015);
    expect(Math.abs(dominantFrequency(centred, 2, 0.15, 0.45, 0.001) - 0.3)).toBeLessThan(0.015);
    // Power in each band from a plain DFT over the band's bins.
    const bandPower = (from: number, to: number) => {
      let sum = 0;
      for (let k = Math.ceil(from * 1024); k <= to * 1024; k++) {
        let re = 0;
        let im = 0;
        centred.forEach((v, n) => {
          re += v * Math.cos((2 * Math.PI * k * n) / 2048);
          im -= v * Math.sin((2 * Math.PI * k * n) / 2048);
        });
        sum += re * re + im * im;
      }
      return sum;
    };
    expect(bandPower(0.03, 0.13) / bandPower(0.25, 0.35)).toBeCloseTo(2, 1);
  });

  it('is constant without variability', () => {
    const rrAt = rrProcess(50, { ...DEFAULT_HRV, hrStdBpm: 0 }, 10, new SeededRandom(1));
    expect([rrAt(0), rrAt(3.3), rrAt(-7)]).toEqual([1.2, 1.2, 1.2]);
  });
});
