import * as tf from '@tensorflow/tfjs';

/**
 * A 0/1 mask [rows, n] with a 1 at the `k` largest entries of each row of `scores` [rows, n] (ties go to the
 * lower index, as `tf.topk` breaks them); all zeros for k = 0.
 *
 * The mask is a routing decision and a constant for backpropagation: it is computed inside `tf.customGrad`
 * with a zero gradient, which also keeps `tf.topk` (it has no gradient in TensorFlow.js) off the tape.
 */
export function topKMask(scores: tf.Tensor2D, k: number): tf.Tensor2D {
  const mask = tf.customGrad((input) => {
    const values = input as tf.Tensor2D;
    const value =
      k === 0 ? tf.zerosLike(values) : tf.sum(tf.oneHot(tf.topk(values, k).indices, values.shape[1]), 1);
    return { value, gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  });
  return mask(scores) as tf.Tensor2D;
}
