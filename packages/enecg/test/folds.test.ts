import { describe, expect, it } from 'vitest';
import { ptbXlRecommendedSplit, subjectKFold } from '../src/eval/folds.js';

describe('subjectKFold', () => {
  // 40 examples from 13 subjects with 1-6 records each.
  const subjects = Array.from({ length: 40 }, (_, i) => `p${(i * 7) % 13}`);
  const folds = subjectKFold(subjects, { folds: 5, seed: 42 });

  it('tests every example exactly once and never shares a subject between train, validation and test', () => {
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 40 }, (_, i) => i));
    for (const fold of folds) {
      const subjectsOf = (idx: number[]) => new Set(idx.map((i) => subjects[i]));
      const train = subjectsOf(fold.train);
      const validation = subjectsOf(fold.validation);
      for (const s of subjectsOf(fold.test)) {
        expect(train.has(s)).toBe(false);
        expect(validation.has(s)).toBe(false);
      }
      for (const s of validation) expect(train.has(s)).toBe(false);
      expect(fold.train.length + fold.validation.length + fold.test.length).toBe(40);
    }
  });

  it('balances fold sizes within the largest subject size and holds out validation subjects', () => {
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(4);
    expect(folds.every((f) => f.validation.length > 0)).toBe(true);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    expect(subjectKFold(subjects, { folds: 5, seed: 42 })).toEqual(folds);
    expect(subjectKFold(subjects, { folds: 5, seed: 7 })).not.toEqual(folds);
  });

  it('rejects impossible requests', () => {
    expect(() => subjectKFold(['a', 'a', 'b'], { folds: 3, seed: 1 })).toThrowError(
      /3 folds need at least 3 subjects, found 2/,
    );
    expect(() => subjectKFold(subjects, { folds: 1, seed: 1 })).toThrowError(/folds must be an integer >= 2/);
  });
});

describe('ptbXlRecommendedSplit', () => {
  it('trains on folds 1-8, validates on 9, tests on 10', () => {
    expect(ptbXlRecommendedSplit([1, 9, 10, 8, 3, 10])).toEqual({
      train: [0, 3, 4],
      validation: [1],
      test: [2, 5],
    });
    expect(() => ptbXlRecommendedSplit([0])).toThrowError(/strat_fold must be 1-10/);
  });
});
