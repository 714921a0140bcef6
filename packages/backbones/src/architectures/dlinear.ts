import { STANDARD_12_LEADS } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { BackboneDefinition, BackboneNetwork } from '../core/definition.js';
import { constant, torchDefault } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';
import { BackboneConfigError } from '../errors.js';
import { checkInteger, checkSignalConfig, type SignalConfig } from './config-checks.js';

/** Configuration of {@link dlinear}. */
export interface DLinearConfig extends SignalConfig {
  /** Window of the moving average that extracts the trend (odd; `moving_avg`, 25 in the paper). */
  movingAverage: number;
  /** Length each lead is mapped to (`pred_len`); `null`: the input length, as in the reference's classifier. */
  outputLength: number | null;
  /** One pair of linear layers per lead (`individual=True`) instead of one shared pair. */
  individual: boolean;
}

/**
 * DLinear — Zeng, Chen, Zhang, Xu, "Are Transformers Effective for Time Series Forecasting?", AAAI 2023
 * (https://arxiv.org/abs/2205.13504); reference code: thuml/Time-Series-Library `models/DLinear.py`.
 *
 * Each lead is split into a trend (moving average with the ends padded by repeating the first and last sample)
 * and a seasonal remainder; a linear layer over time maps each to `outputLength` values, and their sum,
 * `[outputLength, leads]` flattened time-major, is the embedding — what the reference's classifier feeds to its
 * projection. Faithful: decomposition, padding, shared or per-lead layers, initial weights `1 / inputLength`.
 * Not included: the task heads (the classifier `projection` is ignored when loading PyTorch weights).
 *
 * PyTorch names: `Linear_Seasonal.weight` `[out, in]` -> `[in, out]`, `Linear_Seasonal.bias`, same for
 * `Linear_Trend`; with `individual`, `Linear_Seasonal.<lead>.weight` etc.
 */
export const dlinear: BackboneDefinition<DLinearConfig> = {
  id: 'dlinear',
  title: 'DLinear (series decomposition + linear layers)',
  reference: 'Zeng et al., Are Transformers Effective for Time Series Forecasting?, AAAI 2023',
  defaultConfig: {
    sampleRate: 100,
    inputLength: 1000,
    leads: STANDARD_12_LEADS,
    movingAverage: 25,
    outputLength: 24,
    individual: false,
  },
  presets: {
    /** Time-Series-Library classification: every lead mapped to its own length (12 leads x 1000 = 12000-d). */
    published: { outputLength: null },
  },
  build(config, scope) {
    checkSignalConfig('dlinear', config);
    checkInteger('dlinear', 'movingAverage', config.movingAverage, 1);
    if (config.movingAverage % 2 === 0) {
      throw new BackboneConfigError('dlinear', 'movingAverage', `must be odd, got ${config.movingAverage}`);
    }
    const outputLength = config.outputLength ?? config.inputLength;
    checkInteger('dlinear', 'outputLength', outputLength, 1);
    return new DLinearNetwork(config, outputLength, scope);
  },
};

class DLinearNetwork implements BackboneNetwork {
  readonly input;
  readonly embeddingSize: number;
  readonly ignoredTorchKeys = [/^projection\./];
  private readonly seasonal: tf.Variable[][];
  private readonly trend: tf.Variable[][];

  constructor(
    private readonly config: DLinearConfig,
    private readonly outputLength: number,
    scope: ParameterScope,
  ) {
    this.input = {
      sampleRate: config.sampleRate,
      length: config.inputLength,
      leads: config.leads,
      normalization: { kind: 'zscore', scope: 'perLead' },
    } as const;
    this.embeddingSize = outputLength * config.leads.length;
    const pairs = config.individual ? config.leads.length : 1;
    const layer = (name: string) =>
      Array.from({ length: pairs }, (_, lead) => {
        const s = config.individual ? scope.child(name).child(lead) : scope.child(name);
        return [
          s.weight('weight', [config.inputLength, outputLength], {
            init: constant(1 / config.inputLength),
            layout: 'linear',
          }),
          s.weight('bias', [outputLength], { init: torchDefault(config.inputLength) }),
        ];
      });
    this.seasonal = layer('Linear_Seasonal');
    this.trend = layer('Linear_Trend');
  }

  forward(x: tf.Tensor3D): tf.Tensor2D {
    const trend = this.movingAverage(x);
    const seasonal = tf.sub(x, trend) as tf.Tensor3D;
    const out = tf.add(this.overTime(seasonal, this.seasonal), this.overTime(trend, this.trend));
    return tf.reshape(out, [x.shape[0], this.embeddingSize]);
  }

  /** `[batch, time, leads]` -> `[batch, outputLength, leads]`: a linear layer along time, shared or per lead. */
  private overTime(x: tf.Tensor3D, layers: tf.Variable[][]): tf.Tensor3D {
    const [batch, time, leads] = x.shape;
    if (layers.length === 1) {
      const [weight, bias] = layers[0];
      const rows = tf.reshape(tf.transpose(x, [0, 2, 1]), [batch * leads, time]);
      const y = tf.reshape(tf.add(tf.matMul(rows, weight), bias), [batch, leads, this.outputLength]);
      return tf.transpose(y, [0, 2, 1]) as tf.Tensor3D;
    }
    const weights = tf.stack(layers.map(([weight]) => weight)) as tf.Tensor3D; // [leads, time, out]
    const biases = tf.expandDims(tf.stack(layers.map(([, bias]) => bias)), 1); // [leads, 1, out]
    const y = tf.add(tf.matMul(tf.transpose(x, [2, 0, 1]), weights), biases); // [leads, batch, out]
    return tf.transpose(y, [1, 2, 0]) as tf.Tensor3D;
  }

  /** Moving average over time with the ends padded by repeating the first and last samples. */
  private movingAverage(x: tf.Tensor3D): tf.Tensor3D {
    const [batch, time, leads] = x.shape;
    const half = (this.config.movingAverage - 1) / 2;
    const first = tf.tile(tf.slice(x, [0, 0, 0], [-1, 1, -1]), [1, half, 1]);
    const last = tf.tile(tf.slice(x, [0, time - 1, 0], [-1, 1, -1]), [1, half, 1]);
    const padded = tf.concat([first, x, last], 1).reshape([batch, time + 2 * half, 1, leads]);
    const averaged = tf.avgPool(padded as tf.Tensor4D, [this.config.movingAverage, 1], 1, 'valid');
    return tf.reshape(averaged, [batch, time, leads]) as tf.Tensor3D;
  }
}
