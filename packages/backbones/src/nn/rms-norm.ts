import * as tf from '@tensorflow/tfjs';
import { ones } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/**
 * T5's layer norm (root mean square, no mean subtraction, no bias): `x / sqrt(mean(x^2) + eps) * weight` over the
 * last axis. Weight `<scope>.weight`.
 */
export class RmsNorm {
  readonly weight: tf.Variable;

  constructor(
    scope: ParameterScope,
    size: number,
    private readonly eps = 1e-6,
  ) {
    this.weight = scope.weight('weight', [size], { init: ones });
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const meanSquare = tf.mean(tf.square(x), -1, true);
      return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, this.eps))), this.weight);
    });
  }
}
