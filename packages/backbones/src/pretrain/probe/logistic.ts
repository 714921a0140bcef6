import { applyScaling, type ColumnScaling, columnScaling, type Matrix } from './matrix.js';

/** A fitted multinomial logistic regression on standardised features. */
export interface LogisticModel {
  scaling: ColumnScaling;
  classes: number;
  /** `[features, classes]` row-major, on the standardised features. */
  weights: Float64Array;
  /** One intercept per class (not penalised). */
  intercepts: Float64Array;
  lambda: number;
  /** Iterations run and the final gradient norm (converged when it is below the tolerance). */
  iterations: number;
  gradientNorm: number;
}

/** Options of {@link fitLogistic}. */
export interface LogisticOptions {
  /** L2 penalty per sample on the weights (not the intercepts); > 0. Default 1e-2. */
  lambda?: number;
  /** Stop when the gradient's Euclidean norm falls below this. Default 1e-6. */
  tolerance?: number;
  /** Default 5000. */
  maxIterations?: number;
  /**
   * Per-row weights of the loss (default 1). `balancedClassWeights(labels, classes)` weighs each class equally,
   * so the most probable class is a balanced decision on imbalanced data.
   */
  sampleWeights?: ArrayLike<number>;
}

/**
 * Multinomial (softmax) logistic regression with an L2 penalty: minimises
 * `sum_i w_i (-log p(y_i | x_i)) / n + lambda / 2 |W|^2` (weights `w_i` default 1) over standardised features
 * by accelerated gradient descent (FISTA with adaptive restart, step `1 / L`,
 * `L = max(w) |[Z 1]|^2 / (2n) + lambda`). Two classes give ordinary logistic regression. Labels are class
 * indices `0..classes-1`.
 */
export function fitLogistic(
  x: Matrix,
  labels: ArrayLike<number>,
  classes: number,
  options: LogisticOptions = {},
): LogisticModel {
  const { lambda = 1e-2, tolerance = 1e-6, maxIterations = 5000, sampleWeights } = options;
  if (x.rows !== labels.length)
    throw new RangeError(`fitLogistic: ${x.rows} rows but ${labels.length} labels`);
  if (x.rows === 0) throw new RangeError('fitLogistic: no training rows');
  if (!(lambda > 0)) throw new RangeError(`fitLogistic: lambda must be > 0, got ${lambda}`);
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(`fitLogistic: classes must be an integer >= 2, got ${classes}`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`fitLogistic: label ${i} is ${label}, expected an integer in [0, ${classes})`);
    }
  }
  if (sampleWeights && sampleWeights.length !== x.rows) {
    throw new RangeError(`fitLogistic: ${x.rows} rows but ${sampleWeights.length} sample weights`);
  }
  const scaling = columnScaling(x);
  const z = applyScaling(x, scaling);
  const { rows: n, cols: d } = z;
  let maxWeight = 1;
  if (sampleWeights) for (let i = 0; i < n; i++) maxWeight = Math.max(maxWeight, sampleWeights[i]);
  const size = (d + 1) * classes; // weights then intercepts
  const step = 1 / ((maxWeight * largestEigenvalueWithIntercept(z)) / 2 + lambda);

  const objectiveAndGradient = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    const logits = new Float64Array(classes);
    for (let i = 0; i < n; i++) {
      const row = z.data.subarray(i * d, (i + 1) * d);
      for (let c = 0; c < classes; c++) logits[c] = theta[d * classes + c];
      for (let j = 0; j < d; j++) {
        const v = row[j];
        if (v === 0) continue;
        for (let c = 0; c < classes; c++) logits[c] += v * theta[j * classes + c];
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[c]);
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        logits[c] = Math.exp(logits[c] - max);
        sum += logits[c];
      }
      const label = labels[i];
      const weight = sampleWeights ? sampleWeights[i] : 1;
      loss -= weight * Math.log(logits[label] / sum);
      for (let c = 0; c < classes; c++) {
        const residual = (weight * (logits[c] / sum - (c === label ? 1 : 0))) / n;
        gradient[d * classes + c] += residual;
        for (let j = 0; j < d; j++) gradient[j * classes + c] += row[j] * residual;
      }
    }
    let penalty = 0;
    for (let k = 0; k < d * classes; k++) {
      penalty += theta[k] * theta[k];
      gradient[k] += lambda * theta[k];
    }
    return loss / n + (lambda / 2) * penalty;
  };

  // FISTA with adaptive restart (O'Donoghue and Candes 2015): one gradient per iteration, at the extrapolated
  // point; the momentum is reset whenever the step points against the last move.
  let theta = new Float64Array(size);
  let previous = new Float64Array(size);
  let momentum = 1;
  const gradient = new Float64Array(size);
  const lookahead = new Float64Array(size);
  let iterations = 0;
  let gradientNorm = Infinity;
  while (iterations < maxIterations) {
    const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
    const beta = (momentum - 1) / nextMomentum;
    for (let k = 0; k < size; k++) lookahead[k] = theta[k] + beta * (theta[k] - previous[k]);
    objectiveAndGradient(lookahead, gradient);
    gradientNorm = norm(gradient);
    if (gradientNorm < tolerance) {
      theta = lookahead.slice();
      break;
    }
    iterations++;
    const next = new Float64Array(size);
    let alignment = 0;
    for (let k = 0; k < size; k++) {
      next[k] = lookahead[k] - step * gradient[k];
      alignment += gradient[k] * (next[k] - theta[k]);
    }
    momentum = alignment > 0 ? 1 : nextMomentum;
    previous = theta;
    theta = next;
  }
  objectiveAndGradient(theta, gradient);
  gradientNorm = norm(gradient);
  return {
    scaling,
    classes,
    weights: theta.slice(0, d * classes),
    intercepts: theta.slice(d * classes),
    lambda,
    iterations,
    gradientNorm,
  };
}

