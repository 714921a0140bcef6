import { STANDARD_12_LEADS } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { BackboneDefinition, BackboneNetwork, ForwardContext } from '../../core/definition.js';
import type { InputSpec } from '../../core/input-spec.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { BackboneConfigError } from '../../errors.js';
import { dropout } from '../../nn/dropout.js';
import { LayerNorm } from '../../nn/layer-norm.js';
import { Linear } from '../../nn/linear.js';
import {
  checkDivisible,
  checkInteger,
  checkIntegers,
  checkRate,
  checkSignalConfig,
  type SignalConfig,
} from '../config-checks.js';
import { ConvPositionalEncoding } from './conv-positional-encoding.js';
import { type ConvLayerSpec, FeatureExtractor, featureFrames } from './feature-extractor.js';
import { TransformerLayer } from './transformer-layer.js';

/** Configuration of {@link ecgFm} (fairseq-signals names in parentheses). */
export interface EcgFmConfig extends SignalConfig {
  /** Feature encoder convolutions `[channels, kernel, stride]` (`conv_feature_layers`). */
  convLayers: readonly ConvLayerSpec[];
  /** `default`: one GroupNorm after the first convolution; `layer_norm`: a LayerNorm after each (`extractor_mode`). */
  extractorMode: 'default' | 'layer_norm';
  /** Biases on the feature encoder convolutions (`conv_bias`). */
  convBias: boolean;
  /** Transformer width (`encoder_embed_dim`). */
  modelDim: number;
  /** Transformer layers (`encoder_layers`). */
  layers: number;
  /** Attention heads (`encoder_attention_heads`). */
  heads: number;
  /** Feed-forward width (`encoder_ffn_embed_dim`). */
  ffDim: number;
  /** Kernel of the convolutional positional embedding (`conv_pos`). */
  positionalKernel: number;
  /** Groups of the convolutional positional embedding (`conv_pos_groups`). */
  positionalGroups: number;
  /** Pre-norm transformer layers (`layer_norm_first`). */
  layerNormFirst: boolean;
  /** Dropout in the transformer (`dropout`), on attention probabilities (`attention_dropout`), after the
   * feed-forward activation (`activation_dropout`) and on the projected features (`dropout_input`); training only. */
  dropout: number;
  attentionDropout: number;
  activationDropout: number;
  inputDropout: number;
}

const ECG_FM_CONV_LAYERS: readonly ConvLayerSpec[] = [
  [256, 2, 2],
  [256, 2, 2],
  [256, 2, 2],
  [256, 2, 2],
];

/**
 * ECG-FM — McKeen, Masood, Toma, Rubin, Wang, "ECG-FM: An Open Electrocardiogram Foundation Model", 2024
 * (https://arxiv.org/abs/2408.05178): a wav2vec 2.0 encoder (Baevski et al., NeurIPS 2020) for 12-lead ECG;
 * reference code: Jwoo5/fairseq-signals `models/ecg_transformer.py`, `modules/conv_feature_extraction.py`,
 * `modules/conv_positional_encoding.py`, `modules/transformer_encoder*.py`; checkpoints at wanglab/ecg-fm.
 *
 * Faithful (the `ECGTransformerModel` forward path): convolutional feature encoder of strided Conv1d layers with
 * GroupNorm/LayerNorm and GELU; LayerNorm of the features; projection to the model width when they differ; input
 * dropout; convolutional positional embedding (grouped Conv1d with weight normalisation, SamePad, GELU) added;
 * transformer encoder (post-norm by default: LayerNorm before the layers, residual + LayerNorm after attention
 * and after the GELU feed-forward); embedding = mean over frames (ECG-FM's `encoder_out` pooling). The published
 * preset reproduces ECG-FM's encoder (90.4 M parameters; the paper's 90.9 M include the pretraining-only
 * quantizer and projections), for 12 leads at 500 Hz in 5 s segments, z-scored per lead as fairseq-signals'
 * preprocessing does. Not included: padding masks (fixed-length input), feature-gradient scaling,
 * layer drop and everything specific to pretraining (quantizer, masking, contrastive heads).
 *
 * PyTorch names: `feature_extractor.conv_layers.<i>.0.weight` (`[out, in, k]` -> `[k, in, out]`),
 * `feature_extractor.conv_layers.0.2.{weight,bias}` (GroupNorm) or `...<i>.2.1.{weight,bias}` (LayerNorm),
 * `layer_norm`, `post_extract_proj` (Linear), `conv_pos.pos_conv.0.parametrizations.weight.original0` (g, or
 * `weight_g`), `...original1` (v, conv layout, or `weight_v`), `conv_pos.pos_conv.0.bias`, `encoder.layer_norm`,
 * `encoder.layers.<i>.self_attn.{q,k,v,out}_proj` (Linear), `encoder.layers.<i>.{self_attn_layer_norm,
 * final_layer_norm}`, `encoder.layers.<i>.{fc1,fc2}` (Linear). Ignored: `mask_emb`, `quantizer.*`, `project_q.*`,
 * `project_inp.*`, `final_proj.*`, `target_glu.*`.
 */
