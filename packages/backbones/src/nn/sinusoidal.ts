import * as tf from '@tensorflow/tfjs';

/**
 * The fixed sinusoidal position table of "Attention is all you need" as the Time-Series-Library and MOMENT
 * build it: `pe[t, 2i] = sin(t w_i)`, `pe[t, 2i + 1] = cos(t w_i)`, `w_i = exp(-2i ln(10000) / dim)`.
 * Returns `[length, dim]`.
 */
export function sinusoidalPositions(length: number, dim: number): tf.Tensor2D {
  const table = new Float32Array(length * dim);
  for (let t = 0; t < length; t++) {
    for (let i = 0; i < dim; i += 2) {
      // Math.fround mirrors the float32 arithmetic of the PyTorch reference.
      const frequency = Math.fround(Math.exp(Math.fround(i * -(Math.log(10000) / dim))));
      const angle = Math.fround(t * frequency);
      table[t * dim + i] = Math.sin(angle);
      if (i + 1 < dim) table[t * dim + i + 1] = Math.cos(angle);
    }
  }
  return tf.tensor2d(table, [length, dim]);
}