/** Weights `n / (classes present * count of the row's class)`: each present class weighs the same in total. */
export function balancedClassWeights(labels: ArrayLike<number>, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  const present = counts.filter((count) => count > 0).length;
  return Float64Array.from(labels, (label) => labels.length / (present * counts[label]));
}

/** Class probabilities `[rows, classes]` (row-major) of a logistic model for the rows of `x`. */
export function predictLogistic(model: LogisticModel, x: Matrix): Float64Array {
  const z = applyScaling(x, model.scaling);
  const { classes } = model;
  const out = new Float64Array(z.rows * classes);
  for (let i = 0; i < z.rows; i++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let logit = model.intercepts[c];
      for (let j = 0; j < z.cols; j++) logit += z.data[i * z.cols + j] * model.weights[j * classes + c];
      out[i * classes + c] = logit;
      max = Math.max(max, logit);
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      out[i * classes + c] = Math.exp(out[i * classes + c] - max);
      sum += out[i * classes + c];
    }
    for (let c = 0; c < classes; c++) out[i * classes + c] /= sum;
  }
  return out;
}

function norm(v: Float64Array): number {
  let sum = 0;
  for (const value of v) sum += value * value;
  return Math.sqrt(sum);
}

/** Largest eigenvalue of `[Z 1]^T [Z 1] / n` by power iteration (an upper bound is all the step needs). */
function largestEigenvalueWithIntercept(z: Matrix): number {
  const { rows: n, cols: d } = z;
  let v = new Float64Array(d + 1).fill(1 / Math.sqrt(d + 1));
  let eigenvalue = 1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const w = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      const row = z.data.subarray(i * d, (i + 1) * d);
      let dot = v[d];
      for (let j = 0; j < d; j++) dot += row[j] * v[j];
      for (let j = 0; j < d; j++) w[j] += (row[j] * dot) / n;
      w[d] += dot / n;
    }
    const length = norm(w);
    if (length === 0) return 1;
    eigenvalue = length;
    v = w.map((value) => value / length);
  }
  // Power iteration approaches from below: a 10 % margin keeps the step safe.
  return eigenvalue * 1.1;
}
