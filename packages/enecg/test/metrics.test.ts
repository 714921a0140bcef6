import { describe, expect, it } from 'vitest';
import {
  accuracy,
  binaryAuroc,
  macroAuroc,
  macroPrecisionRecallF1,
  meanAbsoluteError,
  meanAndStd,
  meanSquaredError,
  rootMeanSquaredError,
} from '../src/eval/metrics.js';

describe('regression metrics', () => {
  it('match hand-computed values', () => {
    const truth = [1, 2, 3, 4];
    const predicted = [1.5, 1, 3, 6];
    // errors: 0.5, -1, 0, 2 -> |e| mean = 3.5/4; e^2 mean = (0.25 + 1 + 0 + 4)/4 = 1.3125
    expect(meanAbsoluteError(truth, predicted)).toBeCloseTo(0.875, 12);
    expect(meanSquaredError(truth, predicted)).toBeCloseTo(1.3125, 12);
    expect(rootMeanSquaredError(truth, predicted)).toBeCloseTo(Math.sqrt(1.3125), 12);
  });

  it('reject mismatched lengths', () => {
    expect(() => meanAbsoluteError([1, 2], [1])).toThrowError(/2 labels vs 1 predictions/);
  });
});

describe('classification metrics', () => {
  it('accuracy and macro precision/recall/F1 match a hand-computed confusion matrix', () => {
    const truth = [0, 0, 0, 1, 1, 2];
    const predicted = [0, 0, 1, 1, 2, 2];
    expect(accuracy(truth, predicted)).toBeCloseTo(4 / 6, 12);
    // class 0: tp 2 fp 0 fn 1 -> p 1, r 2/3, f1 0.8
    // class 1: tp 1 fp 1 fn 1 -> p 0.5, r 0.5, f1 0.5
    // class 2: tp 1 fp 1 fn 0 -> p 0.5, r 1, f1 2/3
    const scores = macroPrecisionRecallF1(truth, predicted, 3);
    expect(scores.precision).toBeCloseTo((1 + 0.5 + 0.5) / 3, 12);
    expect(scores.recall).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 12);
    expect(scores.f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('binary AUROC counts concordant pairs and halves ties', () => {
    // positives scores 0.8, 0.4; negatives 0.4, 0.1, 0.7.
    // pairs (pos > neg): 0.8 beats all 3; 0.4 ties 0.4 (0.5), beats 0.1 (1), loses 0.7 -> (3 + 1.5)/6 = 0.75
    expect(binaryAuroc([1, 1, 0, 0, 0], [0.8, 0.4, 0.4, 0.1, 0.7])).toBeCloseTo(0.75, 12);
    expect(binaryAuroc([1, 0], [0.9, 0.1])).toBe(1);
    expect(binaryAuroc([1, 0], [0.1, 0.9])).toBe(0);
    expect(binaryAuroc([1, 1], [0.1, 0.9])).toBeNaN();
  });

  it('macro AUROC: one-vs-rest for classes and per label for multi-label, skipping undefined columns', () => {
    const probabilities = [
      [0.7, 0.2, 0.1],
      [0.2, 0.5, 0.3],
      [0.3, 0.3, 0.4],
      [0.5, 0.4, 0.1],
    ];
    // class 0 positives {0, 3} scores .7 .5 vs negatives .2 .3 -> 1
    // class 1 positive {1} score .5 vs .2 .3 .4 -> 1; class 2 positive {2} .4 vs .1 .3 .1 -> 1
    expect(macroAuroc([0, 1, 2, 0], probabilities).value).toBe(1);
    // labels [1, 0, 0, 1]: class 0 positives {1, 2}: .2 .3 vs .7 .5 -> 0;
    // class 1 positives {0, 3}: .2 .4 vs .5 .3 -> only .4 > .3 of 4 pairs -> 0.25; class 2 absent -> skipped
    const partial = macroAuroc([1, 0, 0, 1], probabilities);
    expect(partial.columnsUsed).toEqual([0, 1]);
    expect(partial.value).toBeCloseTo(0.125, 12);
    const multiLabel = macroAuroc(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 1, 1],
        [1, 0, 0],
      ],
      probabilities,
    );
    // label 0: 1; label 1: positives .5 .3 vs .2 .4: .5>.2 .5>.4 .3>.2 .3<.4 -> 3/4
    // label 2: positive {2} .4 vs .1 .3 .1 -> 1
    expect(multiLabel.value).toBeCloseTo((1 + 0.75 + 1) / 3, 12);
  });

  it('mean and sample std over folds', () => {
    const { mean, std } = meanAndStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(meanAndStd([7])).toEqual({ mean: 7, std: 0 });
  });
});
