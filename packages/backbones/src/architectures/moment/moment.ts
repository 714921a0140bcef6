import { STANDARD_12_LEADS } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { BackboneDefinition, BackboneNetwork, ForwardContext } from '../../core/definition.js';
import { normal } from '../../core/initializers.js';
import type { InputSpec } from '../../core/input-spec.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { BackboneConfigError } from '../../errors.js';
import { dropout } from '../../nn/dropout.js';
import { Linear } from '../../nn/linear.js';
import { RmsNorm } from '../../nn/rms-norm.js';
import { sinusoidalPositions } from '../../nn/sinusoidal.js';
import { checkInteger, checkRate, checkSignalConfig, type SignalConfig } from '../config-checks.js';
import { RelativePositionBias } from './relative-position-bias.js';
import { revinNormalize } from './revin.js';
import { T5Block } from './t5-block.js';

/** Configuration of {@link moment} (MOMENT / Hugging Face T5Config names in parentheses). */
export interface MomentConfig extends SignalConfig {
  /** Samples per patch (`patch_len`, 8). */
  patchLength: number;
  /** Samples between patch starts (`patch_stride_len`, 8). */
  patchStride: number;
  /** Transformer width (`d_model`); even. */
  modelDim: number;
  /** Encoder blocks (`num_layers`). */
  layers: number;
  /** Attention heads (`num_heads`). */
  heads: number;
  /** Width of each head (`d_kv`). */
  headDim: number;
  /** Feed-forward width (`d_ff`). */
  ffDim: number;
  /** `gated-gelu` for Flan-T5 (MOMENT) encoders, `relu` for the original T5 (`feed_forward_proj`). */
  feedForward: 'gated-gelu' | 'relu';
  /** Relative position buckets (`relative_attention_num_buckets`, 32). */
  relativeBuckets: number;
  /** Largest distance told apart (`relative_attention_max_distance`, 128). */
  relativeMaxDistance: number;
  /** Dropout in training mode (`dropout_rate` and `patch_dropout`, 0.1). */
  dropout: number;
}

/** Flan-T5 encoder sizes of the published MOMENT-1 models (patch 8, input 512 samples). */
const flanT5 = (modelDim: number, layers: number, heads: number, ffDim: number): Partial<MomentConfig> => ({
  modelDim,
  layers,
  heads,
  headDim: 64,
  ffDim,
  feedForward: 'gated-gelu',
});

/**
 * MOMENT — Goswami, Szafer, Choudhry, Cai, Li, Dubrawski, "MOMENT: A Family of Open Time-series Foundation
 * Models", ICML 2024 (https://arxiv.org/abs/2402.03885); reference code: moment-timeseries-foundation-model/moment
 * `momentfm/models/moment.py` (`MOMENT.embed`), `layers/embed.py`, `layers/revin.py`, with the Hugging Face T5
 * encoder. The patch transformer of PatchTST (Nie et al., ICLR 2023) with a T5 encoder.
 *
 * Faithful: leads handled independently (channel independence); RevIN per lead (population std + 1e-5, no affine);
 * non-overlapping patches of 8 samples; linear patch embedding without bias plus sinusoidal positions; T5 encoder
 * (pre-norm RMS layer norms, unscaled attention without biases, bucketed relative position bias computed by the
 * first block and shared, gated-GELU (tanh) feed-forward, final layer norm, dropout); embedding = mean over leads,
 * then over patches (MOMENT's `reduction='mean'`). Not included: input masks (every sample is observed; the adapter
 * pads to the declared length instead) and the mask token, which only matters for masked pretraining; the
 * reconstruction/forecasting/classification heads. The default sizes are small; presets give MOMENT-1-small/base/
 * large. MOMENT was fitted to 512 samples: for 10 s of ECG that is 51.2 Hz, as in its PTB-XL experiments.
 *
 * PyTorch names (MOMENT checkpoints): `patch_embedding.value_embedding.weight` (`[d, 8]` -> `[8, d]`),
 * `encoder.block.<i>.layer.0.SelfAttention.{q,k,v,o}.weight` (Linear), `encoder.block.0.layer.0.SelfAttention.
 * relative_attention_bias.weight` (`[buckets, heads]`, unchanged), `encoder.block.<i>.layer.{0,1}.layer_norm.weight`,
 * `encoder.block.<i>.layer.1.DenseReluDense.{wi_0,wi_1,wo}.weight` (Linear), `encoder.final_layer_norm.weight`.
 * Ignored: `patch_embedding.mask_embedding`, `patch_embedding.position_embedding.pe` (recomputed),
 * `encoder.embed_tokens.weight` (word embeddings, unused), `head.*`, `normalizer.*`.
 */
