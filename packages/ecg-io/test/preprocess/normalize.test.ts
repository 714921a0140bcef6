import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { applyMinMax, applyZScore, clip, minMaxScale, zScore } from '../../src/preprocess/normalize.js';
import { maxAbsDiff } from './helpers.js';

const leads = [
  [1, 2, 3, 4],
  [10, 10, 10, 10],
];

describe('zScore', () => {
  it('per lead: mean and population std of each lead; a constant lead maps to 0', () => {
    const { leads: out, stats } = zScore(leads, 'perLead');
    // lead 0: mean 2.5, std sqrt(1.25)
    expect(stats).toEqual({ scope: 'perLead', mean: [2.5, 10], std: [Math.sqrt(1.25), 1] });
    const s = Math.sqrt(1.25);
    expect(maxAbsDiff(out[0], [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s])).toBeLessThan(1e-15);
    expect(Array.from(out[1])).toEqual([0, 0, 0, 0]);
  });

  it('global (default, as in EnECG): one mean and std over all samples of all leads', () => {
    const { leads: out, stats } = zScore(leads);
    // values 1,2,3,4,10,10,10,10: mean 6.25, variance (5.25^2+4.25^2+3.25^2+2.25^2+4*3.75^2)/8
    const variance = (5.25 ** 2 + 4.25 ** 2 + 3.25 ** 2 + 2.25 ** 2 + 4 * 3.75 ** 2) / 8;
    expect(stats.scope).toBe('global');
    expect(stats.mean).toEqual([6.25]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(variance), 14);
    expect(out[1][0]).toBeCloseTo(3.75 / Math.sqrt(variance), 14);
  });

  it('ignores NaN padding in the statistics and keeps it', () => {
    const { leads: out, stats } = zScore(
      [
        [1, 3],
        [Number.NaN, Number.NaN],
      ],
      'perLead',
    );
    expect(stats.mean).toEqual([2, 0]);
    expect(stats.std).toEqual([1, 1]);
    expect(Array.from(out[0])).toEqual([-1, 1]);
    expect(out[1].every(Number.isNaN)).toBe(true);
  });

  it('re-applies stored statistics to new data', () => {
    const { stats } = zScore(leads, 'perLead');
    expect(Array.from(applyZScore([[2.5], [12]], stats)[1])).toEqual([2]);
    expect(() => applyZScore([[1]], stats)).toThrowError(/statistics hold 2 leads but 1/);
    const global = zScore(leads).stats;
    expect(applyZScore([[6.25], [6.25], [6.25]], global).map((l) => l[0])).toEqual([0, 0, 0]);
  });
});

describe('minMaxScale', () => {
  it('maps each lead to [0, 1] (per lead) and records min/max', () => {
    const { leads: out, stats } = minMaxScale(leads, 'perLead');
    expect(stats).toEqual({ scope: 'perLead', min: [1, 10], max: [4, 10], range: [0, 1] });
    expect(maxAbsDiff(out[0], [0, 1 / 3, 2 / 3, 1])).toBeLessThan(1e-15);
    expect(Array.from(out[1])).toEqual([0, 0, 0, 0]);
  });

  it('maps all leads together to a custom range (global)', () => {
    const { leads: out, stats } = minMaxScale(leads, 'global', [-1, 1]);
    expect(stats.min).toEqual([1]);
    expect(stats.max).toEqual([10]);
    expect(maxAbsDiff(out[0], [-1, -1 + 2 / 9, -1 + 4 / 9, -1 + 6 / 9])).toBeLessThan(1e-15);
    expect(Array.from(out[1])).toEqual([1, 1, 1, 1]);
    expect(Array.from(applyMinMax([[5.5]], stats)[0])).toEqual([0]);
  });

  it('rejects an empty range or no leads', () => {
    expect(() => minMaxScale(leads, 'global', [1, 1])).toThrowError(EcgRangeError);
    expect(() => minMaxScale([], 'global')).toThrowError(/at least one lead/);
  });
});

describe('clip', () => {
  it('limits samples, counts the changes and returns the bounds', () => {
    const result = clip(
      [
        [-3, 0, 3],
        [1, Number.NaN, 9],
      ],
      -2,
      2,
    );
    expect(result.leads.map((l) => Array.from(l))).toEqual([
      [-2, 0, 2],
      [1, Number.NaN, 2],
    ]);
    expect(result.clippedCount).toBe(3);
    expect(result.bounds).toEqual({ min: -2, max: 2 });
    expect(() => clip([[1]], 2, 1)).toThrowError(EcgRangeError);
  });
});
