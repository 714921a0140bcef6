import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { besselI0, kaiserLowpass, kaiserWindow } from '../../src/preprocess/fir.js';
import { maxAbsDiff } from './helpers.js';

/** I0(x) = (1/pi) * integral_0^pi exp(x cos t) dt, by Simpson's rule: independent of the power series. */
function besselI0ByIntegral(x: number): number {
  const steps = 2000;
  const h = Math.PI / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const weight = k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2;
    sum += weight * Math.exp(x * Math.cos(k * h));
  }
  return (sum * h) / 3 / Math.PI;
}

describe('besselI0', () => {
  it('matches tabulated values (Abramowitz & Stegun, table 9.8)', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.266065877752008, 14);
    expect(besselI0(5) / 27.23987182360444).toBeCloseTo(1, 14);
    expect(besselI0(10) / 2815.716628466254).toBeCloseTo(1, 13);
  });

  it('matches the integral representation', () => {
    for (const x of [0.3, 2.5, 7, 14.2, 30]) expect(besselI0(x) / besselI0ByIntegral(x)).toBeCloseTo(1, 12);
  });
});

describe('kaiserWindow', () => {
  it('follows w[n] = I0(beta sqrt(1 - (2n/(N-1) - 1)^2)) / I0(beta)', () => {
    const beta = 5;
    const expected = [-1, -0.5, 0, 0.5, 1].map(
      (r) => besselI0ByIntegral(beta * Math.sqrt(1 - r * r)) / besselI0ByIntegral(beta),
    );
    expect(maxAbsDiff(kaiserWindow(5, beta), expected)).toBeLessThan(1e-13);
    expect(Array.from(kaiserWindow(1, beta))).toEqual([1]);
    expect(Array.from(kaiserWindow(4, 0))).toEqual([1, 1, 1, 1]); // beta = 0 is a rectangle
  });
});

describe('kaiserLowpass', () => {
  it('computes the 3-tap half-band filter by hand', () => {
    // alpha = 1: h = [0.5 sinc(-0.5) w0, 0.5, 0.5 sinc(0.5) w0] = [w0/pi, 0.5, w0/pi], w0 = 1/I0(5), sum 1.
    const w0 = 1 / 27.23987182360444;
    const raw = [w0 / Math.PI, 0.5, w0 / Math.PI];
    const sum = raw[0] + raw[1] + raw[2];
    expect(
      maxAbsDiff(
        kaiserLowpass(3, 0.5, 5),
        raw.map((v) => v / sum),
      ),
    ).toBeLessThan(1e-15);
  });

  it('is the windowed ideal low-pass scaled to unit DC gain (scipy resample_poly default for 1/5)', () => {
    const numtaps = 101;
    const cutoff = 1 / 5;
    const raw = Array.from({ length: numtaps }, (_, n) => {
      const m = n - 50;
      const sinc = m === 0 ? 1 : Math.sin(Math.PI * cutoff * m) / (Math.PI * cutoff * m);
      return cutoff * sinc * (besselI0ByIntegral(5 * Math.sqrt(1 - (m / 50) ** 2)) / besselI0ByIntegral(5));
    });
    const sum = raw.reduce((a, b) => a + b, 0);
    const h = kaiserLowpass(numtaps, cutoff);
    expect(
      maxAbsDiff(
        h,
        raw.map((v) => v / sum),
      ),
    ).toBeLessThan(1e-13);
    expect(h[50]).toBeCloseTo(0.2 / sum, 12);
  });

  it('rejects cutoffs outside (0, 1)', () => {
    expect(() => kaiserLowpass(11, 1)).toThrowError(EcgRangeError);
    expect(() => kaiserLowpass(11, 0)).toThrowError(/cutoff must be in \(0, 1\)/);
  });
});
