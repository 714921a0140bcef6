import * as tf from '@tensorflow/tfjs';
import { type Initializer, torchDefault, zeros } from '../core/initializers.js';
import type { ParameterScope } from '../core/parameter-store.js';

/** Options of {@link Conv1d} (PyTorch `nn.Conv1d` arguments). */
export interface Conv1dOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  /** Default 1. */
  stride?: number;
  /** Samples added before and after (one number for both sides, or `[before, after]`). Default 0. */
  padding?: number | readonly [number, number];
  /** `zeros` (default) or `circular` (wrap around, as `padding_mode='circular'`). */
  paddingMode?: 'zeros' | 'circular';
  /** Channel groups (`groups` of `nn.Conv1d`); default 1. */
  groups?: number;
  /** Add a bias (default true). */
  bias?: boolean;
  /** Weight initialiser; default PyTorch's (uniform, 1/sqrt(in/groups x k)). */
  init?: Initializer;
}

/**
 * `nn.Conv1d` on channels-last input `[batch, time, channels]`. Weights `<scope>.weight` (TF.js
 * `[k, in/groups, out]`, PyTorch `[out, in/groups, k]`) and `<scope>.bias`.
 */
export class Conv1d {
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;
  private readonly stride: number;
  private readonly padding: readonly [number, number];
  private readonly paddingMode: 'zeros' | 'circular';
  private readonly groups: number;

  constructor(scope: ParameterScope, options: Conv1dOptions) {
    const { inChannels, outChannels, kernelSize, groups = 1 } = options;
    const fanIn = (inChannels / groups) * kernelSize;
    this.weight = scope.weight('weight', [kernelSize, inChannels / groups, outChannels], {
      init: options.init ?? torchDefault(fanIn),
      layout: 'conv1d',
    });
    this.bias = options.bias === false ? null : scope.weight('bias', [outChannels], { init: zeros });
    this.stride = options.stride ?? 1;
    const padding = options.padding ?? 0;
    this.padding = typeof padding === 'number' ? [padding, padding] : padding;
    this.paddingMode = options.paddingMode ?? 'zeros';
    this.groups = groups;
  }

  /** `[batch, time, in]` to `[batch, floor((time + padding - k) / stride) + 1, out]`. */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const padded = this.pad(x);
      const y = groupedConv1d(padded, this.weight as tf.Tensor3D, this.stride, this.groups);
      return this.bias === null ? y : tf.add<tf.Tensor3D>(y, this.bias);
    });
  }

  private pad(x: tf.Tensor3D): tf.Tensor3D {
    const [before, after] = this.padding;
    if (before === 0 && after === 0) return x;
    if (this.paddingMode === 'zeros') {
      return tf.pad(x, [
        [0, 0],
        [before, after],
        [0, 0],
      ]);
    }
    const time = x.shape[1];
    const parts: tf.Tensor3D[] = [];
    if (before > 0) parts.push(tf.slice(x, [0, time - before, 0], [-1, before, -1]));
    parts.push(x);
    if (after > 0) parts.push(tf.slice(x, [0, 0, 0], [-1, after, -1]));
    return tf.concat(parts, 1);
  }
}

/**
 * Valid (unpadded) 1-D convolution with channel groups, as `F.conv1d(..., groups)`: `kernel` is
 * `[k, in/groups, out]`; group g maps input channels `[g in/groups, (g+1) in/groups)` to output channels
 * `[g out/groups, (g+1) out/groups)`. TF.js convolutions have no groups, so each group is its own convolution.
 */
export function groupedConv1d(
  x: tf.Tensor3D,
  kernel: tf.Tensor3D,
  stride: number,
  groups: number,
): tf.Tensor3D {
  if (groups === 1) return tf.conv1d(x, kernel, stride, 'valid');
  return tf.tidy(() => {
    const inputs = tf.split(x, groups, 2) as tf.Tensor3D[];
    const kernels = tf.split(kernel, groups, 2) as tf.Tensor3D[];
    return tf.concat(
      inputs.map((input, g) => tf.conv1d(input, kernels[g], stride, 'valid')),
      2,
    );
  });
}
