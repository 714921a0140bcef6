import { EcgRangeError } from '../errors.js';
import { kaiserLowpass } from './fir.js';
import { mapSamples } from './map-samples.js';
import { requireInteger, requireLength } from './validate.js';

/**
 * How `resamplePoly` extends the signal beyond its ends while filtering (scipy's `padtype`):
 * - `constant`: the value `cval` (default 0, scipy's default zero-padding);
 * - `edge`: the first / last sample repeated;
 * - `mean`: the mean is removed, the rest zero-padded, and the mean added back (a constant passes exactly).
 */
export type PolyPadType = 'constant' | 'edge' | 'mean';

/** Options of {@link resamplePoly}. */
export interface ResamplePolyOptions {
  /**
   * FIR taps to use instead of the default low-pass. As in scipy they are multiplied by `up` and the
   * output is aligned to tap `(taps.length - 1) / 2` (rounded down). Default: `kaiserLowpass(20 *
   * max(up, down) + 1, 1 / max(up, down), beta)` after reducing `up / down` by their gcd.
   */
  taps?: ArrayLike<number>;
  /** Kaiser `beta` of the default filter. Default 5. Ignored when `taps` is given. */
  beta?: number;
  /** Signal extension at the ends. Default `'constant'`. */
  padtype?: PolyPadType;
  /** Value used by `padtype: 'constant'`. Default 0. */
  cval?: number;
}

/**
 * Resamples `x` by the rational factor `up / down` with a polyphase FIR filter, with the semantics of
 * `scipy.signal.resample_poly(x, up, down)`: conceptually `x` is upsampled by `up` (zeros inserted), filtered
 * by the zero-phase low-pass `h * up`, and every `down`-th sample is kept, so output sample `j` is
 * `sum_i x[i] * up * h[j*down - i*up + half]`. Only the non-zero products are computed.
 *
 * @returns `ceil(x.length * up / down)` samples (a copy of `x` when `up == down`).
 */
export function resamplePoly(
  x: ArrayLike<number>,
  up: number,
  down: number,
  options: ResamplePolyOptions = {},
): Float64Array {
  requireLength('resamplePoly input', x, 1);
  requireInteger('up', up, 1);
  requireInteger('down', down, 1);
  const g = gcd(up, down);
  up /= g;
  down /= g;
  if (up === 1 && down === 1) return Float64Array.from(x);

  const { taps, padtype = 'constant', cval = 0 } = options;
  if (padtype !== 'constant' && options.cval !== undefined) {
    throw new EcgRangeError(`cval only applies to padtype 'constant', not '${padtype}'`);
  }
  const h = taps === undefined ? defaultTaps(up, down, options.beta ?? 5) : Float64Array.from(taps);
  requireLength('resamplePoly taps', h, 1);
  for (let k = 0; k < h.length; k++) h[k] *= up;
  const half = Math.floor((h.length - 1) / 2);

  const n = x.length;
  const background = padtype === 'mean' ? mean(x) : 0;
  const samples = mapSamples(x, (v) => v - background);
  const before = padtype === 'edge' ? samples[0] : padtype === 'constant' ? cval : 0;
  const after = padtype === 'edge' ? samples[n - 1] : padtype === 'constant' ? cval : 0;

  // Polyphase split: phase p uses taps h[p], h[p + up], h[p + 2 up], ... against x[last], x[last - 1], ...
  const phases = Array.from({ length: up }, (_, p) => h.filter((_, k) => k % up === p));
  const nOut = Math.ceil((n * up) / down);
  const y = new Float64Array(nOut);
  for (let j = 0; j < nOut; j++) {
    const t = j * down + half; // position of output j on the upsampled time axis
    const phase = phases[t % up];
    const last = (t - (t % up)) / up; // newest input sample under the filter
    // Taps k with 0 <= last - k < n see real samples; the others see the padding.
    const kFrom = Math.max(0, last - n + 1);
    const kTo = Math.min(phase.length - 1, last);
    let acc = 0;
    for (let k = kFrom; k <= kTo; k++) acc += samples[last - k] * phase[k];
    for (let k = 0; k < Math.min(kFrom, phase.length); k++) acc += after * phase[k];
    for (let k = Math.max(kTo + 1, 0); k < phase.length; k++) acc += before * phase[k];
    y[j] = acc + background;
  }
  return y;
}

function defaultTaps(up: number, down: number, beta: number): Float64Array {
  const maxRate = Math.max(up, down);
  return kaiserLowpass(2 * 10 * maxRate + 1, 1 / maxRate, beta);
}

/** Greatest common divisor of two positive integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function mean(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}
