import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../../nn/stop-gradient.js';

/**
 * RevIN normalisation as MOMENT applies it (no affine parameters, no mask): each series `[..., time]` minus its
 * mean, divided by its population standard deviation plus `eps` (added after the square root), with the
 * statistics detached from the gradient, as in the reference.
 */
export function revinNormalize(x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(stopGradient(x), -1, true);
    return tf.div(tf.sub(x, mean), tf.add(tf.sqrt(variance), eps));
  });
}
