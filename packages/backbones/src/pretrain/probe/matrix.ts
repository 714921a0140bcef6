/** A dense row-major float64 matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** `data[i * cols + j]` is row `i`, column `j`. */
  readonly data: Float64Array;
}

/** A matrix from rows of equal length. */
export function matrixFromRows(rows: readonly ArrayLike<number>[]): Matrix {
  const cols = rows.length > 0 ? rows[0].length : 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new RangeError(`matrixFromRows: row ${i} has ${row.length} values, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
  });
  return { rows: rows.length, cols, data };
}

/** The rows of `m` listed in `indices`, in that order. */
export function selectRows(m: Matrix, indices: readonly number[]): Matrix {
  const data = new Float64Array(indices.length * m.cols);
  indices.forEach((row, i) => {
    data.set(m.data.subarray(row * m.cols, (row + 1) * m.cols), i * m.cols);
  });
  return { rows: indices.length, cols: m.cols, data };
}

/** Column means and standard deviations (population; a constant column gets std 1). */
export interface ColumnScaling {
  mean: Float64Array;
  std: Float64Array;
}

/** Column statistics of `m`, to standardise features with the training rows' statistics. */
export function columnScaling(m: Matrix): ColumnScaling {
  const mean = new Float64Array(m.cols);
  const std = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
  for (let j = 0; j < m.cols; j++) mean[j] /= Math.max(1, m.rows);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) std[j] += (m.data[i * m.cols + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < m.cols; j++) {
    const s = Math.sqrt(std[j] / Math.max(1, m.rows));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** `(m - mean) / std` per column. */
export function applyScaling(m: Matrix, scaling: ColumnScaling): Matrix {
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      data[i * m.cols + j] = (m.data[i * m.cols + j] - scaling.mean[j]) / scaling.std[j];
    }
  }
  return { rows: m.rows, cols: m.cols, data };
}

/**
 * Solves `A X = B` for a symmetric positive definite `A` (`n x n`) by Cholesky factorisation; `B` is `n x k`.
 *
 * @throws RangeError when `A` is not positive definite (a pivot is not positive).
 */
export function choleskySolve(a: Matrix, b: Matrix): Matrix {
  const n = a.rows;
  if (a.cols !== n || b.rows !== n) {
    throw new RangeError(`choleskySolve: A is ${a.rows}x${a.cols}, B is ${b.rows}x${b.cols}`);
  }
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a.data[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0))
          throw new RangeError(`choleskySolve: A is not positive definite (pivot ${i}: ${sum})`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  const k = b.cols;
  const x = new Float64Array(b.data);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * k + c];
      for (let j = 0; j < i; j++) sum -= l[i * n + j] * x[j * k + c];
      x[i * k + c] = sum / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * k + c];
      for (let j = i + 1; j < n; j++) sum -= l[j * n + i] * x[j * k + c];
      x[i * k + c] = sum / l[i * n + i];
    }
  }
  return { rows: n, cols: k, data: x };
}
