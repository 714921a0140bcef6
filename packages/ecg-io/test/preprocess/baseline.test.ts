import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { removeBaselineWander } from '../../src/preprocess/baseline.js';
import { maxAbsDiff, sine } from './helpers.js';

const fs = 250;

/** Narrow triangular "QRS" spikes of 60 ms every second, height 1. */
function spikes(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    const t = (i % fs) - fs / 2;
    return Math.max(0, 1 - Math.abs(t) / (0.03 * fs));
  });
}

describe('removeBaselineWander', () => {
  it('highpass (default): removes a 0.1 Hz wander and an offset, keeps 10 Hz content', () => {
    const content = sine(7500, fs, 10, 0.5);
    const wander = sine(7500, fs, 0.1, 2).map((v) => v + 1.5);
    const out = removeBaselineWander(
      content.map((v, i) => v + wander[i]),
      fs,
    );
    // |H(0.1 Hz)|^2 = 0.2^4 / (1 + 0.2^4) ~ 0.0016 of the 2 mV wander, near-unit gain at 10 Hz.
    expect(maxAbsDiff(out.subarray(1250, 6250), content.subarray(1250, 6250))).toBeLessThan(0.01);
  });

  it('median: removes an offset exactly under sparse narrow spikes', () => {
    const x = spikes(2500);
    const out = removeBaselineWander(
      x.map((v) => v + 0.7),
      fs,
      { method: 'median' },
    );
    expect(maxAbsDiff(out, x)).toBeLessThan(1e-12);
  });

  it('median: follows a slow ramp away from the ends', () => {
    const x = spikes(5000);
    const ramp = Float64Array.from({ length: 5000 }, (_, i) => 0.0004 * i);
    const out = removeBaselineWander(
      x.map((v, i) => v + ramp[i]),
      fs,
      { method: 'median' },
    );
    expect(maxAbsDiff(out.subarray(500, 4500), x.subarray(500, 4500))).toBeLessThan(0.02);
  });

  it('rejects a cutoff at or above Nyquist', () => {
    expect(() => removeBaselineWander(new Float64Array(100), fs, { cutoffHz: 125 })).toThrowError(
      EcgRangeError,
    );
  });
});
