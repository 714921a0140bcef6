import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { butter } from '../../src/preprocess/butter.js';
import { sosGain } from '../../src/preprocess/sos.js';
import type { Sos } from '../../src/preprocess/sos-types.js';
import { maxAbsDiff, polyMul } from './helpers.js';

interface Root {
  re: number;
  im: number;
}

/** Roots of c0 z^2 + c1 z + c2 (or of c1 z + c2 when c0 = 0). */
function quadraticRoots(c0: number, c1: number, c2: number): Root[] {
  if (c0 === 0) return c1 === 0 ? [] : [{ re: -c2 / c1, im: 0 }];
  const disc = c1 * c1 - 4 * c0 * c2;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    return [
      { re: (-c1 + s) / (2 * c0), im: 0 },
      { re: (-c1 - s) / (2 * c0), im: 0 },
    ];
  }
  const s = Math.sqrt(-disc) / (2 * c0);
  return [
    { re: -c1 / (2 * c0), im: s },
    { re: -c1 / (2 * c0), im: -s },
  ];
}

/** All poles / zeros of a cascade, dropping the padding roots at the origin, sorted by (re, im). */
function roots(sos: Sos, part: 'zeros' | 'poles'): Root[] {
  const all = sos.flatMap((s) =>
    part === 'zeros' ? quadraticRoots(s[0], s[1], s[2]) : quadraticRoots(s[3], s[4], s[5]),
  );
  return all.filter((r) => Math.hypot(r.re, r.im) > 1e-12).sort((a, b) => a.re - b.re || a.im - b.im);
}

function expectRootsClose(actual: Root[], expected: Root[], tolerance: number): void {
  const sorted = [...expected].sort((a, b) => a.re - b.re || a.im - b.im);
  expect(actual.length).toBe(sorted.length);
  actual.forEach((r, i) => {
    expect(Math.hypot(r.re - sorted[i].re, r.im - sorted[i].im)).toBeLessThan(tolerance);
  });
}

/** Conjugate pairs from [re, im] with im > 0. */
function pairs(values: [number, number][]): Root[] {
  return values.flatMap(([re, im]) => [
    { re, im },
    { re, im: -im },
  ]);
}

describe('butter: coefficients computed by hand with the bilinear transform', () => {
  const fs = 100;
  const K = Math.tan((Math.PI * 10) / fs); // prewarped cutoff for fc = 10 Hz

  it('1st-order low-pass: b = K/(1+K) [1, 1], a = [1, (K-1)/(K+1)]', () => {
    const b = K / (1 + K);
    expect(butter(1, 10, 'lowpass', fs)).toHaveLength(1);
    expect(maxAbsDiff(butter(1, 10, 'lowpass', fs)[0], [b, b, 0, 1, (K - 1) / (K + 1), 0])).toBeLessThan(
      1e-15,
    );
  });

  it('1st-order high-pass: b = 1/(1+K) [1, -1], a = [1, (K-1)/(K+1)]', () => {
    const b = 1 / (1 + K);
    expect(maxAbsDiff(butter(1, 10, 'highpass', fs)[0], [b, -b, 0, 1, (K - 1) / (K + 1), 0])).toBeLessThan(
      1e-15,
    );
  });

  it('2nd-order low-pass: b = K^2 n [1, 2, 1], a = [1, 2(K^2-1) n, (1 - sqrt2 K + K^2) n], n = 1/(1 + sqrt2 K + K^2)', () => {
    const n = 1 / (1 + Math.SQRT2 * K + K * K);
    const expected = [
      K * K * n,
      2 * K * K * n,
      K * K * n,
      1,
      2 * (K * K - 1) * n,
      (1 - Math.SQRT2 * K + K * K) * n,
    ];
    expect(maxAbsDiff(butter(2, 10, 'lowpass', fs)[0], expected)).toBeLessThan(1e-15);
  });
});

