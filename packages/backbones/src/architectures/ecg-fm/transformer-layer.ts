import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../../core/definition.js';
import { normal } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { gelu } from '../../nn/activations.js';
import { MultiHeadSelfAttention } from '../../nn/attention.js';
import { dropout } from '../../nn/dropout.js';
import { LayerNorm } from '../../nn/layer-norm.js';
import { Linear } from '../../nn/linear.js';

/** Sizes and dropout rates of a {@link TransformerLayer} (fairseq names). */
export interface TransformerLayerOptions {
  modelDim: number;
  heads: number;
  ffDim: number;
  /** Pre-norm (`layer_norm_first`) or post-norm (the default of wav2vec 2.0 base and ECG-FM). */
  layerNormFirst: boolean;
  dropout: number;
  attentionDropout: number;
  activationDropout: number;
}

/**
 * fairseq-signals `TransformerEncoderLayer`: self-attention (biases, 1/sqrt(d) scaling) and a GELU feed-forward
 * (`fc1`, `fc2`), each with a residual connection and a LayerNorm after (post-norm) or before (pre-norm). Weights
 * `<scope>.self_attn.{q,k,v,out}_proj.{weight,bias}`, `<scope>.self_attn_layer_norm`, `<scope>.fc1`, `<scope>.fc2`,
 * `<scope>.final_layer_norm`.
 */
export class TransformerLayer {
  private readonly attention: MultiHeadSelfAttention;
  private readonly attentionNorm: LayerNorm;
  private readonly fc1: Linear;
  private readonly fc2: Linear;
  private readonly finalNorm: LayerNorm;

  constructor(
    scope: ParameterScope,
    private readonly options: TransformerLayerOptions,
  ) {
    const { modelDim, heads, ffDim } = options;
    // BERT initialisation (normal, std 0.02) as fairseq's init_bert_params.
    const init = normal(0.02);
    this.attention = new MultiHeadSelfAttention(scope.child('self_attn'), {
      dim: modelDim,
      heads,
      bias: true,
      scaled: true,
      names: { query: 'q_proj', key: 'k_proj', value: 'v_proj', output: 'out_proj' },
      dropout: options.attentionDropout,
      init,
    });
    this.attentionNorm = new LayerNorm(scope.child('self_attn_layer_norm'), modelDim);
    this.fc1 = new Linear(scope.child('fc1'), modelDim, ffDim, { init });
    this.fc2 = new Linear(scope.child('fc2'), ffDim, modelDim, { init });
    this.finalNorm = new LayerNorm(scope.child('final_layer_norm'), modelDim);
  }

  apply(x: tf.Tensor3D, context: ForwardContext): tf.Tensor3D {
    return tf.tidy(() => {
      const { layerNormFirst, dropout: rate, activationDropout } = this.options;
      const attend = (h: tf.Tensor3D) => dropout(this.attention.apply(h, context), rate, context);
      const feedForward = (h: tf.Tensor) => {
        const hidden = dropout(gelu(this.fc1.apply(h)), activationDropout, context);
        return dropout(this.fc2.apply(hidden), rate, context);
      };
      if (layerNormFirst) {
        const h = tf.add(x, attend(this.attentionNorm.apply(x) as tf.Tensor3D));
        return tf.add(h, feedForward(this.finalNorm.apply(h))) as tf.Tensor3D;
      }
      const h = this.attentionNorm.apply(tf.add(x, attend(x)));
      return this.finalNorm.apply(tf.add(h, feedForward(h))) as tf.Tensor3D;
    });
  }
}
