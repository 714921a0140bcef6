import { describe, expect, it } from 'vitest';
import { findPeaks } from '../../src/preprocess/find-peaks.js';

describe('findPeaks', () => {
  it('finds strict local maxima (left edge of a plateau) and ignores the end samples', () => {
    expect(Array.from(findPeaks([5, 1, 3, 1, 2, 2, 1, 4], 1))).toEqual([2, 4]);
  });

  it('keeps the higher of two peaks closer than the distance, the earlier on ties', () => {
    const x = [0, 3, 0, 5, 0, 0, 0, 4, 0, 4, 0];
    expect(Array.from(findPeaks(x, 3))).toEqual([3, 7]);
    expect(Array.from(findPeaks(x, 2))).toEqual([1, 3, 7, 9]);
  });

  it('lets a suppressed peak no longer suppress others (scipy priority order)', () => {
    // 1 (h=2) is removed by 3 (h=5); 5 (h=3) is 2 from 3 -> removed; 7 (h=1) is 4 from 3 -> kept.
    expect(Array.from(findPeaks([0, 2, 0, 5, 0, 3, 0, 1, 0], 3))).toEqual([3, 7]);
  });
});
