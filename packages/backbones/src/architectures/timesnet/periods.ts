import * as tf from '@tensorflow/tfjs';

/**
 * `[time, frequencies]` real DFT bases (cos and -sin) for frequencies 0..floor(time/2), as `torch.fft.rfft` along
 * time: `re[f] = sum_t x[t] cos(2 pi f t / T)`, `im[f] = -sum_t x[t] sin(2 pi f t / T)`. A matrix product instead
 * of an FFT: the wasm backend has no FFT kernel, and this is differentiable on every backend.
 */
export function dftBasis(
  time: number,
  frequencies: readonly number[],
): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const cos = new Float32Array(time * frequencies.length);
  const sin = new Float32Array(time * frequencies.length);
  for (let t = 0; t < time; t++) {
    frequencies.forEach((f, j) => {
      // (f t mod T) keeps the angle small, so float64 sin/cos stay exact to float32 precision.
      const angle = (2 * Math.PI * ((f * t) % time)) / time;
      cos[t * frequencies.length + j] = Math.cos(angle);
      sin[t * frequencies.length + j] = -Math.sin(angle);
    });
  }
  return {
    cos: tf.tensor2d(cos, [time, frequencies.length]),
    sin: tf.tensor2d(sin, [time, frequencies.length]),
  };
}

/**
 * Amplitudes `|rfft(x)|` along time, averaged over channels: `[batch, time, channels]` to `[batch, frequencies]`.
 * The power is floored at 1e-12 before the square root so that the gradient stays finite at zero amplitude
 * (PyTorch defines the gradient of |z| at 0 as 0; here it is 0 too).
 */
export function meanAmplitudes(x: tf.Tensor3D, basis: { cos: tf.Tensor2D; sin: tf.Tensor2D }): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, time, channels] = x.shape;
    const rows = tf.reshape(tf.transpose(x, [0, 2, 1]), [batch * channels, time]);
    const power = tf.add(tf.square(tf.matMul(rows, basis.cos)), tf.square(tf.matMul(rows, basis.sin)));
    const amplitude = tf.sqrt(tf.maximum(power, 1e-12));
    return tf.mean(tf.reshape(amplitude, [batch, channels, -1]), 1) as tf.Tensor2D;
  });
}

/**
 * TimesNet's FFT_for_Period selection: the `k` frequencies with the largest amplitude (frequency 0 excluded),
 * largest first, and their periods `floor(time / f)`.
 */
export function topPeriods(
  amplitudes: Float32Array,
  time: number,
  k: number,
): { frequencies: number[]; periods: number[] } {
  const candidates = Array.from({ length: amplitudes.length - 1 }, (_, i) => i + 1);
  // Stable sort: equal amplitudes keep the lower frequency first.
  candidates.sort((a, b) => amplitudes[b] - amplitudes[a]);
  const frequencies = candidates.slice(0, k);
  return { frequencies, periods: frequencies.map((f) => Math.floor(time / f)) };
}
