import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { SeededRandom } from '../../src/simulate/random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('matches the reference mulberry32 sequence', () => {
    // First 32-bit outputs of Tommy Ettinger's mulberry32 for seed 1985, as other implementations test them.
    const random = new SeededRandom(1985);
    expect([random.next() * 2 ** 32, random.next() * 2 ** 32]).toEqual([3527837133, 3112574143]);
  });

  it('draws uniform and normal numbers with the right moments', () => {
    const random = new SeededRandom(7);
    const n = 200_000;
    const u = Array.from({ length: n }, () => random.uniform(2, 4));
    const z = Array.from({ length: n }, () => random.normal(1, 3));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const variance = (v: number[]) => {
      const m = mean(v);
      return mean(v.map((x) => (x - m) ** 2));
    };
    expect(u.every((x) => x >= 2 && x < 4)).toBe(true);
    expect(mean(u)).toBeCloseTo(3, 2);
    expect(variance(u)).toBeCloseTo(4 / 12, 2);
    expect(mean(z)).toBeCloseTo(1, 1);
    expect(Math.sqrt(variance(z))).toBeCloseTo(3, 1);
    const m = mean(z);
    const kurtosis = mean(z.map((x) => (x - m) ** 4)) / variance(z) ** 2;
    expect(kurtosis).toBeCloseTo(3, 1); // Gaussian
  });

  it('derives stream seeds from the seed and the label only', () => {
    const a = new SeededRandom(5);
    const seed = a.deriveSeed('noise');
    a.next();
    expect(a.deriveSeed('noise')).toBe(seed);
    expect(a.deriveSeed('beats')).not.toBe(seed);
    expect(new SeededRandom(6).deriveSeed('noise')).not.toBe(seed);
    expect(a.fork('noise').next()).toBe(new SeededRandom(seed).next());
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    for (const seed of [-1, 0.5, 2 ** 32, Number.NaN])
      expect(() => new SeededRandom(seed)).toThrowError(EcgRangeError);
  });
});
