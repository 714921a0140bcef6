import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { kaiserLowpass } from '../../src/preprocess/fir.js';
import { resamplePoly } from '../../src/preprocess/resample-poly.js';
import { maxAbsDiff, randomSignal, sine } from './helpers.js';

/**
 * Textbook resampling, the slow way: insert up-1 zeros between samples (after extending the signal with
 * `pad` values on both sides), convolve with h * up, and keep every down-th sample starting at the filter
 * centre.
 */
function naiveResample(
  x: ArrayLike<number>,
  up: number,
  down: number,
  h: ArrayLike<number>,
  pad: [number, number] = [0, 0],
): Float64Array {
  const ext = Math.ceil(h.length / up) + 1; // enough padding samples for the filter to see
  const padded = [...new Array(ext).fill(pad[0]), ...Array.from(x), ...new Array(ext).fill(pad[1])];
  const upsampled = new Float64Array(padded.length * up);
  padded.forEach((v, i) => {
    upsampled[i * up] = v;
  });
  const full = new Float64Array(upsampled.length + h.length - 1);
  for (let i = 0; i < upsampled.length; i++)
    for (let k = 0; k < h.length; k++) full[i + k] += upsampled[i] * h[k] * up;
  const half = Math.floor((h.length - 1) / 2);
  const nOut = Math.ceil((x.length * up) / down);
  return Float64Array.from({ length: nOut }, (_, j) => full[ext * up + j * down + half]);
}

describe('resamplePoly', () => {
  it.each([
    [1, 2],
    [2, 1],
    [3, 2],
    [2, 3],
    [1, 5],
    [5, 1],
    [18, 25],
    [25, 18],
  ])('equals upsample-filter-downsample with scipy default taps (up %i, down %i)', (up, down) => {
    const x = randomSignal(97, up * 31 + down);
    const maxRate = Math.max(up, down);
    const h = kaiserLowpass(20 * maxRate + 1, 1 / maxRate, 5);
    const y = resamplePoly(x, up, down);
    expect(y.length).toBe(Math.ceil((97 * up) / down));
    expect(maxAbsDiff(y, naiveResample(x, up, down, h))).toBeLessThan(1e-12);
  });

  it('reduces up/down by their gcd, and copies when they are equal', () => {
    const x = randomSignal(50, 3);
    expect(maxAbsDiff(resamplePoly(x, 2, 4), resamplePoly(x, 1, 2))).toBe(0);
    const copy = resamplePoly(x, 3, 3);
    expect(copy).not.toBe(x);
    expect(Array.from(copy)).toEqual(Array.from(x));
  });

  it('uses custom taps multiplied by up: a single tap interleaves zeros', () => {
    expect(Array.from(resamplePoly([1, 2, 3], 2, 1, { taps: [1] }))).toEqual([2, 0, 4, 0, 6, 0]);
    // Two-tap average [0.5, 0.5] aligned on tap 0, down 2: y[j] = x[2j] * 0.5 + x[2j-1] * 0.5.
    expect(Array.from(resamplePoly([2, 4, 6, 8], 1, 2, { taps: [0.5, 0.5] }))).toEqual([1, 5]);
  });

  it('passes a low-frequency sine (500 -> 100 Hz) with small error away from the zero-padded ends', () => {
    const y = resamplePoly(sine(5000, 500, 5), 1, 5);
    const expected = sine(1000, 100, 5);
    expect(maxAbsDiff(y.subarray(20, 980), expected.subarray(20, 980))).toBeLessThan(2e-3);
  });

  it('zero-pads by default but keeps a constant exactly with padtype mean', () => {
    const constant = new Float64Array(40).fill(3);
    expect(resamplePoly(constant, 1, 2)[0]).toBeLessThan(2.5); // edge droops towards the zero padding
    expect(
      maxAbsDiff(resamplePoly(constant, 3, 2, { padtype: 'mean' }), new Float64Array(60).fill(3)),
    ).toBeLessThan(1e-12);
  });

  it('extends with the end samples (padtype edge) or a constant (cval) like scipy upfirdn', () => {
    const x = randomSignal(60, 11);
    const h = kaiserLowpass(61, 1 / 3, 5);
    expect(
      maxAbsDiff(resamplePoly(x, 2, 3, { padtype: 'edge' }), naiveResample(x, 2, 3, h, [x[0], x[59]])),
    ).toBeLessThan(1e-12);
    expect(
      maxAbsDiff(resamplePoly(x, 2, 3, { cval: 0.7 }), naiveResample(x, 2, 3, h, [0.7, 0.7])),
    ).toBeLessThan(1e-12);
  });

  it('rejects bad arguments', () => {
    expect(() => resamplePoly([1, 2, 3], 0, 2)).toThrowError(EcgRangeError);
    expect(() => resamplePoly([1, 2, 3], 1.5, 2)).toThrowError(/up must be an integer/);
    expect(() => resamplePoly([], 1, 2)).toThrowError(EcgRangeError);
    expect(() => resamplePoly([1, 2], 1, 2, { padtype: 'edge', cval: 1 })).toThrowError(/cval only applies/);
  });
});
