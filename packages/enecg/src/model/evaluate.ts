// Metrics of one task from the model's outputs and the known targets (examples with a null target are skipped).
import {
  accuracy,
  binaryAuroc,
  macroAuroc,
  macroPrecisionRecallF1,
  meanAbsoluteError,
  meanSquaredError,
} from '../eval/metrics.js';
import type { TaskSpec, TaskTarget } from '../tasks/task.js';
import type { TaskResults } from './outputs.js';
import type { TaskEvaluation } from './types.js';

/** The metrics of `task` over the examples whose target is known (`targets[i]` belongs to output row i). */
export function evaluateTask(
  task: TaskSpec,
  targets: readonly TaskTarget[],
  results: TaskResults,
): TaskEvaluation {
  const rows = targets.flatMap((target, i) => (target === null ? [] : [i]));
  const { size, mixture } = results;
  const output = (i: number) => Array.from(mixture.subarray(i * size, (i + 1) * size));
  const headlineMetric = task.kind === 'regression' ? 'mae' : 'auroc';
  if (rows.length === 0) {
    return {
      headline: { metric: headlineMetric, value: Number.NaN, higherIsBetter: headlineMetric === 'auroc' },
      metrics: {},
      count: 0,
    };
  }
  let metrics: Record<string, number>;
  if (task.kind === 'regression') {
    const truth = rows.map((i) => targets[i] as number);
    const predicted = rows.map((i) => mixture[i]);
    const mse = meanSquaredError(truth, predicted);
    metrics = { mae: meanAbsoluteError(truth, predicted), mse, rmse: Math.sqrt(mse) };
  } else if (task.kind === 'classification') {
    const truth = rows.map((i) => targets[i] as number);
    const probabilities = rows.map(output);
    const predicted = probabilities.map(argmax);
    const scores = macroPrecisionRecallF1(truth, predicted, task.classes.length);
    const auroc =
      task.classes.length === 2
        ? binaryAuroc(
            truth,
            probabilities.map((p) => p[1]),
          )
        : macroAuroc(truth, probabilities).value;
    metrics = { accuracy: accuracy(truth, predicted), ...scores, auroc };
  } else {
    const truth = rows.map((i) => targets[i] as number[]);
    const probabilities = rows.map(output);
    metrics = {
      auroc: macroAuroc(truth, probabilities).value,
      f1: multilabelMacroF1(
        truth,
        probabilities.map((p) => p.map((v) => (v >= 0.5 ? 1 : 0))),
      ),
    };
  }
  return {
    headline: {
      metric: headlineMetric,
      value: metrics[headlineMetric],
      higherIsBetter: headlineMetric === 'auroc',
    },
    metrics,
    count: rows.length,
  };
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Macro F1 over labels of 0/1 predictions (scikit-learn's `f1_score(average='macro')` on multi-label indicator
 * arrays with `zero_division=0`): the F1 of each label's positive class, averaged over every label.
 */
export function multilabelMacroF1(truth: number[][], predicted: number[][]): number {
  const labels = truth[0]?.length ?? 0;
  let sum = 0;
  for (let l = 0; l < labels; l++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    truth.forEach((row, i) => {
      if (predicted[i][l] === 1 && row[l] === 1) tp++;
      else if (predicted[i][l] === 1) fp++;
      else if (row[l] === 1) fn++;
    });
    sum += tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return labels > 0 ? sum / labels : Number.NaN;
}
