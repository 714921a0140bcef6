import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { medianFilter } from '../../src/preprocess/median-filter.js';
import { randomSignal } from './helpers.js';

/** Sorts each (edge-truncated) window from scratch. */
function naiveMedian(x: ArrayLike<number>, width: number): number[] {
  const half = (width - 1) / 2;
  return Array.from({ length: x.length }, (_, i) => {
    const w = Array.from(x)
      .slice(Math.max(0, i - half), i + half + 1)
      .sort((a, b) => a - b);
    const m = w.length >> 1;
    return w.length % 2 ? w[m] : (w[m - 1] + w[m]) / 2;
  });
}

describe('medianFilter', () => {
  it('computes a small case by hand, truncating the window at the ends', () => {
    expect(Array.from(medianFilter([1, 5, 2, 8, 3], 3))).toEqual([3, 2, 5, 3, 5.5]);
  });

  it.each([1, 3, 5, 21, 73])('equals a sort-every-window median for width %i', (width) => {
    const x = randomSignal(300, width).map((v) => Math.round(v * 10) + 0); // many ties; "+ 0" turns -0 into 0
    expect(Array.from(medianFilter(x, width))).toEqual(naiveMedian(x, width));
  });

  it('handles windows wider than the signal', () => {
    expect(Array.from(medianFilter([4, 1, 3], 9))).toEqual([3, 3, 3]);
  });

  it('rejects even widths and non-finite samples', () => {
    expect(() => medianFilter([1, 2, 3], 4)).toThrowError(/must be odd/);
    expect(() => medianFilter([1, Number.NaN, 3], 3)).toThrowError(EcgRangeError);
  });
});
