import * as tf from '@tensorflow/tfjs';

/**
 * Creates the initial value of a weight. `seed` is fixed per weight, so a backbone built twice with the same
 * seed starts from the same values on every backend.
 */
export type Initializer = (shape: number[], seed: number) => tf.Tensor;

/** All zeros. */
export const zeros: Initializer = (shape) => tf.zeros(shape);

/** All ones. */
export const ones: Initializer = (shape) => tf.ones(shape);

/** Every entry equal to `value`. */
export function constant(value: number): Initializer {
  return (shape) => tf.fill(shape, value);
}

/** Normal distribution with mean 0 and standard deviation `std`. */
export function normal(std: number): Initializer {
  return (shape, seed) => tf.randomNormal(shape, 0, std, 'float32', seed);
}

/** Uniform distribution on `[-limit, limit]`. */
export function uniform(limit: number): Initializer {
  return (shape, seed) => tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

/** He (Kaiming) normal: std = `gain / sqrt(fan)`, gain sqrt(2) for ReLU as in `torch.nn.init.kaiming_normal_`. */
export function kaimingNormal(fan: number, gain = Math.SQRT2): Initializer {
  return normal(gain / Math.sqrt(fan));
}

/** PyTorch's default for Linear and Conv weights and biases: uniform on `[-1/sqrt(fanIn), 1/sqrt(fanIn)]`. */
export function torchDefault(fanIn: number): Initializer {
  return uniform(1 / Math.sqrt(fanIn));
}
