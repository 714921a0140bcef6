import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { rationalRatio, resample } from '../../src/preprocess/resample.js';
import { resampleFft } from '../../src/preprocess/resample-fft.js';
import { resamplePoly } from '../../src/preprocess/resample-poly.js';
import { randomSignal } from './helpers.js';

describe('rationalRatio', () => {
  it('reduces integer rates exactly', () => {
    expect(rationalRatio(500, 100)).toEqual({ up: 1, down: 5 });
    expect(rationalRatio(360, 500)).toEqual({ up: 25, down: 18 });
    expect(rationalRatio(500, 360)).toEqual({ up: 18, down: 25 });
    expect(rationalRatio(257, 500)).toEqual({ up: 500, down: 257 });
  });

  it('finds the ratio of non-integer rates by continued fractions', () => {
    expect(rationalRatio(44.1, 48)).toEqual({ up: 160, down: 147 });
    expect(rationalRatio(128.5, 257)).toEqual({ up: 2, down: 1 });
  });

  it('refuses ratios that need factors above maxFactor', () => {
    expect(() => rationalRatio(1, Math.PI)).toThrowError(EcgRangeError);
    expect(() => rationalRatio(1000, 999, 100)).toThrowError(/factors <= 100/);
    expect(() => rationalRatio(0, 100)).toThrowError(EcgRangeError);
  });
});

describe('resample', () => {
  const x = randomSignal(5000, 5);

  it('uses resamplePoly with the reduced ratio by default', () => {
    expect(Array.from(resample(x, 500, 100))).toEqual(Array.from(resamplePoly(x, 1, 5)));
    expect(Array.from(resample(x, 360, 500, { padtype: 'mean' }))).toEqual(
      Array.from(resamplePoly(x, 25, 18, { padtype: 'mean' })),
    );
  });

  it("uses resampleFft to round(n * to / from) samples with method 'fft'", () => {
    expect(Array.from(resample(x, 500, 360, { method: 'fft' }))).toEqual(Array.from(resampleFft(x, 3600)));
  });
});
