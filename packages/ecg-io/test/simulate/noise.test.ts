import { describe, expect, it } from 'vitest';
import type { EcgRecord } from '../../src/record.js';
import { type NoiseOptions, simulateEcg } from '../../src/simulate/index.js';
import { difference, dominantFrequency, powerAt } from './measure.js';

/** Sum over the 12 leads of the mean square after removing each lead's mean. */
function power(signals: readonly ArrayLike<number>[]): number {
  return signals.reduce((total, x) => {
    let sum = 0;
    let squares = 0;
    for (let n = 0; n < x.length; n++) {
      sum += x[n];
      squares += x[n] * x[n];
    }
    return total + squares / x.length - (sum / x.length) ** 2;
  }, 0);
}

/** The noise of a record: its leads minus those of the same record simulated without noise. */
function noiseOf(noise: NoiseOptions, seed = 3, fs = 500): { clean: EcgRecord; noise: Float64Array[] } {
  const clean = simulateEcg({ seed, samplingFrequency: fs }).record;
  const noisy = simulateEcg({ seed, samplingFrequency: fs, noise }).record;
  return { clean, noise: noisy.physical.map((x, k) => difference(x, clean.physical[k])) };
}

/** Fraction of a signal's power at frequencies in [from, to] Hz (DFT over 0.1 Hz steps up to fs/2). */
function bandFraction(x: Float64Array, fs: number, from: number, to: number): number {
  let inside = 0;
  let total = 0;
  for (let f = 0.1; f < fs / 2; f += 0.1) {
    const p = powerAt(x, f, fs);
    total += p;
    if (f >= from && f <= to) inside += p;
  }
  return inside / total;
}

describe('simulateEcg noise', () => {
  const kinds: [keyof NoiseOptions, number][] = [
    ['baselineWanderSnrDb', 12],
    ['emgSnrDb', 20],
    ['powerlineSnrDb', 25],
    ['electrodeMotionSnrDb', 15],
  ];
  for (const [kind, snrDb] of kinds) {
    it(`adds ${kind} at the requested SNR (${snrDb} dB)`, () => {
      const { clean, noise } = noiseOf({ [kind]: snrDb });
      const measured = 10 * Math.log10(power(clean.physical) / power(noise));
      expect(Math.abs(measured - snrDb)).toBeLessThan(0.05);
    });
  }

  it('puts each kind of noise in its own frequency band', () => {
    const fs = 250;
    const lead = (noise: NoiseOptions) => noiseOf(noise, 4, fs).noise[1];
    expect(bandFraction(lead({ baselineWanderSnrDb: 10 }), fs, 0, 1)).toBeGreaterThan(0.9);
    expect(bandFraction(lead({ emgSnrDb: 10 }), fs, 20, 112.5)).toBeGreaterThan(0.9);
    expect(dominantFrequency(lead({ powerlineSnrDb: 10, powerlineHz: 60 }), fs, 1, 120, 0.5)).toBe(60);
    expect(bandFraction(lead({ electrodeMotionSnrDb: 10 }), fs, 0, 10)).toBeGreaterThan(0.9);
  });

  it('adds the kinds together, each at its own SNR', () => {
    const { clean, noise } = noiseOf({ baselineWanderSnrDb: 20, emgSnrDb: 20 });
    const measured = 10 * Math.log10(power(clean.physical) / power(noise));
    expect(measured).toBeCloseTo(20 - 10 * Math.log10(2), 1); // two independent noises of equal power
  });
});
