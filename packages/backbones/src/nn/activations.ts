import * as tf from '@tensorflow/tfjs';

/** GELU, exact form `x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2))` (PyTorch `nn.GELU()`, `F.gelu`). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}

/**
 * GELU, tanh approximation `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` (Hugging Face `gelu_new`, used by
 * T5 v1.1 / Flan-T5 gated feed-forward layers).
 */
export function geluTanh(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
  });
}
