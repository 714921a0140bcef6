import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../core/definition.js';
import type { Initializer } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';
import { dropout } from './dropout.js';
import { Linear } from './linear.js';

/** Options of {@link MultiHeadSelfAttention}. */
export interface AttentionOptions {
  /** Model width (input and output features). */
  dim: number;
  heads: number;
  /** Width of each head; default `dim / heads`. */
  headDim?: number;
  /** Biases on the four projections. */
  bias: boolean;
  /** Scale scores by `1/sqrt(headDim)` (standard) or not (T5 folds the scale into its initialisation). */
  scaled: boolean;
  /** Names of the query, key, value and output projections in the PyTorch module. */
  names: { query: string; key: string; value: string; output: string };
  /** Dropout on the attention probabilities in training mode. */
  dropout: number;
  /** Initialiser of the projection weights. */
  init?: Initializer;
}

/**
 * Multi-head self-attention: `softmax(q k^T * scale + positionBias) v`, heads concatenated, then the output
 * projection. Input and output `[batch, time, dim]`.
 */
export class MultiHeadSelfAttention {
  private readonly query: Linear;
  private readonly key: Linear;
  private readonly value: Linear;
  private readonly output: Linear;
  private readonly headDim: number;

  constructor(
    scope: ParameterScope,
    private readonly options: AttentionOptions,
  ) {
    const { dim, heads, bias, names, init } = options;
    this.headDim = options.headDim ?? dim / heads;
    const inner = heads * this.headDim;
    this.query = new Linear(scope.child(names.query), dim, inner, { bias, init });
    this.key = new Linear(scope.child(names.key), dim, inner, { bias, init });
    this.value = new Linear(scope.child(names.value), dim, inner, { bias, init });
    this.output = new Linear(scope.child(names.output), inner, dim, { bias, init });
  }

  /**
   * @param positionBias - added to the scores, broadcastable to `[batch, heads, time, time]` (T5 relative
   *   position bias).
   */
  apply(x: tf.Tensor3D, context: ForwardContext, positionBias?: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, time] = x.shape;
      const q = this.splitHeads(this.query.apply(x), batch, time);
      const k = this.splitHeads(this.key.apply(x), batch, time);
      const v = this.splitHeads(this.value.apply(x), batch, time);
      let scores = tf.matMul(q, k, false, true);
      if (this.options.scaled) scores = tf.mul(scores, 1 / Math.sqrt(this.headDim));
      if (positionBias !== undefined) scores = tf.add(scores, positionBias);
      const probabilities = dropout(tf.softmax(scores), this.options.dropout, context);
      const heads = tf.transpose(tf.matMul(probabilities, v), [0, 2, 1, 3]);
      const merged = tf.reshape(heads, [batch, time, this.options.heads * this.headDim]);
      return this.output.apply(merged) as tf.Tensor3D;
    });
  }

  /** `[batch, time, heads * headDim]` to `[batch, heads, time, headDim]`. */
  private splitHeads(x: tf.Tensor, batch: number, time: number): tf.Tensor4D {
    return tf.transpose(tf.reshape(x, [batch, time, this.options.heads, this.headDim]), [0, 2, 1, 3]);
  }
}
