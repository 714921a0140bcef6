import { STANDARD_12_LEADS } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { BackboneDefinition, BackboneNetwork, ForwardContext } from '../../core/definition.js';
import { kaimingNormal } from '../../core/initializers.js';
import type { InputSpec } from '../../core/input-spec.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { BackboneConfigError } from '../../errors.js';
import { gelu } from '../../nn/activations.js';
import { Conv1d } from '../../nn/conv1d.js';
import { dropout } from '../../nn/dropout.js';
import { LayerNorm } from '../../nn/layer-norm.js';
import { sinusoidalPositions } from '../../nn/sinusoidal.js';
import { checkInteger, checkRate, checkSignalConfig, type SignalConfig } from '../config-checks.js';
import { dftBasis } from './periods.js';
import { TimesBlock } from './times-block.js';

/** Configuration of {@link timesnet} (reference argument names in parentheses). */
export interface TimesNetConfig extends SignalConfig {
  /** Model width (`d_model`); even. */
  modelDim: number;
  /** Width inside the inception blocks (`d_ff`). */
  ffDim: number;
  /** Number of TimesBlocks (`e_layers`). */
  layers: number;
  /** Periods per block (`top_k`). */
  topK: number;
  /** Kernels per inception block, sizes 1, 3, ..., 2K-1 (`num_kernels`). */
  numKernels: number;
  /** Dropout after the embedding and before the output, training mode only (`dropout`). */
  dropout: number;
  /**
   * `flatten`: GELU of the last layer's output flattened to `inputLength x modelDim` (what the reference
   * classifier projects); `mean`: its average over time (`modelDim`).
   */
  pooling: 'flatten' | 'mean';
  /**
   * `sample` (default): periods chosen per sample, so an embedding never depends on the rest of the batch.
   * `batch`: chosen once from the batch-mean spectrum, exactly as the reference (outputs then depend on the batch).
   */
  periodScope: 'sample' | 'batch';
}

/**
 * TimesNet — Wu, Hu, Liu, Zhou, Wang, Long, "TimesNet: Temporal 2D-Variation Modeling for General Time Series
 * Analysis", ICLR 2023 (https://openreview.net/pdf?id=ju_Uqw384Oq); reference code: thuml/Time-Series-Library
 * `models/TimesNet.py`, `layers/Conv_Blocks.py`, `layers/Embed.py` (classification path).
 *
 * Faithful: token embedding (Conv1d k=3, circular padding, no bias) + sinusoidal positions, dropout; per block
 * the FFT period discovery (amplitudes averaged over channels, frequency 0 excluded, top-k, period =
 * floor(T / f)), zero padding to a multiple of the period, 1-D -> 2-D fold, Inception_Block_V1 -> GELU ->
 * Inception_Block_V1, unfold, softmax-of-amplitude aggregation, residual; a shared LayerNorm after every block;
 * GELU and dropout on the output. Differences: the spectrum is a DFT computed by matrix products (same values);
 * the K inception kernels run as one convolution with their averaged, zero-padded kernels (same function); periods
 * are picked per sample by default (`periodScope`); no padding mask (inputs have a fixed length); `pooling:
 * 'mean'` is an option of this package.
 *
 * PyTorch names: `enc_embedding.value_embedding.tokenConv.weight` (`[d, C, 3]` -> `[3, C, d]`),
 * `model.<i>.conv.{0,2}.kernels.<j>.{weight,bias}` (`[out, in, k, k]` -> `[k, k, in, out]`),
 * `layer_norm.{weight,bias}`. Ignored: `enc_embedding.position_embedding.pe` (recomputed),
 * `enc_embedding.temporal_embedding.*`, `projection.*`, `predict_linear.*`.
 */