describe('butter: reference designs from scipy test_filter_design.py (TestButter)', () => {
  it('butter(5, 0.4) in transfer-function form', () => {
    const sos = butter(5, 0.4, 'lowpass', 2);
    const b = sos.reduce((acc, s) => polyMul(acc, [s[0], s[1], s[2]]), [1]).slice(0, 6);
    const a = sos.reduce((acc, s) => polyMul(acc, [s[3], s[4], s[5]]), [1]).slice(0, 6);
    expect(maxAbsDiff(b, [0.0219, 0.1097, 0.2194, 0.2194, 0.1097, 0.0219])).toBeLessThan(5e-5);
    expect(maxAbsDiff(a, [1.0, -0.9853, 0.9738, -0.3864, 0.1112, -0.0113])).toBeLessThan(5e-5);
  });

  it('butter(8, [0.25, 0.33], band): poles, zeros and gain', () => {
    const sos = butter(8, [0.25, 0.33], 'bandpass', 2);
    expect(sos).toHaveLength(8);
    const poles = pairs([
      [4.979909925436156e-1, 8.367609424799387e-1],
      [4.913338722555539e-1, 7.866774509868817e-1],
      [5.035229361778706e-1, 7.40114737672675e-1],
      [5.307617160406101e-1, 7.029184459442954e-1],
      [5.680556159453138e-1, 6.788228792952775e-1],
      [6.100962560818854e-1, 6.693849403338664e-1],
      [6.904694312740631e-1, 6.930501690145245e-1],
      [6.521767004237027e-1, 6.744414640183752e-1],
    ]);
    expectRootsClose(roots(sos, 'poles'), poles, 1e-12);
    const zeros = roots(sos, 'zeros');
    expect(zeros.filter((z) => Math.abs(z.re - 1) < 1e-12 && z.im === 0)).toHaveLength(8);
    expect(zeros.filter((z) => Math.abs(z.re + 1) < 1e-12 && z.im === 0)).toHaveLength(8);
    const gain = sos.reduce((k, s) => k * s[0], 1); // every numerator is monic except the first
    expect(gain / 3.398854055800844e-8).toBeCloseTo(1, 12);
  });

  it('butter(7, [0.45, 0.56], stop): poles, zeros and gain', () => {
    const sos = butter(7, [0.45, 0.56], 'bandstop', 2);
    const zero: [number, number] = [-1.594474531383421e-2, 9.99872874467988e-1];
    expectRootsClose(roots(sos, 'zeros'), pairs(new Array(7).fill(zero)), 1e-13);
    const poles = pairs([
      [-1.766850742887729e-1, 9.4669512586739e-1],
      [1.467897662432886e-1, 9.515917126462422e-1],
      [-1.370083529426906e-1, 8.880376681273993e-1],
      [1.08677454470139e-1, 8.915240810704319e-1],
      [-7.982704457700891e-2, 8.506056315273435e-1],
      [5.238812787110331e-2, 8.524011102699969e-1],
      [-1.35754500049131e-2, 8.382287744986582e-1],
    ]);
    expectRootsClose(roots(sos, 'poles'), poles, 1e-12);
    expect(sos.reduce((k, s) => k * s[0], 1) / 4.577122512960063e-1).toBeCloseTo(1, 12);
  });

  it('orders sections like scipy: the poles closest to the unit circle come last', () => {
    const sos = butter(6, 30, 'lowpass', 250);
    const radius = sos.map((s) => Math.sqrt(s[5])); // |p|^2 = a2 for a complex pair
    expect([...radius].sort((a, b) => a - b)).toEqual(radius);
  });
});

describe('butter: frequency response', () => {
  const fs = 500;
  /** Bilinear Butterworth magnitude: 1 / sqrt(1 + (tan(pi f / fs) / tan(pi fc / fs))^(2N)). */
  const lowpassGain = (f: number, fc: number, order: number) =>
    1 / Math.sqrt(1 + (Math.tan((Math.PI * f) / fs) / Math.tan((Math.PI * fc) / fs)) ** (2 * order));

  it.each([1, 2, 3, 4, 5, 8])('order %i low-pass and high-pass follow the analytic magnitude', (order) => {
    const low = butter(order, 40, 'lowpass', fs);
    const high = butter(order, 40, 'highpass', fs);
    for (const f of [1, 10, 30, 40, 60, 120, 240]) {
      expect(sosGain(low, f, fs)).toBeCloseTo(lowpassGain(f, 40, order), 12);
      // High-pass: the low-pass magnitude with f and fc swapped.
      const expectedHigh =
        1 / Math.sqrt(1 + (Math.tan((Math.PI * 40) / fs) / Math.tan((Math.PI * f) / fs)) ** (2 * order));
      expect(sosGain(high, f, fs)).toBeCloseTo(expectedHigh, 12);
    }
  });

  it.each([1, 2, 4])('order %i band filters are -3 dB at both edges, 1 / 0 at the centre', (order) => {
    const band = butter(order, [5, 15], 'bandpass', fs);
    const stop = butter(order, [45, 55], 'bandstop', fs);
    for (const f of [5, 15]) expect(sosGain(band, f, fs)).toBeCloseTo(Math.SQRT1_2, 12);
    for (const f of [45, 55]) expect(sosGain(stop, f, fs)).toBeCloseTo(Math.SQRT1_2, 12);
    // Geometric centre of the prewarped edges.
    const centre = (edges: [number, number]) =>
      (fs / Math.PI) *
      Math.atan(Math.sqrt(Math.tan((Math.PI * edges[0]) / fs) * Math.tan((Math.PI * edges[1]) / fs)));
    expect(sosGain(band, centre([5, 15]), fs)).toBeCloseTo(1, 12);
    expect(sosGain(stop, centre([45, 55]), fs)).toBeLessThan(1e-6);
    expect(sosGain(band, 0, fs)).toBeLessThan(1e-12);
    expect(sosGain(stop, 0, fs)).toBeCloseTo(1, 12);
  });
});

describe('butter: argument checks', () => {
  it('rejects impossible designs with EcgRangeError', () => {
    expect(() => butter(0, 10, 'lowpass', 100)).toThrowError(EcgRangeError);
    expect(() => butter(2, 50, 'lowpass', 100)).toThrowError(/\(0, 50\) Hz/);
    expect(() => butter(2, [20, 10], 'bandpass', 100)).toThrowError(/low < high/);
    expect(() => butter(2, 10, 'bandpass', 100)).toThrowError(/two edge frequencies/);
    expect(() => butter(2, [1, 2], 'lowpass', 100)).toThrowError(/one cutoff/);
  });
});