export const ecgFm: BackboneDefinition<EcgFmConfig> = {
  id: 'ecg-fm',
  title: 'ECG-FM (wav2vec 2.0 encoder for 12-lead ECG)',
  reference: 'McKeen et al., ECG-FM: An Open Electrocardiogram Foundation Model, 2024',
  defaultConfig: {
    sampleRate: 500,
    inputLength: 2500,
    leads: STANDARD_12_LEADS,
    convLayers: [
      [32, 2, 2],
      [32, 2, 2],
      [32, 2, 2],
      [32, 2, 2],
    ],
    extractorMode: 'default',
    convBias: false,
    modelDim: 64,
    layers: 2,
    heads: 4,
    ffDim: 128,
    positionalKernel: 16,
    positionalGroups: 4,
    layerNormFirst: false,
    dropout: 0.1,
    attentionDropout: 0.1,
    activationDropout: 0,
    inputDropout: 0.1,
  },
  presets: {
    'ecg-fm': {
      convLayers: ECG_FM_CONV_LAYERS,
      modelDim: 768,
      layers: 12,
      heads: 12,
      ffDim: 3072,
      positionalKernel: 128,
      positionalGroups: 16,
    },
  },
  build(config, scope) {
    const id = 'ecg-fm';
    checkSignalConfig(id, config);
    if (config.convLayers.length === 0)
      throw new BackboneConfigError(id, 'convLayers', 'needs at least one layer');
    for (const [i, spec] of config.convLayers.entries()) checkIntegers(id, `convLayers[${i}]`, spec, 1);
    if (featureFrames(config.inputLength, config.convLayers) < 1) {
      throw new BackboneConfigError(
        id,
        'inputLength',
        `${config.inputLength} samples give no frame after convLayers`,
      );
    }
    for (const field of [
      'modelDim',
      'layers',
      'heads',
      'ffDim',
      'positionalKernel',
      'positionalGroups',
    ] as const) {
      checkInteger(id, field, config[field], 1);
    }
    checkDivisible(id, 'modelDim', config.modelDim, config.heads, 'heads');
    checkDivisible(id, 'modelDim', config.modelDim, config.positionalGroups, 'positionalGroups');
    for (const field of ['dropout', 'attentionDropout', 'activationDropout', 'inputDropout'] as const) {
      checkRate(id, field, config[field]);
    }
    return new EcgFmNetwork(config, scope);
  },
};

class EcgFmNetwork implements BackboneNetwork {
  readonly input: InputSpec;
  readonly embeddingSize: number;
  readonly ignoredTorchKeys = [
    /^mask_emb$/,
    /^quantizer\./,
    /^project_q\./,
    /^project_inp\./,
    /^final_proj\./,
    /^target_glu\./,
  ];
  private readonly featureExtractor: FeatureExtractor;
  private readonly featureNorm: LayerNorm;
  private readonly projection: Linear | null;
  private readonly positional: ConvPositionalEncoding;
  private readonly encoderNorm: LayerNorm;
  private readonly layers: TransformerLayer[];

  constructor(
    private readonly config: EcgFmConfig,
    scope: ParameterScope,
  ) {
    const { modelDim, convLayers } = config;
    this.input = {
      sampleRate: config.sampleRate,
      length: config.inputLength,
      leads: config.leads,
      normalization: { kind: 'zscore', scope: 'perLead' },
    };
    this.embeddingSize = modelDim;
    const features = convLayers[convLayers.length - 1][0];
    this.featureExtractor = new FeatureExtractor(
      scope.child('feature_extractor'),
      convLayers,
      config.leads.length,
      config.extractorMode,
      config.convBias,
    );
    this.featureNorm = new LayerNorm(scope.child('layer_norm'), features);
    this.projection =
      features === modelDim ? null : new Linear(scope.child('post_extract_proj'), features, modelDim);
    this.positional = new ConvPositionalEncoding(
      scope.child('conv_pos.pos_conv'),
      modelDim,
      config.positionalKernel,
      config.positionalGroups,
    );
    const encoder = scope.child('encoder');
    this.encoderNorm = new LayerNorm(encoder.child('layer_norm'), modelDim);
    this.layers = Array.from(
      { length: config.layers },
      (_, i) => new TransformerLayer(encoder.child('layers').child(i), config),
    );
  }

  forward(x: tf.Tensor3D, context: ForwardContext): tf.Tensor2D {
    const { layerNormFirst, dropout: rate, inputDropout } = this.config;
    let h = this.featureNorm.apply(this.featureExtractor.apply(x)) as tf.Tensor3D;
    if (this.projection !== null) h = this.projection.apply(h) as tf.Tensor3D;
    h = dropout(h, inputDropout, context);
    h = tf.add(h, this.positional.apply(h));
    if (!layerNormFirst) h = this.encoderNorm.apply(h) as tf.Tensor3D;
    h = dropout(h, rate, context);
    for (const layer of this.layers) h = layer.apply(h, context);
    if (layerNormFirst) h = this.encoderNorm.apply(h) as tf.Tensor3D;
    return tf.mean(h, 1) as tf.Tensor2D;
  }
}
