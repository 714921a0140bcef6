import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { heartRate, rrIntervals } from '../../src/preprocess/heart-rate.js';

describe('rrIntervals', () => {
  it('converts sample differences to milliseconds', () => {
    expect(Array.from(rrIntervals([0, 360, 630, 1080], 360))).toEqual([1000, 750, 1250]);
    expect(rrIntervals([5], 360).length).toBe(0);
  });
});

describe('heartRate', () => {
  it('gives 60000 / mean RR and 60000 / median RR', () => {
    // RR = 1000, 750, 1250 ms: mean 1000 -> 60 bpm; median 1000 -> 60 bpm
    expect(heartRate([0, 360, 630, 1080], 360)).toEqual({ meanBpm: 60, medianBpm: 60, intervals: 3 });
    // RR = 500, 500, 500, 1500 ms (a missed beat): mean 750 ms -> 80 bpm, median 500 ms -> 120 bpm
    const hr = heartRate([0, 125, 250, 375, 750], 250);
    expect(hr.meanBpm).toBeCloseTo(80, 12);
    expect(hr.medianBpm).toBeCloseTo(120, 12);
  });

  it('needs two increasing peaks', () => {
    expect(() => heartRate([10], 250)).toThrowError(/at least two R peaks/);
    expect(() => heartRate([10, 10], 250)).toThrowError(EcgRangeError);
  });
});
