import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { resampleFft } from '../../src/preprocess/resample-fft.js';
import { maxAbsDiff } from './helpers.js';

/** cos(2 pi f k / n + phase) sampled over one period of n points: periodic and band-limited when f < n/2. */
function periodicCos(n: number, f: number, phase: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * f * k) / n + phase));
}

describe('resampleFft', () => {
  it('upsamples [1, 2, 3] to 6 samples as computed by hand', () => {
    // rfft = [6, -1.5 + i sqrt(3)/2]; y[j] = 2 + (-3 cos(pi j/3) - sqrt(3) sin(pi j/3)) / 3.
    expect(maxAbsDiff(resampleFft([1, 2, 3], 6), [1, 1, 2, 3, 3, 2])).toBeLessThan(1e-14);
  });

  it('splits the unpaired Nyquist bin when upsampling an even length', () => {
    // [1, -1, 1, -1] is cos(pi k): its only bin is Nyquist; scipy halves it into the pair ±2 of 8 points.
    expect(maxAbsDiff(resampleFft([1, -1, 1, -1], 8), [1, 0, -1, 0, 1, 0, -1, 0])).toBeLessThan(1e-15);
  });

  it('merges the bin pair into the output Nyquist bin when downsampling to an even length', () => {
    // cos(pi k / 2) over 8 points -> 4 points at twice the spacing: cos(pi j) = [1, -1, 1, -1] exactly.
    expect(maxAbsDiff(resampleFft([1, 0, -1, 0, 1, 0, -1, 0], 4), [1, -1, 1, -1])).toBeLessThan(1e-15);
  });

  it.each([
    [100, 250, 7],
    [250, 100, 7],
    [101, 60, 13],
    [60, 101, 13],
    [5000, 1000, 120],
    [64, 64, 5],
  ])('reproduces a band-limited periodic cosine exactly (%i -> %i samples, %i cycles)', (n, num, f) => {
    const y = resampleFft(periodicCos(n, f, 0.3), num);
    expect(y.length).toBe(num);
    expect(maxAbsDiff(y, periodicCos(num, f, 0.3))).toBeLessThan(1e-12);
  });

  it('drops components above the new Nyquist frequency (ideal anti-aliasing)', () => {
    const x = periodicCos(200, 3, 0).map((v, k) => v + Math.cos((2 * Math.PI * 70 * k) / 200));
    expect(maxAbsDiff(resampleFft(x, 100), periodicCos(100, 3, 0))).toBeLessThan(1e-12);
  });

  it('keeps the mean', () => {
    const y = resampleFft([5, 5, 5, 5, 5], 3);
    expect(maxAbsDiff(y, [5, 5, 5])).toBeLessThan(1e-14);
  });

  it('rejects bad arguments', () => {
    expect(() => resampleFft([], 4)).toThrowError(EcgRangeError);
    expect(() => resampleFft([1, 2], 0)).toThrowError(/output length must be an integer >= 1/);
    expect(() => resampleFft([1, 2], 2.5)).toThrowError(EcgRangeError);
  });
});
