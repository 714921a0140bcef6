import * as tf from '@tensorflow/tfjs';
import { normal } from '../../core/initializers.js';
import type { ParameterScope } from '../../core/parameter-store.js';

/**
 * T5's bidirectional relative-position bucket of `relative = key - query`: half the buckets for keys after the
 * query; within each half, exact buckets for distances below `buckets / 4`, then logarithmically spaced up to
 * `maxDistance` (Raffel et al. 2020; Hugging Face `T5Attention._relative_position_bucket`).
 */
export function relativePositionBucket(relative: number, buckets: number, maxDistance: number): number {
  const half = Math.floor(buckets / 2);
  const offset = relative > 0 ? half : 0;
  const distance = Math.abs(relative);
  const maxExact = Math.floor(half / 2);
  if (distance < maxExact) return offset + distance;
  const large =
    maxExact +
    Math.trunc((Math.log(distance / maxExact) / Math.log(maxDistance / maxExact)) * (half - maxExact));
  return offset + Math.min(large, half - 1);
}

/**
 * T5 relative position bias: a learned `[buckets, heads]` table (`relative_attention_bias.weight`, an
 * nn.Embedding), looked up per (query, key) pair and added to the attention scores of every layer. The lookup is
 * a product with a constant one-hot matrix, so it is differentiable on every backend.
 */
export class RelativePositionBias {
  readonly table: tf.Variable;
  private readonly oneHot: tf.Tensor2D;

  constructor(
    scope: ParameterScope,
    private readonly length: number,
    private readonly heads: number,
    buckets: number,
    maxDistance: number,
  ) {
    this.table = scope.weight('relative_attention_bias.weight', [buckets, heads], { init: normal(1) });
    const oneHot = new Float32Array(length * length * buckets);
    for (let query = 0; query < length; query++) {
      for (let key = 0; key < length; key++) {
        const bucket = relativePositionBucket(key - query, buckets, maxDistance);
        oneHot[(query * length + key) * buckets + bucket] = 1;
      }
    }
    this.oneHot = scope.constant(tf.tensor2d(oneHot, [length * length, buckets]));
  }

  /** `[1, heads, length, length]`. */
  apply(): tf.Tensor4D {
    return tf.tidy(() => {
      const bias = tf.reshape(tf.matMul(this.oneHot, this.table), [this.length, this.length, this.heads]);
      return tf.expandDims(tf.transpose(bias, [2, 0, 1]), 0) as tf.Tensor4D;
    });
  }
}
