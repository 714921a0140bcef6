import * as tf from '@tensorflow/tfjs';
import { MoeShapeError } from '../errors.js';
import { type Expert, runExpert } from './experts.js';

/**
 * Dense ensemble combination: output[b] = Σᵢ gateWeights[b, i] · expertOutputs[b, i] — what EnECG does.
 * @param gateWeights [batch, E]
 * @param expertOutputs [batch, E, D]
 * @returns [batch, D]
 */
export function combineDense(gateWeights: tf.Tensor2D, expertOutputs: tf.Tensor3D): tf.Tensor2D {
  const [batch, numExperts] = gateWeights.shape;
  if (expertOutputs.rank !== 3 || expertOutputs.shape[0] !== batch || expertOutputs.shape[1] !== numExperts) {
    throw new MoeShapeError(
      'expert outputs',
      [batch, numExperts, null],
      expertOutputs.shape,
      `they must match the gate weights [${batch}, ${numExperts}]`,
    );
  }
  return tf.tidy(() => tf.sum(tf.mul(tf.expandDims(gateWeights, 2), expertOutputs), 1) as tf.Tensor2D);
}

/** Runs every expert on the whole batch `x` and stacks the outputs: [batch, E, D]. */
export function evaluateExperts(experts: readonly Expert[], x: tf.Tensor, training: boolean): tf.Tensor3D {
  return tf.tidy(() => {
    const first = runExpert(experts[0], 0, x, training);
    const rest = experts.slice(1).map((expert, i) => runExpert(expert, i + 1, x, training, first.shape[1]));
    return tf.stack([first, ...rest], 1) as tf.Tensor3D;
  });
}
