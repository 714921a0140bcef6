import { EcgRangeError } from '../errors.js';
import { requireInteger } from './validate.js';

/**
 * Modified Bessel function of the first kind, order 0: `I0(x) = sum_k ((x/2)^k / k!)^2`.
 * The power series converges for every x; it is summed until terms stop changing the result.
 */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > sum * Number.EPSILON; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

/**
 * Symmetric Kaiser window of `length` points (like `scipy.signal.windows.kaiser(length, beta, sym=True)`):
 * `w[n] = I0(beta * sqrt(1 - (2n/(length-1) - 1)^2)) / I0(beta)`.
 */
export function kaiserWindow(length: number, beta: number): Float64Array {
  requireInteger('Kaiser window length', length, 1);
  if (!Number.isFinite(beta) || beta < 0) throw new EcgRangeError(`Kaiser beta must be >= 0, got ${beta}`);
  const w = new Float64Array(length);
  if (length === 1) {
    w[0] = 1;
    return w;
  }
  const alpha = (length - 1) / 2;
  const norm = besselI0(beta);
  for (let n = 0; n < length; n++) {
    const r = (n - alpha) / alpha;
    w[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
  }
  return w;
}

/**
 * Linear-phase low-pass FIR filter designed by the window method with a Kaiser window, like
 * `scipy.signal.firwin(numtaps, cutoff, window=('kaiser', beta))`: a windowed ideal low-pass
 * `cutoff * sinc(cutoff * (n - (numtaps-1)/2))`, scaled to unit gain at DC (taps sum to 1).
 *
 * @param numtaps - filter length (>= 1).
 * @param cutoff - cutoff as a fraction of the Nyquist frequency, in (0, 1).
 * @param beta - Kaiser shape parameter (default 5, scipy's choice in `resample_poly`).
 */
export function kaiserLowpass(numtaps: number, cutoff: number, beta = 5): Float64Array {
  requireInteger('number of taps', numtaps, 1);
  if (!(cutoff > 0 && cutoff < 1)) {
    throw new EcgRangeError(`cutoff must be in (0, 1) (fraction of Nyquist), got ${cutoff}`);
  }
  const window = kaiserWindow(numtaps, beta);
  const alpha = (numtaps - 1) / 2;
  const h = new Float64Array(numtaps);
  let sum = 0;
  for (let n = 0; n < numtaps; n++) {
    h[n] = cutoff * sinc(cutoff * (n - alpha)) * window[n];
    sum += h[n];
  }
  for (let n = 0; n < numtaps; n++) h[n] /= sum;
  return h;
}

/** Normalised sinc: `sin(pi x) / (pi x)`, 1 at 0. */
function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}
