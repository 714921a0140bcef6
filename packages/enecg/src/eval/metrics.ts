// Evaluation metrics. Plain arrays in, numbers out; no tensors, so they are exact and cheap to test.

/** Mean absolute error. */
export function meanAbsoluteError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength(truth, predicted);
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += Math.abs(truth[i] - predicted[i]);
  return sum / truth.length;
}

/** Mean squared error. */
export function meanSquaredError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength(truth, predicted);
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += (truth[i] - predicted[i]) ** 2;
  return sum / truth.length;
}

/** Root mean squared error. */
export function rootMeanSquaredError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(truth, predicted));
}

/** Fraction of examples whose predicted class equals the true class. */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength(truth, predicted);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / truth.length;
}

/** Macro-averaged precision, recall and F1 over the classes 0..classCount-1. */
export interface MacroScores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Macro precision, recall and F1 from class indices. A class that is never predicted has precision 0, one that
 * never occurs has recall 0 (scikit-learn's `zero_division=0`); every class in 0..classCount-1 is averaged.
 */
export function macroPrecisionRecallF1(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): MacroScores {
  checkSameLength(truth, predicted);
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (let c = 0; c < classCount; c++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === c && truth[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (truth[i] === c) fn++;
    }
    const p = tp + fp > 0 ? tp / (tp + fp) : 0;
    const r = tp + fn > 0 ? tp / (tp + fn) : 0;
    precision += p;
    recall += r;
    f1 += p + r > 0 ? (2 * p * r) / (p + r) : 0;
  }
  return { precision: precision / classCount, recall: recall / classCount, f1: f1 / classCount };
}

/**
 * Area under the ROC curve for binary labels (1 = positive) and scores, via the Mann-Whitney U statistic with
 * average ranks for ties. Returns NaN when only one class is present (the AUROC is undefined).
 */
export function binaryAuroc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength(labels, scores);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const ranks = new Float64Array(scores.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = averageRank;
    start = end + 1;
  }
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Macro AUROC over columns: one-vs-rest for multi-class (labels are class indices, `probabilities[i]` the
 * per-class scores) or per label for multi-label (`labels[i][c]` in {0, 1}). Columns where the AUROC is
 * undefined (only one class present) are left out of the average, as scikit-learn would fail on them; the
 * result says which were used.
 */
export function macroAuroc(
  labels: ArrayLike<number>[] | ArrayLike<number>,
  probabilities: ArrayLike<number>[],
): { value: number; columnsUsed: number[] } {
  const columnCount = probabilities[0]?.length ?? 0;
  const columnsUsed: number[] = [];
  let sum = 0;
  for (let c = 0; c < columnCount; c++) {
    const columnLabels = probabilities.map((_, i) => {
      const row = (labels as ArrayLike<number>[])[i];
      return typeof row === 'number' ? (row === c ? 1 : 0) : row[c];
    });
    const auc = binaryAuroc(
      columnLabels,
      probabilities.map((p) => p[c]),
    );
    if (!Number.isNaN(auc)) {
      columnsUsed.push(c);
      sum += auc;
    }
  }
  return { value: columnsUsed.length > 0 ? sum / columnsUsed.length : Number.NaN, columnsUsed };
}

/** Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value). */
export function meanAndStd(values: number[]): { mean: number; std: number } {
  if (values.length === 0) throw new RangeError('meanAndStd needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length)
    throw new RangeError(`length mismatch: ${a.length} labels vs ${b.length} predictions`);
  if (a.length === 0) throw new RangeError('metrics need at least one example');
}
