import * as tf from '@tensorflow/tfjs';
import { constant, normal, zeros } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { gelu } from '../../nn/activations.js';
import { groupedConv1d } from '../../nn/conv1d.js';

/**
 * wav2vec 2.0's convolutional positional embedding (fairseq-signals `ConvPositionalEncoding`): a grouped Conv1d
 * (`kernelSize`, padding `kernelSize / 2`, `groups`) with weight normalisation over the kernel axis (`dim=2`),
 * the last frame dropped for even kernels (SamePad), then GELU. Returns the embedding only (the caller adds it).
 *
 * Weight norm: `weight = g * v / ||v||`, the norm taken for each kernel tap over output and input channels. Weights
 * `<scope>.0.parametrizations.weight.original0` (g, `[1, 1, k]`, also read from `weight_g`),
 * `<scope>.0.parametrizations.weight.original1` (v, conv layout, also `weight_v`) and `<scope>.0.bias`.
 */
export class ConvPositionalEncoding {
  private readonly g: tf.Variable;
  private readonly v: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(
    scope: ParameterScope,
    dim: number,
    private readonly kernelSize: number,
    private readonly groups: number,
  ) {
    const conv = scope.child(0);
    // Reference initialisation: v ~ N(0, 4 / (k * dim)); weight_norm then sets g = ||v||, about sqrt(4 / k).
    const std = Math.sqrt(4 / (kernelSize * dim));
    this.g = conv.weight('parametrizations.weight.original0', [1, 1, kernelSize], {
      init: constant(std * Math.sqrt(dim * (dim / groups))),
      aliases: ['weight_g'],
    });
    this.v = conv.weight('parametrizations.weight.original1', [kernelSize, dim / groups, dim], {
      init: normal(std),
      layout: 'conv1d',
      aliases: ['weight_v'],
    });
    this.bias = conv.weight('bias', [dim], { init: zeros });
  }

  /** `[batch, frames, dim]` to `[batch, frames, dim]`. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const norm = tf.sqrt(tf.sum(tf.square(this.v), [1, 2], true)); // [k, 1, 1]
      const weight = tf.mul(tf.div(this.v, norm), tf.reshape(this.g, [this.kernelSize, 1, 1]));
      const half = Math.floor(this.kernelSize / 2);
      const padded = tf.pad(x, [
        [0, 0],
        [half, half],
        [0, 0],
      ]);
      const conv = groupedConv1d(padded, weight as tf.Tensor3D, 1, this.groups);
      const frames = x.shape[1];
      // SamePad: an even kernel yields one frame too many; drop the last.
      const same = tf.slice(conv, [0, 0, 0], [-1, frames, -1]);
      return gelu(tf.add(same, this.bias)) as tf.Tensor3D;
    });
  }
}
