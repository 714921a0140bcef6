import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../../core/definition.js';
import type { ParameterScope } from '../../core/parameter-store.js';
import { ConvLayer } from './conv-layer.js';

/** Options of {@link ResBlock}; widths before multiplying by `expansion`, as in fastai. */
export interface ResBlockOptions {
  expansion: number;
  inChannels: number;
  channels: number;
  stride: number;
  kernelSize: number;
}

/**
 * fastai's ResBlock (xresnet1d): a residual branch of ConvLayers — `[k, k]` for expansion 1, the bottleneck
 * `[1, k, 1]` otherwise, stride on the k-sized convolution, the last one without ReLU and with a zero-initialised
 * norm — plus an identity path (average pool of 2 with ceil mode when strided, then a 1x1 ConvLayer without ReLU
 * when the widths differ), summed, then ReLU. Weights `<scope>.convs.<j>.*` and `<scope>.idpath.<j>.*` (the
 * reference also lists the branch as `convpath.0.*`, the same tensors).
 */
export class ResBlock {
  private readonly convs: ConvLayer[];
  private readonly idConv: ConvLayer | null;
  private readonly pool: boolean;

  constructor(scope: ParameterScope, options: ResBlockOptions) {
    const { expansion, channels, stride, kernelSize } = options;
    const inChannels = options.inChannels * expansion;
    const outChannels = channels * expansion;
    const convs = scope.child('convs');
    const plan: [number, number, number, number][] =
      expansion === 1
        ? [
            [inChannels, channels, kernelSize, stride],
            [channels, outChannels, kernelSize, 1],
          ]
        : [
            [inChannels, channels, 1, 1],
            [channels, channels, kernelSize, stride],
            [channels, outChannels, 1, 1],
          ];
    this.convs = plan.map(([inC, outC, k, s], j) => {
      const last = j === plan.length - 1;
      return new ConvLayer(convs.child(j), {
        inChannels: inC,
        outChannels: outC,
        kernelSize: k,
        stride: s,
        activation: !last,
        zeroNorm: last,
      });
    });
    this.pool = stride !== 1;
    this.idConv =
      inChannels === outChannels
        ? null
        : new ConvLayer(scope.child('idpath').child(this.pool ? 1 : 0), {
            inChannels,
            outChannels,
            kernelSize: 1,
            activation: false,
          });
  }

  apply(x: tf.Tensor3D, context: ForwardContext): tf.Tensor3D {
    return tf.tidy(() => {
      let branch = x;
      for (const conv of this.convs) branch = conv.apply(branch, context);
      let identity = this.pool ? averagePoolCeil(x) : x;
      if (this.idConv !== null) identity = this.idConv.apply(identity, context);
      return tf.relu(tf.add(branch, identity)) as tf.Tensor3D;
    });
  }
}

/**
 * `nn.AvgPool1d(2, ceil_mode=True)`: averages of sample pairs; for an odd length the last window holds one
 * sample and averages to it (PyTorch divides by the samples inside the input).
 */
function averagePoolCeil(x: tf.Tensor3D): tf.Tensor3D {
  const [batch, time, channels] = x.shape;
  const even = time % 2 === 0 ? x : tf.concat([x, tf.slice(x, [0, time - 1, 0], [-1, 1, -1])], 1);
  const pairs = tf.reshape(even, [batch, Math.ceil(time / 2), 2, channels]);
  return tf.mean(pairs, 2) as tf.Tensor3D;
}
