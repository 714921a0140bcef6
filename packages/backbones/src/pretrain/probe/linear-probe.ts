import { blockedFolds, blockedHoldout, type ExampleSpan } from './folds.js';
import { balancedClassWeights, fitLogistic, predictLogistic } from './logistic.js';
import { type Matrix, selectRows } from './matrix.js';
import { argmaxRows, auroc, balancedAccuracy, macroAuroc, meanAbsoluteError, rSquared } from './metrics.js';
import { fitRidge, predictRidge } from './ridge.js';

/** Options shared by the cross-validated probes. */
export interface ProbeOptions {
  /** Blocked folds (default 5). */
  folds?: number;
  /** Penalties tried on an inner validation block of each training fold (per sample). */
  lambdas?: readonly number[];
  /** Share of each training fold held out to choose lambda (default 0.25). */
  validationFraction?: number;
}

/** Out-of-fold results of a ridge probe. */
export interface RegressionProbeResult {
  mae: number;
  r2: number;
  /** Out-of-fold prediction of every example. */
  predictions: Float64Array;
  /** Lambda chosen in each fold. */
  lambdas: number[];
  count: number;
}

/** Out-of-fold results of a logistic probe. */
export interface ClassificationProbeResult {
  /** AUROC of class 1 for two classes, else macro one-vs-rest AUROC. */
  auroc: number;
  /** Balanced accuracy of the most probable class (classes weighed equally in training). */
  balancedAccuracy: number;
  /** Out-of-fold probabilities `[examples, classes]`. */
  probabilities: Float64Array;
  lambdas: number[];
  count: number;
  classes: number;
}

export const DEFAULT_RIDGE_LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10] as const;
export const DEFAULT_LOGISTIC_LAMBDAS = [1e-3, 1e-2, 1e-1, 1] as const;
/** Iterations of each logistic fit in the probes (an early stop that keeps the probes fast). */
const LOGISTIC_ITERATIONS = 500;

/**
 * Linear probe for a continuous target: blocked cross-validation (see `blockedFolds`); in each fold, ridge
 * regression with the lambda that gives the smallest squared error on an inner validation block, refitted on
 * the whole training fold. Reports MAE and R^2 of the pooled out-of-fold predictions.
 */
export function probeRegression(
  features: Matrix,
  targets: ArrayLike<number>,
  spans: readonly ExampleSpan[],
  options: ProbeOptions = {},
): RegressionProbeResult {
  const { folds = 5, lambdas = DEFAULT_RIDGE_LAMBDAS, validationFraction = 0.25 } = options;
  checkInputs('probeRegression', features, targets, spans);
  const predictions = new Float64Array(features.rows);
  const chosen: number[] = [];
  for (const fold of blockedFolds(spans, folds)) {
    const inner = blockedHoldout(spans, fold.train, validationFraction);
    let best = lambdas[0];
    let bestError = Infinity;
    for (const lambda of lambdas) {
      const model = fitRidge(selectRows(features, inner.train), pick(targets, inner.train), lambda);
      const predicted = predictRidge(model, selectRows(features, inner.test));
      const error = inner.test.reduce((sum, row, i) => sum + (predicted[i] - targets[row]) ** 2, 0);
      if (error < bestError) {
        bestError = error;
        best = lambda;
      }
    }
    chosen.push(best);
    const model = fitRidge(selectRows(features, fold.train), pick(targets, fold.train), best);
    const predicted = predictRidge(model, selectRows(features, fold.test));
    fold.test.forEach((row, i) => {
      predictions[row] = predicted[i];
    });
  }
  return {
    mae: meanAbsoluteError(targets, predictions),
    r2: rSquared(targets, predictions),
    predictions,
    lambdas: chosen,
    count: features.rows,
  };
}

/**
 * Linear probe for class labels `0..classes-1`: blocked cross-validation with class-balanced multinomial logistic
 * regression (at most 500 iterations per fit); lambda minimises the class-balanced log loss on an inner validation block. Reports AUROC (macro
 * one-vs-rest beyond two classes) and balanced accuracy of the pooled out-of-fold predictions.
 */
export function probeClassification(
  features: Matrix,
  labels: ArrayLike<number>,
  classes: number,
  spans: readonly ExampleSpan[],
  options: ProbeOptions = {},
): ClassificationProbeResult {
  const { folds = 5, lambdas = DEFAULT_LOGISTIC_LAMBDAS, validationFraction = 0.25 } = options;
  checkInputs('probeClassification', features, labels, spans);
  const probabilities = new Float64Array(features.rows * classes);
  const chosen: number[] = [];
  const fit = (rows: number[], lambda: number) => {
    const y = pick(labels, rows);
    return fitLogistic(selectRows(features, rows), y, classes, {
      lambda,
      maxIterations: LOGISTIC_ITERATIONS,
      tolerance: 1e-4,
      sampleWeights: balancedClassWeights(y, classes),
    });
  };
  for (const fold of blockedFolds(spans, folds)) {
    const inner = blockedHoldout(spans, fold.train, validationFraction);
    let best = lambdas[0];
    let bestLoss = Infinity;
    for (const lambda of lambdas) {
      const predicted = predictLogistic(fit(inner.train, lambda), selectRows(features, inner.test));
      const loss = balancedLogLoss(pick(labels, inner.test), predicted, classes);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = lambda;
      }
    }
    chosen.push(best);
    const predicted = predictLogistic(fit(fold.train, best), selectRows(features, fold.test));
    fold.test.forEach((row, i) => {
      probabilities.set(predicted.subarray(i * classes, (i + 1) * classes), row * classes);
    });
  }
  const area =
    classes === 2
      ? auroc(
          labels,
          Array.from({ length: features.rows }, (_, i) => probabilities[i * 2 + 1]),
        )
      : macroAuroc(labels, probabilities, classes);
  return {
    auroc: area,
    balancedAccuracy: balancedAccuracy(labels, argmaxRows(probabilities, classes)),
    probabilities,
    lambdas: chosen,
    count: features.rows,
    classes,
  };
}

/** Mean over present classes of the mean negative log-probability of that class's examples. */
function balancedLogLoss(labels: number[], probabilities: Float64Array, classes: number): number {
  const sums = new Float64Array(classes);
  const counts = new Float64Array(classes);
  labels.forEach((label, i) => {
    sums[label] -= Math.log(Math.max(1e-12, probabilities[i * classes + label]));
    counts[label]++;
  });
  let total = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    if (counts[c] === 0) continue;
    total += sums[c] / counts[c];
    present++;
  }
  return total / present;
}

function pick(values: ArrayLike<number>, rows: readonly number[]): number[] {
  return rows.map((row) => values[row]);
}

function checkInputs(
  name: string,
  features: Matrix,
  values: ArrayLike<number>,
  spans: readonly ExampleSpan[],
) {
  if (features.rows !== values.length || features.rows !== spans.length) {
    throw new RangeError(
      `${name}: ${features.rows} feature rows, ${values.length} targets and ${spans.length} spans must match`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}: target ${i} is ${values[i]}`);
  }
}
