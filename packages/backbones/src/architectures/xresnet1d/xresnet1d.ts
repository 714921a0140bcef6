import { STANDARD_12_LEADS } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { BackboneDefinition, BackboneNetwork, ForwardContext } from '../../core/definition.js';
import type { InputSpec } from '../../core/input-spec.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { BackboneConfigError } from '../../errors.js';
import { checkInteger, checkIntegers, checkSignalConfig, type SignalConfig } from '../config-checks.js';
import { ConvLayer } from './conv-layer.js';
import { ResBlock } from './res-block.js';

/** Configuration of {@link xresnet1d} (reference names in parentheses). */
export interface XResNet1dConfig extends SignalConfig {
  /** 1 (basic blocks) or 4 (bottleneck blocks) (`expansion`). */
  expansion: number;
  /** Residual blocks per stage (`layers`), e.g. `[3, 4, 23, 3]` for xresnet1d101. */
  blocks: readonly number[];
  /** Widths of the stem convolutions (`stem_szs`); the last must be divisible by `expansion`. */
  stemSizes: readonly number[];
  /** Width of each stage before expansion (the reference's `block_szs`, 64 each for the first four stages). */
  stageSizes: readonly number[];
  /** Kernel of the residual convolutions (`kernel_size`, 5 in the PTB-XL benchmark). */
  kernelSize: number;
  /** Kernel of the stem convolutions (`kernel_size_stem`, 5). */
  stemKernelSize: number;
  /** Input standardisation `(x - inputMean) / inputStd`: the training set's statistics (a StandardScaler fitted
   * on all samples of all leads, as the benchmark does). */
  inputMean: number;
  inputStd: number;
}

const stageSizesFor = (stages: number): number[] =>
  Array.from({ length: stages }, (_, i) => (i < 4 ? 64 : 32));

/**
 * xresnet1d — the 1-D XResNet (He et al., "Bag of Tricks for Image Classification with Convolutional Neural
 * Networks", CVPR 2019, adapted to time series) of Strodthoff, Wagner, Schaeffter, Samek, "Deep Learning for ECG
 * Analysis: Benchmarks and Insights from PTB-XL", IEEE JBHI 2021 (https://arxiv.org/abs/2004.13701); reference
 * code: helme/ecg_ptbxl_benchmarking `code/models/xresnet1d.py`, `basic_conv1d.py` (`fastai_xresnet1d101`, one
 * of the best models of the benchmark).
 *
 * Faithful: stem of ConvLayers (conv -> BatchNorm -> ReLU, first with stride 2), max pool (3, stride 2, padding
 * 1), stages of ResBlocks (basic or bottleneck, stride 2 from the second stage, average-pool + 1x1 conv identity
 * path), fastai initialisation (zero-initialised last norm of each branch, norm biases 1e-3); embedding = the
 * head's concat pooling `[max over time, mean over time]`. Not included: the classifier layers after the pooling
 * (BatchNorm/dropout/Linear, ignored when loading) and the benchmark's sliding-window evaluation (the input is one
 * 2.5 s window at 100 Hz; aggregate windows yourself). Default sizes are small; presets give xresnet1d50/101.
 *
 * PyTorch names (indices of the top nn.Sequential): stem `<i>.0.weight` (conv, `[out, in, k]` -> `[k, in, out]`),
 * `<i>.1.{weight,bias,running_mean,running_var}` (BatchNorm) for i < stem count; stage s at index
 * `stem count + 1 + s`: `<index>.<block>.convs.<j>.{0,1}.*` and `<index>.<block>.idpath.<0|1>.{0,1}.*`.
 * Ignored: `*.convpath.0.*` (the same tensors as `convs`), `*.num_batches_tracked`, the head (the last index).
 */
