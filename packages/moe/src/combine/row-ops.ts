import * as tf from '@tensorflow/tfjs';

// TensorFlow.js differentiates tf.gather with unsortedSegmentSum, which on the CPU backend loops over every
// row of the source (time ∝ rows × gathered rows × row size): far slower than the experts themselves. These
// two ops pair a gather with a scatter-add (tf.scatterND, which sums repeated indices) so that each one's
// gradient is the other, both linear in the number of rows moved.

/** Rows `indices` of `x` (along axis 0), like `tf.gather(x, indices)`, with a linear-time gradient. */
export function gatherRows<T extends tf.Tensor>(x: T, indices: readonly number[]): T {
  const gather = tf.customGrad((input) => {
    const source = input as tf.Tensor;
    return {
      value: tf.gather(source, [...indices]),
      gradFunc: (dy: tf.Tensor) => scatterAdd(dy, indices, source.shape[0]),
    };
  });
  return gather(x) as T;
}

/**
 * Sums the rows of `rows` into `targetCount` rows: row r is added to row `targets[r]` of the result (rows
 * with no source stay zero). The inverse of {@link gatherRows}, with a linear-time gradient.
 */
export function scatterAddRows<T extends tf.Tensor>(
  rows: T,
  targets: readonly number[],
  targetCount: number,
): T {
  const scatter = tf.customGrad((input) => ({
    value: scatterAdd(input as tf.Tensor, targets, targetCount),
    gradFunc: (dy: tf.Tensor) => tf.gather(dy, [...targets]),
  }));
  return scatter(rows) as T;
}

function scatterAdd(rows: tf.Tensor, targets: readonly number[], targetCount: number): tf.Tensor {
  const indices = tf.tensor2d([...targets], [targets.length, 1], 'int32');
  return tf.scatterND(indices, rows, [targetCount, ...rows.shape.slice(1)]);
}
