import { butter } from './butter.js';
import { mapSamples } from './map-samples.js';
import { medianFilter } from './median-filter.js';
import { sosfiltfilt } from './sos.js';
import { requireBelowNyquist, requireInteger, requirePositive } from './validate.js';

/**
 * Baseline-wander removal method:
 * - `highpass`: zero-phase Butterworth high-pass (`butter(order, cutoffHz, 'highpass')` through
 *   `sosfiltfilt`), so the -3 dB point of a single pass becomes -6 dB; no delay.
 * - `median`: the baseline is estimated by a 200 ms then a 600 ms running median (removing the QRS, then P
 *   and T waves; P. de Chazal et al., IEEE Trans. Biomed. Eng. 51(7), 2004) and subtracted.
 */
export type BaselineMethod = 'highpass' | 'median';

/** Options of {@link removeBaselineWander}. */
export interface BaselineOptions {
  /** Default `'highpass'`. */
  method?: BaselineMethod;
  /** High-pass cutoff in Hz. Default 0.5. */
  cutoffHz?: number;
  /** High-pass Butterworth order (applied twice). Default 2. */
  order?: number;
}

/** Median window lengths of the `median` method, in seconds. */
const MEDIAN_WINDOWS_S = [0.2, 0.6] as const;

/** Removes baseline wander (respiration, electrode motion) from one lead sampled at `fs` Hz. */
export function removeBaselineWander(
  x: ArrayLike<number>,
  fs: number,
  options: BaselineOptions = {},
): Float64Array {
  const { method = 'highpass', cutoffHz = 0.5, order = 2 } = options;
  requirePositive('sampling frequency', fs);
  if (method === 'highpass') {
    requireBelowNyquist('baseline cutoff', cutoffHz, fs);
    requireInteger('baseline filter order', order, 1);
    return sosfiltfilt(butter(order, cutoffHz, 'highpass', fs), x);
  }
  let baseline: ArrayLike<number> = x;
  for (const seconds of MEDIAN_WINDOWS_S) baseline = medianFilter(baseline, oddWidth(seconds * fs));
  return mapSamples(x, (v, i) => v - baseline[i]);
}

/** The odd number of samples closest to `samples` (at least 1). */
function oddWidth(samples: number): number {
  return 2 * Math.max(0, Math.round((samples - 1) / 2)) + 1;
}
