import { EcgRangeError } from '../errors.js';
import { resampleFft } from './resample-fft.js';
import { gcd, type ResamplePolyOptions, resamplePoly } from './resample-poly.js';
import { requireLength, requirePositive } from './validate.js';

/** A reduced resampling ratio: the output rate is `input rate * up / down`. */
export interface RationalRatio {
  up: number;
  down: number;
}

/** Options of {@link resample}. */
export interface ResampleOptions extends ResamplePolyOptions {
  /**
   * `'poly'` (default): {@link resamplePoly} with the ratio from {@link rationalRatio}; output length
   * `ceil(n * up / down)`. `'fft'`: {@link resampleFft} to `round(n * toHz / fromHz)` samples.
   */
  method?: 'poly' | 'fft';
  /** Largest `up` or `down` accepted for `'poly'` (its filter has `20 * max(up, down) + 1` taps). Default 1000. */
  maxFactor?: number;
}

/** Relative error tolerated between `up / down` and `toHz / fromHz`. */
const RATIO_TOLERANCE = 1e-9;

/**
 * The smallest integers `up`, `down` (both <= `maxFactor`) with `up / down = toHz / fromHz`, found by
 * continued fractions (exact for integer rates: 500 -> 360 Hz gives 18 / 25).
 *
 * @throws EcgRangeError when no such pair matches the ratio within a relative 1e-9.
 */
export function rationalRatio(fromHz: number, toHz: number, maxFactor = 1000): RationalRatio {
  requirePositive('source sampling frequency', fromHz);
  requirePositive('target sampling frequency', toHz);
  if (Number.isInteger(fromHz) && Number.isInteger(toHz)) {
    const g = gcd(fromHz, toHz);
    const ratio = { up: toHz / g, down: fromHz / g };
    if (Math.max(ratio.up, ratio.down) <= maxFactor) return ratio;
  } else {
    const ratio = continuedFraction(toHz / fromHz, maxFactor);
    if (ratio !== null) return ratio;
  }
  throw new EcgRangeError(
    `cannot resample ${fromHz} Hz -> ${toHz} Hz with up/down factors <= ${maxFactor}; ` +
      "raise maxFactor or use method 'fft'",
  );
}

/** Walks the convergents of `r` and returns the first within tolerance whose terms stay <= maxFactor. */
function continuedFraction(r: number, maxFactor: number): RationalRatio | null {
  // Convergents h/k: h_n = a_n h_{n-1} + h_{n-2}, k_n = a_n k_{n-1} + k_{n-2}.
  let [h0, h1] = [0, 1];
  let [k0, k1] = [1, 0];
  let rest = r;
  for (let step = 0; step < 64; step++) {
    const a = Math.floor(rest);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (Math.max(h1, k1) > maxFactor) return null;
    if (Math.abs(h1 / k1 - r) <= RATIO_TOLERANCE * r) return { up: h1, down: k1 };
    rest = 1 / (rest - a);
  }
  return null;
}

/**
 * Resamples a signal from `fromHz` to `toHz`. The default polyphase method (`scipy.signal.resample_poly`
 * semantics, zero-padded ends) suits non-periodic ECG segments; `'fft'` assumes a periodic signal.
 */
export function resample(
  x: ArrayLike<number>,
  fromHz: number,
  toHz: number,
  options: ResampleOptions = {},
): Float64Array {
  requireLength('resample input', x, 1);
  const { method = 'poly', maxFactor = 1000, ...polyOptions } = options;
  if (method === 'fft') {
    requirePositive('source sampling frequency', fromHz);
    requirePositive('target sampling frequency', toHz);
    return resampleFft(x, Math.max(1, Math.round((x.length * toHz) / fromHz)));
  }
  const { up, down } = rationalRatio(fromHz, toHz, maxFactor);
  return resamplePoly(x, up, down, polyOptions);
}
