import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { iirnotch, removePowerline } from '../../src/preprocess/notch.js';
import { sosGain } from '../../src/preprocess/sos.js';
import { maxAbsDiff, sine } from './helpers.js';

/** The frequency in [lo, hi] where the (monotonic there) gain crosses `level`, by bisection. */
function crossing(gain: (f: number) => number, lo: number, hi: number, level: number): number {
  const rising = gain(hi) > gain(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (gain(mid) > level === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('iirnotch', () => {
  it('matches the MATLAB/scipy reference coefficients for w0 = 0.06, Q = 30 (fs = 2)', () => {
    const [[b0, b1, b2, a0, a1, a2]] = iirnotch(0.06, 30, 2);
    const rel = (value: number, expected: number) => Math.abs(value / expected - 1);
    expect(rel(b0, 9.9686824e-1)).toBeLessThan(1e-7);
    expect(rel(b1, -1.9584219)).toBeLessThan(1e-7);
    expect(rel(b2, 9.9686824e-1)).toBeLessThan(1e-7);
    expect(a0).toBe(1);
    expect(rel(a1, -1.9584219)).toBeLessThan(1e-7);
    expect(rel(a2, 9.9373647e-1)).toBeLessThan(1e-7);
  });

  it('has a null at f0, unit gain far from it and a -3 dB width of f0 / Q', () => {
    const fs = 500;
    const notch = iirnotch(50, 25, fs);
    const gain = (f: number) => sosGain(notch, f, fs);
    expect(gain(50)).toBeLessThan(1e-12);
    expect(gain(0)).toBeCloseTo(1, 12);
    expect(gain(250)).toBeCloseTo(1, 12);
    const low = crossing(gain, 40, 50, Math.SQRT1_2);
    const high = crossing(gain, 50, 60, Math.SQRT1_2);
    expect(high - low).toBeCloseTo(50 / 25, 9);
  });

  it('rejects a frequency at or above Nyquist and a non-positive Q', () => {
    expect(() => iirnotch(60, 30, 120)).toThrowError(EcgRangeError);
    expect(() => iirnotch(50, 0, 500)).toThrowError(/quality factor/);
  });
});

describe('removePowerline', () => {
  it('removes 50 Hz and keeps 10 Hz, with zero phase', () => {
    const fs = 500;
    const wanted = sine(5000, fs, 10, 1, 0.2);
    const noisy = wanted.map((v, i) => v + 0.5 * Math.sin((2 * Math.PI * 50 * i) / fs));
    const clean = removePowerline(noisy, fs);
    expect(maxAbsDiff(clean.subarray(1000, 4000), wanted.subarray(1000, 4000))).toBeLessThan(2e-3);
  });

  it('uses the given mains frequency', () => {
    const fs = 360;
    const mains = sine(3600, fs, 60);
    const out = removePowerline(mains, fs, { frequencyHz: 60, quality: 10 });
    expect(Math.max(...out.subarray(900, 2700).map(Math.abs))).toBeLessThan(1e-3);
  });
});
