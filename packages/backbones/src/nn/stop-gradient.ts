import * as tf from '@tensorflow/tfjs';

/** The identity whose gradient is zero (PyTorch `.detach()`): no gradient flows back through the result. */
export const stopGradient: (x: tf.Tensor) => tf.Tensor = tf.customGrad(
  (...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }),
);
