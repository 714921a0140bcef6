import * as tf from '@tensorflow/tfjs';
import { MoeRoutingError, MoeShapeError } from '../errors.js';
import { type Expert, runExpert } from './experts.js';
import { gatherRows, scatterAddRows } from './row-ops.js';

/**
 * Sparse dispatch: expert i runs only on the examples with a non-zero gate weight for it (gathered into one
 * batch), and its outputs are scattered back weighted: output[b] = Σ_{i: g[b,i] ≠ 0} g[b, i] · expertᵢ(x[b]).
 * Equals {@link combineDense} with the same gate weights, without computing the zero-weight pairs; experts
 * with no example are not called. Gradients reach the gate weights and the experts.
 *
 * The gate weights are read back from the device to build the batches (a synchronous `dataSync`).
 * @param experts E experts
 * @param x expert input [batch, ...]
 * @param gateWeights [batch, E]
 * @returns [batch, D]
 */
export function dispatchSparse(
  experts: readonly Expert[],
  x: tf.Tensor,
  gateWeights: tf.Tensor2D,
  training: boolean,
): tf.Tensor2D {
  const batch = x.shape[0];
  const numExperts = experts.length;
  if (gateWeights.rank !== 2 || gateWeights.shape[0] !== batch || gateWeights.shape[1] !== numExperts) {
    throw new MoeShapeError(
      'gate weights',
      [batch, numExperts],
      gateWeights.shape,
      `one weight per example of x [${x.shape.join(', ')}] and per expert (${numExperts} experts)`,
    );
  }
  return tf.tidy(() => {
    const weightValues = gateWeights.dataSync();
    const outputs: tf.Tensor2D[] = [];
    // For each row of the concatenated outputs: the example it belongs to, and its weight's flat index.
    const exampleOfRow: number[] = [];
    const weightIndexOfRow: number[] = [];
    experts.forEach((expert, i) => {
      const examples: number[] = [];
      for (let b = 0; b < batch; b++) if (weightValues[b * numExperts + i] !== 0) examples.push(b);
      if (examples.length === 0) return;
      const units = outputs.length ? outputs[0].shape[1] : undefined;
      outputs.push(runExpert(expert, i, gatherRows(x, examples), training, units));
      exampleOfRow.push(...examples);
      weightIndexOfRow.push(...examples.map((b) => b * numExperts + i));
    });
    if (outputs.length === 0) {
      throw new MoeRoutingError(
        'sparse dispatch: every gate weight is zero, so no expert runs on any example',
      );
    }
    const weights = gatherRows(tf.reshape(gateWeights, [-1]), weightIndexOfRow);
    const weighted = tf.mul(tf.concat(outputs, 0), tf.expandDims(weights, 1));
    return scatterAddRows(weighted, exampleOfRow, batch) as tf.Tensor2D;
  });
}
