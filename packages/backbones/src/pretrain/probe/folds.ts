/** Where an example lies on a common axis (seconds of a recording, or an index per patient). */
export interface ExampleSpan {
  start: number;
  end: number;
}

/** One fold of blocked cross-validation: a contiguous test block and the training rows that do not touch it. */
export interface BlockedFold {
  test: number[];
  train: number[];
}

/**
 * Blocked k-fold cross-validation: examples sorted by `start` are cut into `k` contiguous blocks of (nearly)
 * equal count; each block is tested once, trained on every example whose span does not intersect the block's
 * extent. Overlapping windows, or records sharing a span (the records of one patient), therefore never fall on
 * both sides of a split.
 */
export function blockedFolds(spans: readonly ExampleSpan[], k: number): BlockedFold[] {
  if (!Number.isInteger(k) || k < 2)
    throw new RangeError(`blockedFolds: k must be an integer >= 2, got ${k}`);
  if (spans.length < k) throw new RangeError(`blockedFolds: ${spans.length} examples cannot make ${k} folds`);
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || a - b);
  const folds: BlockedFold[] = [];
  for (let f = 0; f < k; f++) {
    const test = order.slice(Math.round((f * order.length) / k), Math.round(((f + 1) * order.length) / k));
    const extent = hull(spans, test);
    const inTest = new Set(test);
    const train = order.filter((i) => !inTest.has(i) && !intersects(spans[i], extent));
    folds.push({ test, train });
  }
  return folds;
}

/**
 * Splits `indices` into a training part and a validation block (the last `fraction` of them by `start`),
 * dropping training examples that intersect the validation block's extent.
 */
export function blockedHoldout(
  spans: readonly ExampleSpan[],
  indices: readonly number[],
  fraction: number,
): BlockedFold {
  const order = [...indices].sort((a, b) => spans[a].start - spans[b].start || a - b);
  const count = Math.max(1, Math.round(order.length * fraction));
  const test = order.slice(order.length - count);
  const extent = hull(spans, test);
  const train = order.slice(0, order.length - count).filter((i) => !intersects(spans[i], extent));
  return { test, train };
}

function hull(spans: readonly ExampleSpan[], indices: readonly number[]): ExampleSpan {
  let start = Infinity;
  let end = -Infinity;
  for (const i of indices) {
    start = Math.min(start, spans[i].start);
    end = Math.max(end, spans[i].end);
  }
  return { start, end };
}

/** Half-open spans `[start, end)` intersect. */
function intersects(a: ExampleSpan, b: ExampleSpan): boolean {
  return a.start < b.end && b.start < a.end;
}