export const xresnet1d: BackboneDefinition<XResNet1dConfig> = {
  id: 'xresnet1d',
  title: 'xresnet1d (1-D XResNet of the PTB-XL benchmark)',
  reference:
    'Strodthoff et al., Deep Learning for ECG Analysis: Benchmarks and Insights from PTB-XL, IEEE JBHI 2021',
  defaultConfig: {
    sampleRate: 100,
    inputLength: 250,
    leads: STANDARD_12_LEADS,
    expansion: 1,
    blocks: [1, 1, 1, 1],
    stemSizes: [16, 16, 32],
    stageSizes: [32, 32, 32, 32],
    kernelSize: 5,
    stemKernelSize: 5,
    inputMean: 0,
    inputStd: 1,
  },
  presets: {
    xresnet1d50: {
      expansion: 4,
      blocks: [3, 4, 6, 3],
      stemSizes: [32, 32, 64],
      stageSizes: stageSizesFor(4),
    },
    xresnet1d101: {
      expansion: 4,
      blocks: [3, 4, 23, 3],
      stemSizes: [32, 32, 64],
      stageSizes: stageSizesFor(4),
    },
  },
  build(config, scope) {
    const id = 'xresnet1d';
    checkSignalConfig(id, config);
    if (config.expansion !== 1 && config.expansion !== 4) {
      throw new BackboneConfigError(id, 'expansion', `must be 1 or 4, got ${config.expansion}`);
    }
    if (config.blocks.length === 0 || config.blocks.length !== config.stageSizes.length) {
      throw new BackboneConfigError(
        id,
        'stageSizes',
        `needs one width per stage: ${config.blocks.length} stages in blocks, ${config.stageSizes.length} widths`,
      );
    }
    checkIntegers(id, 'blocks', config.blocks, 1);
    checkIntegers(id, 'stageSizes', config.stageSizes, 1);
    if (config.stemSizes.length === 0)
      throw new BackboneConfigError(id, 'stemSizes', 'needs at least one width');
    checkIntegers(id, 'stemSizes', config.stemSizes, 1);
    const stemOut = config.stemSizes[config.stemSizes.length - 1];
    if (stemOut % config.expansion !== 0) {
      throw new BackboneConfigError(
        id,
        'stemSizes',
        `last width ${stemOut} is not divisible by expansion ${config.expansion}`,
      );
    }
    checkInteger(id, 'kernelSize', config.kernelSize, 1);
    checkInteger(id, 'stemKernelSize', config.stemKernelSize, 1);
    if (!(config.inputStd > 0))
      throw new BackboneConfigError(id, 'inputStd', `must be positive, got ${config.inputStd}`);
    return new XResNet1dNetwork(config, scope);
  },
};

class XResNet1dNetwork implements BackboneNetwork {
  readonly input: InputSpec;
  readonly embeddingSize: number;
  readonly ignoredTorchKeys: readonly RegExp[];
  private readonly stem: ConvLayer[];
  private readonly stages: ResBlock[][];

  constructor(config: XResNet1dConfig, scope: ParameterScope) {
    const { expansion, stemSizes, stageSizes, kernelSize } = config;
    this.input = {
      sampleRate: config.sampleRate,
      length: config.inputLength,
      leads: config.leads,
      normalization: { kind: 'standardize', mean: config.inputMean, std: config.inputStd },
    };
    const widths = [config.leads.length, ...stemSizes];
    this.stem = stemSizes.map(
      (_, i) =>
        new ConvLayer(scope.child(i), {
          inChannels: widths[i],
          outChannels: widths[i + 1],
          kernelSize: config.stemKernelSize,
          stride: i === 0 ? 2 : 1,
        }),
    );
    this.stages = config.blocks.map((count, s) => {
      const stage = scope.child(stemSizes.length + 1 + s);
      // Widths before expansion, as fastai counts them: the first stage takes the stem output.
      const stageInput = s === 0 ? stemSizes[stemSizes.length - 1] / expansion : stageSizes[s - 1];
      return Array.from(
        { length: count },
        (_, b) =>
          new ResBlock(stage.child(b), {
            expansion,
            inChannels: b === 0 ? stageInput : stageSizes[s],
            channels: stageSizes[s],
            stride: b === 0 && s > 0 ? 2 : 1,
            kernelSize,
          }),
      );
    });
    this.embeddingSize = 2 * stageSizes[stageSizes.length - 1] * expansion;
    const headIndex = stemSizes.length + 1 + config.blocks.length;
    this.ignoredTorchKeys = [/\.convpath\.0\./, /\.num_batches_tracked$/, new RegExp(`^${headIndex}\\.`)];
  }

  forward(x: tf.Tensor3D, context: ForwardContext): tf.Tensor2D {
    let h = x;
    for (const layer of this.stem) h = layer.apply(h, context);
    h = maxPool3Stride2(h);
    for (const stage of this.stages) for (const block of stage) h = block.apply(h, context);
    // fastai AdaptiveConcatPool1d: [max, mean] over time.
    return tf.concat([tf.max(h, 1), tf.mean(h, 1)], 1) as tf.Tensor2D;
  }
}

/** `nn.MaxPool1d(3, stride=2, padding=1)`: the padding never wins (it is -infinity). */
function maxPool3Stride2(x: tf.Tensor3D): tf.Tensor3D {
  const [batch, time, channels] = x.shape;
  const padded = tf.pad(
    x,
    [
      [0, 0],
      [1, 1],
      [0, 0],
    ],
    Number.NEGATIVE_INFINITY,
  );
  const pooled = tf.maxPool(
    tf.reshape(padded, [batch, time + 2, 1, channels]) as tf.Tensor4D,
    [3, 1],
    [2, 1],
    'valid',
  );
  return tf.reshape(pooled, [batch, pooled.shape[1], channels]) as tf.Tensor3D;
}
