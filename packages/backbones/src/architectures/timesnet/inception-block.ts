import * as tf from '@tensorflow/tfjs';
import { kaimingNormal, zeros } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';

/**
 * TimesNet's Inception_Block_V1: `numKernels` 2-D convolutions with square kernels 1, 3, ..., 2K-1 ('same'
 * padding), averaged. Weights `<scope>.kernels.<j>.weight` (PyTorch `[out, in, k, k]`, TF.js `[k, k, in, out]`)
 * and `.bias`.
 *
 * Convolution is linear, so the average of the K convolutions equals one convolution with the average of the
 * kernels zero-padded to 2K-1: the block runs that single convolution (exactly the same function, about 2.4x
 * fewer multiply-adds for K = 6, and one kernel launch instead of K).
 */
export class InceptionBlock {
  private readonly kernels: { weight: tf.Variable; bias: tf.Variable }[] = [];

  constructor(scope: ParameterScope, inChannels: number, outChannels: number, numKernels: number) {
    for (let j = 0; j < numKernels; j++) {
      const size = 2 * j + 1;
      const s = scope.child('kernels').child(j);
      this.kernels.push({
        // kaiming_normal_(mode='fan_out', nonlinearity='relu') as in the reference.
        weight: s.weight('weight', [size, size, inChannels, outChannels], {
          init: kaimingNormal(outChannels * size * size),
          layout: 'conv2d',
        }),
        bias: s.weight('bias', [outChannels], { init: zeros }),
      });
    }
  }

  /** `[batch, height, width, in]` to `[batch, height, width, out]`. */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      const count = this.kernels.length;
      const padded = this.kernels.map(({ weight }, j) => {
        const margin = count - 1 - j;
        return tf.pad(weight, [
          [margin, margin],
          [margin, margin],
          [0, 0],
          [0, 0],
        ]);
      });
      const kernel = tf.div(tf.addN(padded), count) as tf.Tensor4D;
      const bias = tf.div(tf.addN(this.kernels.map(({ bias }) => bias)), count);
      return tf.add(tf.conv2d(x, kernel, 1, 'same'), bias) as tf.Tensor4D;
    });
  }
}
