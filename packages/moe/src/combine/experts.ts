import type * as tf from '@tensorflow/tfjs';
import { MoeShapeError } from '../errors.js';

/** An expert as a function: maps a batch [n, ...] to outputs [n, D]. Its variables are the caller's. */
export type ExpertFunction = (x: tf.Tensor, options: { training: boolean }) => tf.Tensor;

/**
 * An expert: a function, or any TensorFlow.js layer or Layers model mapping [n, ...] to [n, D]. Layers are
 * called with `layer.apply(x, { training })`, so their dropout and batch-norm layers follow the mode.
 */
export type Expert = ExpertFunction | tf.layers.Layer;

/** Runs expert number `index` on `x` and checks that it returns [x.shape[0], D] (D = `outputUnits` if given). */
export function runExpert(
  expert: Expert,
  index: number,
  x: tf.Tensor,
  training: boolean,
  outputUnits?: number,
): tf.Tensor2D {
  // Layers are objects and expert functions are functions (tested with typeof rather than instanceof, which
  // fails when the layer comes from another copy of TensorFlow.js).
  const y =
    typeof expert === 'function' ? expert(x, { training }) : (expert.apply(x, { training }) as tf.Tensor);
  const rows = x.shape[0];
  const units = outputUnits ?? y.shape[1];
  if (y.rank !== 2 || y.shape[0] !== rows || y.shape[1] !== units) {
    throw new MoeShapeError(
      `output of expert ${index}`,
      [rows, units ?? null],
      y.shape,
      'experts must map [n, ...] to [n, D], with the same D for every expert',
    );
  }
  return y as tf.Tensor2D;
}

/**
 * The trainable variables of the experts that are layers (function experts' variables are the caller's).
 * A layer weight's `read()` is its `tf.Variable`.
 */
export function expertVariables(experts: readonly Expert[]): tf.Variable[] {
  return experts.flatMap((expert) =>
    typeof expert === 'function' ? [] : expert.trainableWeights.map((w) => w.read() as tf.Variable),
  );
}
