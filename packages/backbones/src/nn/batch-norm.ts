import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../core/definition.js';
import { type Initializer, ones, zeros } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  eps?: number;
  /** PyTorch momentum: `running = (1 - momentum) running + momentum batch`. Default 0.1. */
  momentum?: number;
  /** Initialiser of the scale (gamma); default ones. */
  weightInit?: Initializer;
  /** Initialiser of the shift (beta); default zeros. */
  biasInit?: Initializer;
}

/**
 * `nn.BatchNorm1d` on channels-last input (statistics over every axis but the last). Parameters
 * `<scope>.weight`, `<scope>.bias`; buffers `<scope>.running_mean`, `<scope>.running_var`. In training mode it
 * uses batch statistics and updates the running ones as PyTorch does (unbiased variance); otherwise it uses the
 * running statistics.
 */
export class BatchNorm {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVar: tf.Variable;
  private readonly eps: number;
  private readonly momentum: number;

  constructor(scope: ParameterScope, channels: number, options: BatchNormOptions = {}) {
    this.weight = scope.weight('weight', [channels], { init: options.weightInit ?? ones });
    this.bias = scope.weight('bias', [channels], { init: options.biasInit ?? zeros });
    this.runningMean = scope.weight('running_mean', [channels], { init: zeros, buffer: true });
    this.runningVar = scope.weight('running_var', [channels], { init: ones, buffer: true });
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
  }

  apply(x: tf.Tensor, context: ForwardContext): tf.Tensor {
    return tf.tidy(() => {
      let mean: tf.Tensor = this.runningMean;
      let variance: tf.Tensor = this.runningVar;
      if (context.training) {
        const axes = x.shape.slice(0, -1).map((_, axis) => axis);
        ({ mean, variance } = tf.moments(x, axes));
        this.updateRunningStatistics(mean, variance, x.size / x.shape[x.rank - 1]);
      }
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps)));
      return tf.add(tf.mul(normalized, this.weight), this.bias);
    });
  }

  private updateRunningStatistics(mean: tf.Tensor, variance: tf.Tensor, count: number): void {
    const m = this.momentum;
    const unbiased = count > 1 ? tf.mul(variance, count / (count - 1)) : variance;
    this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - m), tf.mul(mean, m)));
    this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - m), tf.mul(unbiased, m)));
  }
}
