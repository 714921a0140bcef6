/** Mean absolute error. */
export function meanAbsoluteError(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths('meanAbsoluteError', truth, predicted);
  let sum = 0;
  for (let i = 0; i < truth.length; i++) sum += Math.abs(truth[i] - predicted[i]);
  return sum / truth.length;
}

/** Coefficient of determination `1 - SS_res / SS_tot` (0: no better than the mean of the truth; can be < 0). */
export function rSquared(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths('rSquared', truth, predicted);
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i];
  mean /= truth.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    residual += (truth[i] - predicted[i]) ** 2;
    total += (truth[i] - mean) ** 2;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

/**
 * Area under the ROC curve of `scores` for binary `labels` (1 positive, 0 negative): the probability that a
 * random positive scores above a random negative, ties counting half (Mann-Whitney). NaN without both classes.
 */
export function auroc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkLengths('auroc', labels, scores);
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based; ties share their mean rank
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Macro one-vs-rest AUROC of class probabilities `[rows, classes]` (row-major) for labels `0..classes-1`;
 * classes absent from `labels` are left out of the mean.
 */
export function macroAuroc(labels: ArrayLike<number>, probabilities: Float64Array, classes: number): number {
  const values: number[] = [];
  for (let c = 0; c < classes; c++) {
    const binary = Array.from(labels, (label) => (label === c ? 1 : 0));
    const scores = Array.from({ length: labels.length }, (_, i) => probabilities[i * classes + c]);
    const value = auroc(binary, scores);
    if (!Number.isNaN(value)) values.push(value);
  }
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean over the classes present in `labels` of the recall of each (chance: 1 / classes). */
export function balancedAccuracy(labels: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkLengths('balancedAccuracy', labels, predicted);
  const hits = new Map<number, [correct: number, total: number]>();
  for (let i = 0; i < labels.length; i++) {
    const entry = hits.get(labels[i]) ?? [0, 0];
    entry[1]++;
    if (predicted[i] === labels[i]) entry[0]++;
    hits.set(labels[i], entry);
  }
  if (hits.size === 0) return Number.NaN;
  let sum = 0;
  for (const [correct, total] of hits.values()) sum += correct / total;
  return sum / hits.size;
}

/** Index of the largest probability of each row of `[rows, classes]`. */
export function argmaxRows(probabilities: Float64Array, classes: number): Int32Array {
  const rows = probabilities.length / classes;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[i * classes + c] > probabilities[i * classes + best]) best = c;
    }
    out[i] = best;
  }
  return out;
}

function checkLengths(name: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`${name}: ${a.length} labels but ${b.length} predictions`);
  if (a.length === 0) throw new RangeError(`${name}: no values`);
}