export const moment: BackboneDefinition<MomentConfig> = {
  id: 'moment',
  title: 'MOMENT (RevIN + patches + T5 encoder)',
  reference: 'Goswami et al., MOMENT: A Family of Open Time-series Foundation Models, ICML 2024',
  defaultConfig: {
    sampleRate: 51.2,
    inputLength: 512,
    leads: STANDARD_12_LEADS,
    patchLength: 8,
    patchStride: 8,
    modelDim: 64,
    layers: 2,
    heads: 4,
    headDim: 16,
    ffDim: 128,
    feedForward: 'gated-gelu',
    relativeBuckets: 32,
    relativeMaxDistance: 128,
    dropout: 0.1,
  },
  presets: {
    'moment-1-small': flanT5(512, 8, 6, 1024),
    'moment-1-base': flanT5(768, 12, 12, 2048),
    'moment-1-large': flanT5(1024, 24, 16, 2816),
  },
  build(config, scope) {
    const id = 'moment';
    checkSignalConfig(id, config);
    for (const field of ['patchLength', 'patchStride', 'layers', 'heads', 'headDim', 'ffDim'] as const) {
      checkInteger(id, field, config[field], 1);
    }
    checkInteger(id, 'modelDim', config.modelDim, 2);
    if (config.modelDim % 2 !== 0)
      throw new BackboneConfigError(id, 'modelDim', `must be even, got ${config.modelDim}`);
    checkInteger(id, 'relativeBuckets', config.relativeBuckets, 4);
    checkInteger(id, 'relativeMaxDistance', config.relativeMaxDistance, config.relativeBuckets / 4 + 1);
    if (config.patchLength > config.inputLength) {
      throw new BackboneConfigError(
        id,
        'patchLength',
        `${config.patchLength} exceeds inputLength ${config.inputLength}`,
      );
    }
    checkRate(id, 'dropout', config.dropout);
    return new MomentNetwork(config, scope);
  },
};

class MomentNetwork implements BackboneNetwork {
  readonly input: InputSpec;
  readonly embeddingSize: number;
  readonly ignoredTorchKeys = [
    /^patch_embedding\.mask_embedding$/,
    /^patch_embedding\.position_embedding\.pe$/,
    /^encoder\.embed_tokens\.weight$/,
    /^head\./,
    /^normalizer\./,
  ];
  private readonly patches: number;
  private readonly valueEmbedding: Linear;
  private readonly positions: tf.Tensor2D;
  private readonly positionBias: RelativePositionBias;
  private readonly blocks: T5Block[];
  private readonly finalNorm: RmsNorm;

  constructor(
    private readonly config: MomentConfig,
    scope: ParameterScope,
  ) {
    const { inputLength, patchLength, patchStride, modelDim } = config;
    this.input = {
      sampleRate: config.sampleRate,
      length: inputLength,
      leads: config.leads,
      normalization: { kind: 'none' }, // RevIN inside
    };
    this.embeddingSize = modelDim;
    this.patches = Math.floor((inputLength - patchLength) / patchStride) + 1;
    this.valueEmbedding = new Linear(scope.child('patch_embedding.value_embedding'), patchLength, modelDim, {
      bias: false,
      init: normal(1 / Math.sqrt(patchLength)),
    });
    this.positions = scope.constant(sinusoidalPositions(this.patches, modelDim));
    const encoder = scope.child('encoder');
    this.positionBias = new RelativePositionBias(
      encoder.child('block.0.layer.0.SelfAttention'),
      this.patches,
      config.heads,
      config.relativeBuckets,
      config.relativeMaxDistance,
    );
    this.blocks = Array.from(
      { length: config.layers },
      (_, i) => new T5Block(encoder.child('block').child(i), config),
    );
    this.finalNorm = new RmsNorm(encoder.child('final_layer_norm'), modelDim);
  }

  forward(x: tf.Tensor3D, context: ForwardContext): tf.Tensor2D {
    const [batch, , leads] = x.shape;
    const { modelDim, dropout: rate } = this.config;
    const series = revinNormalize(tf.transpose(x, [0, 2, 1])); // [batch, leads, time]
    const patches = this.patchify(series); // [batch, leads, patches, patchLength]
    const embedded = tf.add(this.valueEmbedding.apply(patches), this.positions);
    let h = tf.reshape(dropout(embedded, rate, context), [
      batch * leads,
      this.patches,
      modelDim,
    ]) as tf.Tensor3D;
    h = dropout(h, rate, context); // T5Stack's dropout on inputs_embeds
    const bias = this.positionBias.apply();
    for (const block of this.blocks) h = block.apply(h, bias, context);
    h = dropout(this.finalNorm.apply(h), rate, context) as tf.Tensor3D;
    const perLead = tf.reshape(h, [batch, leads, this.patches, modelDim]);
    return tf.mean(tf.mean(perLead, 1), 1) as tf.Tensor2D;
  }

  /** `unfold(-1, patchLength, patchStride)`: `[..., time]` to `[..., patches, patchLength]`. */
  private patchify(series: tf.Tensor): tf.Tensor {
    const { patchLength, patchStride } = this.config;
    const [batch, leads] = series.shape;
    if (patchStride === patchLength) {
      const used = tf.slice(series, [0, 0, 0], [-1, -1, this.patches * patchLength]);
      return tf.reshape(used, [batch, leads, this.patches, patchLength]);
    }
    const windows = Array.from({ length: this.patches }, (_, p) =>
      tf.slice(series, [0, 0, p * patchStride], [-1, -1, patchLength]),
    );
    return tf.stack(windows, 2);
  }
}
