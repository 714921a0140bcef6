import * as tf from '@tensorflow/tfjs';
import { MoeConfigError } from './errors.js';

/** Activations of the softmax gate's hidden layers. `gelu` is the exact (erf) form. */
export type GateActivation = 'relu' | 'gelu' | 'tanh' | 'sigmoid' | 'elu' | 'swish' | 'linear';

const ACTIVATIONS: Record<GateActivation, (x: tf.Tensor) => tf.Tensor> = {
  relu: (x) => tf.relu(x),
  gelu: (x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))),
  tanh: (x) => tf.tanh(x),
  sigmoid: (x) => tf.sigmoid(x),
  elu: (x) => tf.elu(x),
  swish: (x) => tf.mul(x, tf.sigmoid(x)),
  linear: (x) => x,
};

/** The names `GateActivation` allows. */
export const GATE_ACTIVATIONS = Object.keys(ACTIVATIONS) as GateActivation[];

/** The function of a named activation; `MoeConfigError` for an unknown name. */
export function activationFunction(name: GateActivation): (x: tf.Tensor) => tf.Tensor {
  if (!Object.hasOwn(ACTIVATIONS, name)) {
    throw new MoeConfigError(
      'activation',
      `unknown activation "${name}"; use one of ${GATE_ACTIVATIONS.join(', ')}`,
    );
  }
  return ACTIVATIONS[name];
}
