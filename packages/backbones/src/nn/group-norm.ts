import * as tf from '@tensorflow/tfjs';
import { ones, zeros } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/**
 * `nn.GroupNorm` on channels-last input `[batch, time, channels]`: statistics per sample over the time axis and
 * the channels of each group (with `groups = channels`, each channel is normalised over time alone). Weights
 * `<scope>.weight` and `<scope>.bias` (per channel).
 */
export class GroupNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    scope: ParameterScope,
    private readonly groups: number,
    private readonly channels: number,
    private readonly eps = 1e-5,
  ) {
    this.weight = scope.weight('weight', [channels], { init: ones });
    this.bias = scope.weight('bias', [channels], { init: zeros });
  }

  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, time] = x.shape;
      const grouped = tf.reshape(x, [batch, time, this.groups, this.channels / this.groups]);
      const { mean, variance } = tf.moments(grouped, [1, 3], true);
      const normalized = tf.mul(tf.sub(grouped, mean), tf.rsqrt(tf.add(variance, this.eps)));
      const y = tf.reshape(normalized, [batch, time, this.channels]);
      return tf.add(tf.mul(y, this.weight), this.bias);
    });
  }
}
