import { describe, expect, it } from 'vitest';
import { fftInPlace } from '../../src/preprocess/fft.js';
import { maxAbsDiff, randomSignal } from './helpers.js';

/** O(n^2) DFT straight from the definition. */
function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * ((k * t) % n)) / n;
      outRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
      outIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

describe('fftInPlace', () => {
  it('computes a hand-checked 4-point transform', () => {
    const re = Float64Array.from([1, 2, 3, 4]);
    const im = new Float64Array(4);
    fftInPlace(re, im);
    // X[k] = sum x[n] (-i)^(kn): [10, -2+2i, -2, -2-2i]
    expect(maxAbsDiff(re, [10, -2, -2, -2])).toBeLessThan(1e-15);
    expect(maxAbsDiff(im, [0, 2, 0, -2])).toBeLessThan(1e-15);
  });

  it.each([1, 2, 3, 5, 7, 8, 12, 17, 64, 100, 257, 1000])('matches the naive DFT for length %i', (n) => {
    const re = randomSignal(n, n);
    const im = randomSignal(n, n + 1000);
    const [expectRe, expectIm] = naiveDft(re, im);
    fftInPlace(re, im);
    expect(maxAbsDiff(re, expectRe)).toBeLessThan(1e-10 * n);
    expect(maxAbsDiff(im, expectIm)).toBeLessThan(1e-10 * n);
  });

  it.each([16, 360, 5000])('inverts: ifft(fft(x)) / n = x for length %i', (n) => {
    const x = randomSignal(n, 7);
    const re = Float64Array.from(x);
    const im = new Float64Array(n);
    fftInPlace(re, im);
    fftInPlace(re, im, true);
    expect(
      maxAbsDiff(
        re.map((v) => v / n),
        x,
      ),
    ).toBeLessThan(1e-12);
    expect(Math.max(...im.map(Math.abs)) / n).toBeLessThan(1e-12);
  });
});
