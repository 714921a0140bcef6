import { sosfiltfilt } from './sos.js';
import type { Sos } from './sos-types.js';
import { requireBelowNyquist, requirePositive } from './validate.js';

/**
 * Second-order IIR notch filter (`scipy.signal.iirnotch(f0, Q, fs)`, after S. J. Orfanidis, "Introduction
 * to Signal Processing", 1996, section 11.3): zeros on the unit circle at `f0`, -3 dB bandwidth `f0 / Q`.
 * Returned as one second-order section `[b0, b1, b2, 1, a1, a2]` holding scipy's `b` and `a`.
 *
 * @param f0Hz - frequency to remove, in (0, fs/2).
 * @param quality - quality factor Q = f0 / bandwidth (> 0).
 * @param fs - sampling frequency in Hz.
 */
export function iirnotch(f0Hz: number, quality: number, fs: number): Sos {
  requireBelowNyquist('notch frequency', f0Hz, fs);
  requirePositive('notch quality factor', quality);
  const w0 = (2 * Math.PI * f0Hz) / fs; // rad/sample
  const bandwidth = w0 / quality;
  const beta = Math.tan(bandwidth / 2);
  const gain = 1 / (1 + beta);
  const cos = Math.cos(w0);
  return [[gain, -2 * gain * cos, gain, 1, -2 * gain * cos, 2 * gain - 1]];
}

/** Options of {@link removePowerline}. */
export interface PowerlineOptions {
  /** Mains frequency in Hz. Default 50 (use 60 in the Americas). */
  frequencyHz?: number;
  /** Notch quality factor. Default 30 (about 1.7 Hz wide at 50 Hz). */
  quality?: number;
}

/** Removes mains interference with {@link iirnotch} applied forward and backward (zero phase). */
export function removePowerline(
  x: ArrayLike<number>,
  fs: number,
  options: PowerlineOptions = {},
): Float64Array {
  const { frequencyHz = 50, quality = 30 } = options;
  return sosfiltfilt(iirnotch(frequencyHz, quality, fs), x);
}
