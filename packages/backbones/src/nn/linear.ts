import * as tf from '@tensorflow/tfjs';
import { type Initializer, torchDefault, zeros } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Add a bias (default true). */
  bias?: boolean;
  /** Weight initialiser; default PyTorch's (uniform, 1/sqrt(in)). */
  init?: Initializer;
  /** Bias initialiser; default zeros. */
  biasInit?: Initializer;
}

/**
 * `nn.Linear` on the last axis: `y = x W + b`. Weights `<scope>.weight` (TF.js `[in, out]`, PyTorch
 * `[out, in]`) and `<scope>.bias`.
 */
export class Linear {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(
    scope: ParameterScope,
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    this.weight = scope.weight('weight', [inFeatures, outFeatures], {
      init: options.init ?? torchDefault(inFeatures),
      layout: 'linear',
    });
    this.bias =
      options.bias === false
        ? null
        : scope.weight('bias', [outFeatures], { init: options.biasInit ?? zeros });
  }

  /** `[..., in]` to `[..., out]`. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const flat = tf.matMul(tf.reshape(x, [-1, this.inFeatures]), this.weight);
      const y = this.bias === null ? flat : tf.add(flat, this.bias);
      return tf.reshape(y, [...x.shape.slice(0, -1), this.outFeatures]);
    });
  }
}
