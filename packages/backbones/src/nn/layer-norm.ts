import * as tf from '@tensorflow/tfjs';
import { ones, zeros } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/**
 * `nn.LayerNorm` over the last axis: `(x - mean) / sqrt(var + eps) * weight + bias` (biased variance).
 * Weights `<scope>.weight` (gamma) and `<scope>.bias` (beta).
 */
export class LayerNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    scope: ParameterScope,
    size: number,
    private readonly eps = 1e-5,
  ) {
    this.weight = scope.weight('weight', [size], { init: ones });
    this.bias = scope.weight('bias', [size], { init: zeros });
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, -1, true);
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps)));
      return tf.add(tf.mul(normalized, this.weight), this.bias);
    });
  }
}