export const timesnet: BackboneDefinition<TimesNetConfig> = {
  id: 'timesnet',
  title: 'TimesNet (2-D variation modelling with inception blocks)',
  reference:
    'Wu et al., TimesNet: Temporal 2D-Variation Modeling for General Time Series Analysis, ICLR 2023',
  defaultConfig: {
    sampleRate: 100,
    inputLength: 1000,
    leads: STANDARD_12_LEADS,
    modelDim: 16,
    ffDim: 16,
    layers: 2,
    topK: 3,
    numKernels: 3,
    dropout: 0.1,
    pooling: 'flatten',
    periodScope: 'sample',
  },
  presets: {
    /** The Time-Series-Library defaults for classification (e_layers 2, top_k 3, num_kernels 6), d_model 64. */
    published: { modelDim: 64, ffDim: 64, layers: 2, topK: 3, numKernels: 6 },
  },
  build(config, scope) {
    const id = 'timesnet';
    checkSignalConfig(id, config);
    checkInteger(id, 'modelDim', config.modelDim, 2);
    if (config.modelDim % 2 !== 0)
      throw new BackboneConfigError(id, 'modelDim', `must be even, got ${config.modelDim}`);
    checkInteger(id, 'ffDim', config.ffDim, 1);
    checkInteger(id, 'layers', config.layers, 1);
    checkInteger(id, 'numKernels', config.numKernels, 1);
    checkInteger(id, 'topK', config.topK, 1);
    const maxK = Math.floor(config.inputLength / 2);
    if (config.topK > maxK) {
      throw new BackboneConfigError(
        id,
        'topK',
        `${config.topK} exceeds the ${maxK} non-zero frequencies of the input`,
      );
    }
    checkRate(id, 'dropout', config.dropout);
    return new TimesNetNetwork(config, scope);
  },
};

class TimesNetNetwork implements BackboneNetwork {
  readonly input: InputSpec;
  readonly embeddingSize: number;
  readonly ignoredTorchKeys = [
    /^enc_embedding\.position_embedding\.pe$/,
    /^enc_embedding\.temporal_embedding\./,
    /^projection\./,
    /^predict_linear\./,
  ];
  private readonly tokenConv: Conv1d;
  private readonly positions: tf.Tensor2D;
  private readonly blocks: TimesBlock[];
  private readonly layerNorm: LayerNorm;

  constructor(
    private readonly config: TimesNetConfig,
    scope: ParameterScope,
  ) {
    const { inputLength, leads, modelDim } = config;
    this.input = {
      sampleRate: config.sampleRate,
      length: inputLength,
      leads,
      normalization: { kind: 'zscore', scope: 'perLead' },
    };
    this.embeddingSize = config.pooling === 'flatten' ? inputLength * modelDim : modelDim;
    this.tokenConv = new Conv1d(scope.child('enc_embedding.value_embedding.tokenConv'), {
      inChannels: leads.length,
      outChannels: modelDim,
      kernelSize: 3,
      padding: 1,
      paddingMode: 'circular',
      bias: false,
      // kaiming_normal_(mode='fan_in', nonlinearity='leaky_relu') as in the reference.
      init: kaimingNormal(leads.length * 3),
    });
    this.positions = scope.constant(sinusoidalPositions(inputLength, modelDim));
    const frequencies = Array.from({ length: Math.floor(inputLength / 2) + 1 }, (_, f) => f);
    const basis = dftBasis(inputLength, frequencies);
    const spectrumBasis = { cos: scope.constant(basis.cos), sin: scope.constant(basis.sin) };
    this.blocks = Array.from(
      { length: config.layers },
      (_, i) =>
        new TimesBlock(scope.child('model').child(i), { ...config, time: inputLength }, spectrumBasis),
    );
    this.layerNorm = new LayerNorm(scope.child('layer_norm'), modelDim);
  }

  forward(x: tf.Tensor3D, context: ForwardContext): tf.Tensor2D {
    let h = dropout(
      tf.add(this.tokenConv.apply(x), this.positions) as tf.Tensor3D,
      this.config.dropout,
      context,
    );
    for (const block of this.blocks) h = this.layerNorm.apply(block.apply(h)) as tf.Tensor3D;
    const out = dropout(gelu(h), this.config.dropout, context);
    return (
      this.config.pooling === 'flatten' ? tf.reshape(out, [x.shape[0], this.embeddingSize]) : tf.mean(out, 1)
    ) as tf.Tensor2D;
  }
}
