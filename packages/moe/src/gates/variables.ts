import * as tf from '@tensorflow/tfjs';

/** A TensorFlow.js weight initialiser (`tf.initializers.*`). */
export type WeightInitializer = ReturnType<typeof tf.initializers.zeros>;

/** A new trainable variable of `shape` filled by `initializer`. */
export function createVariable(shape: number[], initializer: WeightInitializer): tf.Variable {
  // The variable keeps its own reference to the data; tidy frees the initial tensor.
  return tf.tidy(() => tf.variable(initializer.apply(shape), true));
}

/**
 * The router initialiser of Switch Transformers: truncated normal with mean 0 and standard deviation
 * sqrt(0.1 / fanIn), small enough that routing starts close to uniform.
 */
export function routerInitializer(fanIn: number, seed: number | undefined): WeightInitializer {
  return tf.initializers.truncatedNormal({ mean: 0, stddev: Math.sqrt(0.1 / fanIn), seed });
}
