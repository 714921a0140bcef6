import { fftInPlace } from './fft.js';
import { requireInteger, requireLength } from './validate.js';

/**
 * Resamples a real signal to `num` samples with the Fourier method, with the semantics of
 * `scipy.signal.resample(x, num)` (no window): the spectrum is truncated or zero-padded and the signal is
 * assumed periodic. When `min(x.length, num)` is even and the lengths differ, the unpaired bin at
 * `min/2` is doubled (down-sampling: the ±Nyquist pair is merged) or halved (up-sampling: it is split into a
 * pair), exactly as scipy does. A band-limited periodic signal is reproduced exactly.
 *
 * @param x - input samples (at least one).
 * @param num - number of output samples (>= 1).
 * @returns `num` samples spanning the same duration as `x`.
 */
export function resampleFft(x: ArrayLike<number>, num: number): Float64Array {
  requireLength('resampleFft input', x, 1);
  requireInteger('resampleFft output length', num, 1);
  const n = x.length;
  const re = Float64Array.from(x);
  const im = new Float64Array(n);
  fftInPlace(re, im);

  const m = Math.min(n, num);
  const kept = Math.floor(m / 2) + 1; // one-sided bins carried over
  const unpaired = m % 2 === 0 && num !== n ? m / 2 : -1;
  const unpairedFactor = num < n ? 2 : 0.5;

  // Build the Hermitian spectrum of the output, as irfft(X[:kept], num) would.
  const yr = new Float64Array(num);
  const yi = new Float64Array(num);
  yr[0] = re[0];
  for (let k = 1; k < kept; k++) {
    const factor = k === unpaired ? unpairedFactor : 1;
    const br = re[k] * factor;
    const bi = im[k] * factor;
    if (2 * k === num) {
      yr[k] = br; // the output's own Nyquist bin is real: irfft ignores its imaginary part
    } else {
      yr[k] = br;
      yi[k] = bi;
      yr[num - k] = br;
      yi[num - k] = -bi;
    }
  }
  fftInPlace(yr, yi, true);
  // irfft divides by num and scipy multiplies by num / n: together 1 / n.
  for (let j = 0; j < num; j++) yr[j] /= n;
  return yr;
}
