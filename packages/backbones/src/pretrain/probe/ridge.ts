import { applyScaling, type ColumnScaling, choleskySolve, columnScaling, type Matrix } from './matrix.js';

/** A fitted ridge regression on standardised features. */
export interface RidgeModel {
  /** Feature scaling learnt from the training rows (applied before the weights). */
  scaling: ColumnScaling;
  /** Weights on the standardised features. */
  weights: Float64Array;
  intercept: number;
  lambda: number;
}

/**
 * Ridge regression in closed form: features standardised with the training rows' statistics, then
 * `w = (Z^T Z + lambda n I)^-1 Z^T (y - mean(y))`, intercept `mean(y)` (not penalised). `lambda` is per sample,
 * so its scale does not depend on the number of rows.
 */
export function fitRidge(x: Matrix, y: ArrayLike<number>, lambda: number): RidgeModel {
  if (x.rows !== y.length) throw new RangeError(`fitRidge: ${x.rows} rows but ${y.length} targets`);
  if (x.rows === 0) throw new RangeError('fitRidge: no training rows');
  if (!(lambda >= 0)) throw new RangeError(`fitRidge: lambda must be >= 0, got ${lambda}`);
  const scaling = columnScaling(x);
  const z = applyScaling(x, scaling);
  const { rows: n, cols: d } = z;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i];
  yMean /= n;
  const gram = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = z.data.subarray(i * d, (i + 1) * d);
    const target = y[i] - yMean;
    for (let a = 0; a < d; a++) {
      const va = row[a];
      if (va === 0) continue;
      rhs[a] += va * target;
      for (let b = 0; b <= a; b++) gram[a * d + b] += va * row[b];
    }
  }
  // A tiny ridge on top keeps lambda = 0 solvable when the features are collinear.
  const jitter = 1e-10 * n;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) gram[b * d + a] = gram[a * d + b];
    gram[a * d + a] += lambda * n + jitter;
  }
  const solution = choleskySolve({ rows: d, cols: d, data: gram }, { rows: d, cols: 1, data: rhs });
  return { scaling, weights: solution.data, intercept: yMean, lambda };
}

/** Predictions of a ridge model for the rows of `x`. */
export function predictRidge(model: RidgeModel, x: Matrix): Float64Array {
  const z = applyScaling(x, model.scaling);
  const out = new Float64Array(z.rows);
  for (let i = 0; i < z.rows; i++) {
    let sum = model.intercept;
    for (let j = 0; j < z.cols; j++) sum += z.data[i * z.cols + j] * model.weights[j];
    out[i] = sum;
  }
  return out;
}
