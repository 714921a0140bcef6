import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../../core/definition.js';
import { normal } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { geluTanh } from '../../nn/activations.js';
import { MultiHeadSelfAttention } from '../../nn/attention.js';
import { dropout } from '../../nn/dropout.js';
import { Linear } from '../../nn/linear.js';
import { RmsNorm } from '../../nn/rms-norm.js';

/** Sizes of a {@link T5Block}. */
export interface T5BlockOptions {
  modelDim: number;
  heads: number;
  headDim: number;
  ffDim: number;
  /** `gated-gelu` (T5 v1.1 / Flan-T5: `wo(gelu_new(wi_0 x) * wi_1 x)`) or `relu` (T5: `wo(relu(wi x))`). */
  feedForward: 'gated-gelu' | 'relu';
  dropout: number;
}

/**
 * One T5 encoder block (pre-norm): `x + dropout(attention(rmsnorm(x)))`, then
 * `x + dropout(feedforward(rmsnorm(x)))`. Attention has no biases and no 1/sqrt(d) scaling, as in T5. Weights
 * follow Hugging Face's T5Stack: `<scope>.layer.0.SelfAttention.{q,k,v,o}.weight`, `<scope>.layer.0.layer_norm`,
 * `<scope>.layer.1.DenseReluDense.{wi_0,wi_1,wo | wi,wo}.weight`, `<scope>.layer.1.layer_norm`.
 */
export class T5Block {
  private readonly attentionNorm: RmsNorm;
  private readonly attention: MultiHeadSelfAttention;
  private readonly ffNorm: RmsNorm;
  private readonly wi: Linear[];
  private readonly wo: Linear;

  constructor(
    scope: ParameterScope,
    private readonly options: T5BlockOptions,
  ) {
    const { modelDim, heads, headDim, ffDim } = options;
    const attention = scope.child('layer.0');
    this.attentionNorm = new RmsNorm(attention.child('layer_norm'), modelDim);
    this.attention = new MultiHeadSelfAttention(attention.child('SelfAttention'), {
      dim: modelDim,
      heads,
      headDim,
      bias: false,
      scaled: false,
      names: { query: 'q', key: 'k', value: 'v', output: 'o' },
      dropout: options.dropout,
      init: normal(1 / Math.sqrt(modelDim)),
    });
    const ff = scope.child('layer.1');
    this.ffNorm = new RmsNorm(ff.child('layer_norm'), modelDim);
    const dense = ff.child('DenseReluDense');
    const init = normal(1 / Math.sqrt(modelDim));
    const inputs = options.feedForward === 'gated-gelu' ? ['wi_0', 'wi_1'] : ['wi'];
    this.wi = inputs.map((name) => new Linear(dense.child(name), modelDim, ffDim, { bias: false, init }));
    this.wo = new Linear(dense.child('wo'), ffDim, modelDim, {
      bias: false,
      init: normal(1 / Math.sqrt(ffDim)),
    });
  }

  /** `positionBias`: `[1, heads, time, time]`, shared by every block. */
  apply(x: tf.Tensor3D, positionBias: tf.Tensor4D, context: ForwardContext): tf.Tensor3D {
    return tf.tidy(() => {
      const rate = this.options.dropout;
      const attended = this.attention.apply(
        this.attentionNorm.apply(x) as tf.Tensor3D,
        context,
        positionBias,
      );
      const h = tf.add(x, dropout(attended, rate, context)) as tf.Tensor3D;
      const normed = this.ffNorm.apply(h);
      const hidden =
        this.wi.length === 2
          ? tf.mul(geluTanh(this.wi[0].apply(normed)), this.wi[1].apply(normed))
          : tf.relu(this.wi[0].apply(normed));
      return tf.add(h, dropout(this.wo.apply(dropout(hidden, rate, context)), rate, context)) as tf.Tensor3D;
    });
  }
}
