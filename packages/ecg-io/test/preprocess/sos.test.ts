import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { butter } from '../../src/preprocess/butter.js';
import { sosfilt, sosfiltfilt, sosfiltZi } from '../../src/preprocess/sos.js';
import type { Sos } from '../../src/preprocess/sos-types.js';
import { lfilterNaive, maxAbsDiff, polyMul, randomSignal, rms, sine } from './helpers.js';

/** The cascade as one transfer function b / a. */
function toTransferFunction(sos: Sos): { b: number[]; a: number[] } {
  return {
    b: sos.reduce((acc, s) => polyMul(acc, [s[0], s[1], s[2]]), [1]),
    a: sos.reduce((acc, s) => polyMul(acc, [s[3], s[4], s[5]]), [1]),
  };
}

/**
 * Independent zero-phase reference: odd extension written out, and the steady-state start emulated by
 * running the filter over a long constant lead-in (instead of computing initial conditions).
 */
function filtfiltReference(sos: Sos, x: ArrayLike<number>, padlen: number): Float64Array {
  const n = x.length;
  const ext: number[] = [];
  for (let k = padlen; k >= 1; k--) ext.push(2 * x[0] - x[k]);
  ext.push(...Array.from(x));
  for (let k = 1; k <= padlen; k++) ext.push(2 * x[n - 1] - x[n - 1 - k]);
  const { b, a } = toTransferFunction(sos);
  const settled = (signal: number[]) => {
    const leadIn = 4000;
    const y = lfilterNaive(b, a, [...new Array(leadIn).fill(signal[0]), ...signal]);
    return Array.from(y.subarray(leadIn));
  };
  const forward = settled(ext).reverse();
  const backward = settled(forward).reverse();
  return Float64Array.from(backward.slice(padlen, padlen + n));
}

describe('sosfilt', () => {
  it('filters a single section by its difference equation (hand-computed impulse response)', () => {
    // y[n] = 0.5 x[n] + 0.5 x[n-1] + 0.2 y[n-1]: impulse -> 0.5, 0.6, 0.12, 0.024
    const y = sosfilt([[0.5, 0.5, 0, 1, -0.2, 0]], [1, 0, 0, 0]);
    expect(maxAbsDiff(y, [0.5, 0.6, 0.12, 0.024])).toBeLessThan(1e-15);
  });

  it('equals the direct-form difference equation of the whole cascade', () => {
    const sos = butter(3, 30, 'lowpass', 250); // low order: the single difference equation stays well conditioned
    const x = randomSignal(500, 1);
    const { b, a } = toTransferFunction(sos);
    expect(maxAbsDiff(sosfilt(sos, x), lfilterNaive(b, a, x))).toBeLessThan(1e-12);
  });

  it('rejects malformed sections', () => {
    expect(() => sosfilt([], [1])).toThrowError(EcgRangeError);
    expect(() => sosfilt([[1, 0, 0, 2, 0, 0]], [1])).toThrowError(/a0 = 1/);
    expect(() =>
      sosfilt(
        [[1, 0, 0, 1, 0, 0]],
        [1],
        [
          [0, 0],
          [0, 0],
        ],
      ),
    ).toThrowError(/zi has 2 sections/);
  });
});

describe('sosfiltZi', () => {
  it('gives the steady state of a section by hand', () => {
    // b = [0.5, 0.5, 0], a = [1, -0.2, 0]: DC gain 1.25, zi = [b1 - 1.25 a1 + b2 - 1.25 a2, b2 - 1.25 a2].
    expect(maxAbsDiff(sosfiltZi([[0.5, 0.5, 0, 1, -0.2, 0]])[0], [0.75, 0])).toBeLessThan(1e-15);
  });

  it('makes a constant input pass with no transient through a cascade', () => {
    const sos = butter(3, 8, 'lowpass', 100);
    const zi = sosfiltZi(sos).map(([a, b]) => [a * 2.5, b * 2.5] as const);
    expect(
      maxAbsDiff(sosfilt(sos, new Float64Array(50).fill(2.5), zi), new Float64Array(50).fill(2.5)),
    ).toBeLessThan(1e-12);
  });
});

