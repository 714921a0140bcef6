import * as tf from '@tensorflow/tfjs';
import type { ForwardContext } from '../core/definition.js';

/** Inverted dropout with probability `rate` in training mode; the identity otherwise. */
export function dropout<T extends tf.Tensor>(x: T, rate: number, context: ForwardContext): T {
  return context.training && rate > 0 ? (tf.dropout(x, rate) as T) : x;
}
