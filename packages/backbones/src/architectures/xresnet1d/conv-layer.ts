import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../../core/definition.js';
import { constant, kaimingNormal, ones, zeros } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { BatchNorm } from '../../nn/batch-norm.js';
import { Conv1d } from '../../nn/conv1d.js';

/** Options of {@link ConvLayer}. */
export interface ConvLayerOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride?: number;
  /** ReLU after the norm (default true). */
  activation?: boolean;
  /** Start the BatchNorm scale at 0 (fastai's BatchZero, the last layer of a residual branch). */
  zeroNorm?: boolean;
}

/**
 * fastai's ConvLayer as used by xresnet1d: Conv1d (no bias, padding `(k-1)/2`) -> BatchNorm1d -> ReLU.
 * Weights `<scope>.0.weight` and `<scope>.1.{weight,bias,running_mean,running_var}`.
 */
export class ConvLayer {
  private readonly conv: Conv1d;
  private readonly norm: BatchNorm;
  private readonly activation: boolean;

  constructor(scope: ParameterScope, options: ConvLayerOptions) {
    const { inChannels, outChannels, kernelSize } = options;
    this.conv = new Conv1d(scope.child(0), {
      inChannels,
      outChannels,
      kernelSize,
      stride: options.stride ?? 1,
      padding: Math.floor((kernelSize - 1) / 2),
      bias: false,
      init: kaimingNormal(inChannels * kernelSize),
    });
    // fastai initialises BatchNorm biases to 1e-3 and scales to 1 (0 for BatchZero).
    this.norm = new BatchNorm(scope.child(1), outChannels, {
      weightInit: options.zeroNorm ? zeros : ones,
      biasInit: constant(1e-3),
    });
    this.activation = options.activation ?? true;
  }

  apply(x: tf.Tensor3D, context: ForwardContext): tf.Tensor3D {
    return tf.tidy(() => {
      const y = this.norm.apply(this.conv.apply(x), context) as tf.Tensor3D;
      return this.activation ? tf.relu(y) : y;
    });
  }
}