describe('sosfiltfilt', () => {
  it.each([
    { name: 'low-pass order 4', sos: butter(4, 25, 'lowpass', 360), padlen: 15 },
    { name: 'band-pass order 2', sos: butter(2, [5, 15], 'bandpass', 360), padlen: 15 },
    { name: 'high-pass order 1', sos: butter(1, 0.5, 'highpass', 360), padlen: 6 },
  ])('$name matches an independent forward-backward reference (padlen $padlen)', ({ sos, padlen }) => {
    const x = randomSignal(400, 9).map((v, i) => v + 0.01 * i);
    expect(maxAbsDiff(sosfiltfilt(sos, x), filtfiltReference(sos, x, padlen))).toBeLessThan(1e-9);
  });

  it('has zero phase: a filtered sine keeps its timing, scaled by |H|^2', () => {
    const fs = 360;
    const sos = butter(2, 20, 'lowpass', fs);
    const x = sine(3600, fs, 20, 1, 0.4); // at the cutoff: |H|^2 = 1/2
    const y = sosfiltfilt(sos, x);
    const interior = [400, 3200] as const;
    expect(
      maxAbsDiff(
        y.subarray(...interior),
        x.subarray(...interior).map((v) => v / 2),
      ),
    ).toBeLessThan(1e-3);
    // Cross-correlation of a band-limited random signal and its filtered version peaks at lag 0.
    const noise = sosfiltfilt(butter(4, 30, 'lowpass', fs), randomSignal(3600, 2));
    const filtered = sosfiltfilt(sos, noise);
    const correlation = (lag: number) => {
      let s = 0;
      for (let i = 100; i < 3500; i++) s += noise[i] * filtered[i + lag];
      return s;
    };
    const lags = Array.from({ length: 21 }, (_, k) => k - 10);
    const best = lags.reduce((a, b) => (correlation(b) > correlation(a) ? b : a));
    expect(best).toBe(0);
  });

  it('removes DC and passes the band with a high-pass', () => {
    const fs = 250;
    const x = sine(5000, fs, 10).map((v) => v + 3);
    const y = sosfiltfilt(butter(2, 0.5, 'highpass', fs), x);
    expect(Math.abs(y.subarray(1000, 4000).reduce((a, b) => a + b, 0) / 3000)).toBeLessThan(1e-4);
    expect(rms(y, 1000, 4000)).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it('supports even and constant extensions and padlen', () => {
    const sos = butter(2, 10, 'lowpass', 100);
    const x = randomSignal(200, 4);
    const even = sosfiltfilt(sos, x, { padtype: 'even', padlen: 10 });
    const mirrored = Float64Array.from([
      ...Array.from(x.subarray(1, 11)).reverse(),
      ...x,
      ...Array.from(x.subarray(189, 199)).reverse(),
    ]);
    expect(maxAbsDiff(even, sosfiltfilt(sos, mirrored, { padlen: 0 }).subarray(10, 210))).toBeLessThan(1e-12);
    const constant = sosfiltfilt(sos, x, { padtype: 'constant', padlen: 10 });
    const held = Float64Array.from([...new Array(10).fill(x[0]), ...x, ...new Array(10).fill(x[199])]);
    expect(maxAbsDiff(constant, sosfiltfilt(sos, held, { padlen: 0 }).subarray(10, 210))).toBeLessThan(1e-12);
  });

  it("uses scipy's default padlen 3 * (2 * sections + 1 - trailing zero coefficients)", () => {
    const firstOrder = butter(1, 10, 'lowpass', 100); // one section with b2 = a2 = 0: padlen 6
    expect(() => sosfiltfilt(firstOrder, new Float64Array(6))).toThrowError(/more than padlen = 6/);
    expect(sosfiltfilt(firstOrder, new Float64Array(7)).length).toBe(7);
    expect(() => sosfiltfilt(butter(4, 10, 'lowpass', 100), new Float64Array(15))).toThrowError(
      /padlen = 15/,
    );
  });
});
