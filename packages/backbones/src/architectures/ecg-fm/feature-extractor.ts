import * as tf from '@tensorflow/tfjs';
import { kaimingNormal } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { gelu } from '../../nn/activations.js';
import { Conv1d } from '../../nn/conv1d.js';
import { GroupNorm } from '../../nn/group-norm.js';
import { LayerNorm } from '../../nn/layer-norm.js';

/** One convolution of the feature encoder: `[channels, kernel size, stride]`. */
export type ConvLayerSpec = readonly [channels: number, kernelSize: number, stride: number];

/**
 * wav2vec 2.0's convolutional feature encoder (fairseq-signals `ConvFeatureExtraction`): strided Conv1d layers
 * (no padding), each followed by a norm and GELU. `default` mode: a GroupNorm with one group per channel after the
 * first convolution only; `layer_norm` mode: a LayerNorm over channels after every convolution. Weights
 * `<scope>.conv_layers.<i>.0.weight` (conv), `<scope>.conv_layers.0.2.{weight,bias}` (group norm) or
 * `<scope>.conv_layers.<i>.2.1.{weight,bias}` (layer norm).
 */
export class FeatureExtractor {
  private readonly layers: { conv: Conv1d; norm: GroupNorm | LayerNorm | null }[];

  constructor(
    scope: ParameterScope,
    specs: readonly ConvLayerSpec[],
    inChannels: number,
    mode: 'default' | 'layer_norm',
    convBias: boolean,
  ) {
    let channels = inChannels;
    this.layers = specs.map(([outChannels, kernelSize, stride], i) => {
      const layer = scope.child('conv_layers').child(i);
      const conv = new Conv1d(layer.child(0), {
        inChannels: channels,
        outChannels,
        kernelSize,
        stride,
        bias: convBias,
        init: kaimingNormal(channels * kernelSize),
      });
      channels = outChannels;
      let norm: GroupNorm | LayerNorm | null = null;
      if (mode === 'layer_norm') norm = new LayerNorm(layer.child('2.1'), outChannels);
      else if (i === 0) norm = new GroupNorm(layer.child(2), outChannels, outChannels);
      return { conv, norm };
    });
  }

  /** `[batch, time, leads]` to `[batch, frames, channels]`. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      let h = x;
      for (const { conv, norm } of this.layers) {
        h = conv.apply(h);
        if (norm !== null) h = norm.apply(h) as tf.Tensor3D;
        h = gelu(h) as tf.Tensor3D;
      }
      return h;
    });
  }
}

/** Frames the encoder produces from `length` samples (each layer: `floor((n - k) / stride) + 1`). */
export function featureFrames(length: number, specs: readonly ConvLayerSpec[]): number {
  return specs.reduce((n, [, kernelSize, stride]) => Math.floor((n - kernelSize) / stride) + 1, length);
}
