import * as tf from '@tensorflow/tfjs';
import type { ParameterScope } from '../../core/parameter-store.js';
import { gelu } from '../../nn/activations.js';
import { InceptionBlock } from './inception-block.js';
import { dftBasis, meanAmplitudes, topPeriods } from './periods.js';

/** Sizes of a {@link TimesBlock}. */
export interface TimesBlockOptions {
  time: number;
  modelDim: number;
  ffDim: number;
  numKernels: number;
  topK: number;
  /** Pick the periods per sample, or once per batch from the batch-mean spectrum (the reference). */
  periodScope: 'sample' | 'batch';
}

/**
 * TimesNet's TimesBlock: find the top-k periods from the spectrum, fold the series into a 2-D
 * `[time / period, period]` image per period, apply inception block -> GELU -> inception block, unfold, and
 * combine the k results weighted by the softmax of their amplitudes; plus a residual connection.
 * Weights `<scope>.conv.0.*` and `<scope>.conv.2.*` (the reference's nn.Sequential indices).
 */
export class TimesBlock {
  private readonly first: InceptionBlock;
  private readonly second: InceptionBlock;

  constructor(
    scope: ParameterScope,
    private readonly options: TimesBlockOptions,
    /** DFT basis for every rfft frequency of `time` samples (shared by the blocks of a network). */
    private readonly spectrumBasis: { cos: tf.Tensor2D; sin: tf.Tensor2D },
  ) {
    const { modelDim, ffDim, numKernels } = options;
    this.first = new InceptionBlock(scope.child('conv').child(0), modelDim, ffDim, numKernels);
    this.second = new InceptionBlock(scope.child('conv').child(2), ffDim, modelDim, numKernels);
  }

  apply(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, time] = x.shape;
      // Period selection reads values back: like the reference (.cpu().numpy()), it is not differentiable.
      const amplitudes = meanAmplitudes(x, this.spectrumBasis).dataSync() as Float32Array;
      const frequencies = amplitudes.length / batch;
      let mixed: tf.Tensor3D;
      if (this.options.periodScope === 'batch') {
        const batchMean = new Float32Array(frequencies);
        amplitudes.forEach((value, i) => {
          batchMean[i % frequencies] += value / batch;
        });
        mixed = this.mixPeriods(x, topPeriods(batchMean, time, this.options.topK).frequencies);
      } else {
        const samples = tf.split(x, batch, 0) as tf.Tensor3D[];
        mixed = tf.concat(
          samples.map((sample, b) => {
            const row = amplitudes.subarray(b * frequencies, (b + 1) * frequencies);
            return this.mixPeriods(sample, topPeriods(row, time, this.options.topK).frequencies);
          }),
          0,
        );
      }
      return tf.add(mixed, x);
    });
  }

  /** The k folded-convolution results, weighted by the softmax of the mean amplitudes of their frequencies. */
  private mixPeriods(x: tf.Tensor3D, frequencies: number[]): tf.Tensor3D {
    const [batch, time] = x.shape;
    const basis = dftBasis(time, frequencies);
    const weights = tf.softmax(meanAmplitudes(x, basis), -1); // [batch, k]
    const results = frequencies.map((f) => this.periodPath(x, Math.floor(time / f)));
    const stacked = tf.stack(results, -1); // [batch, time, channels, k]
    return tf.sum(tf.mul(stacked, tf.reshape(weights, [batch, 1, 1, frequencies.length])), -1) as tf.Tensor3D;
  }

  /** Zero-pad to a multiple of `period`, fold to `[batch, rows, period, channels]`, convolve, unfold, crop. */
  private periodPath(x: tf.Tensor3D, period: number): tf.Tensor3D {
    const [batch, time, channels] = x.shape;
    const length = Math.ceil(time / period) * period;
    const padded =
      length === time
        ? x
        : tf.pad(x, [
            [0, 0],
            [0, length - time],
            [0, 0],
          ]);
    const image = tf.reshape(padded, [batch, length / period, period, channels]) as tf.Tensor4D;
    const out = this.second.apply(gelu(this.first.apply(image)) as tf.Tensor4D);
    return tf.slice(tf.reshape(out, [batch, length, channels]), [0, 0, 0], [-1, time, -1]) as tf.Tensor3D;
  }
}
