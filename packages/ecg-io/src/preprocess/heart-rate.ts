import { EcgRangeError } from '../errors.js';
import { requirePositive } from './validate.js';

/** RR intervals in milliseconds between consecutive R peaks (sample indices at `fs` Hz). */
export function rrIntervals(peaks: ArrayLike<number>, fs: number): Float64Array {
  requirePositive('sampling frequency', fs);
  const rr = new Float64Array(Math.max(0, peaks.length - 1));
  for (let i = 1; i < peaks.length; i++) rr[i - 1] = ((peaks[i] - peaks[i - 1]) * 1000) / fs;
  return rr;
}

/** Heart rate summary of {@link heartRate}. */
export interface HeartRate {
  /** `60000 / mean RR (ms)`: beats per minute over the whole span. */
  meanBpm: number;
  /** `60000 / median RR (ms)`: robust to a few missed or extra beats. */
  medianBpm: number;
  /** Number of RR intervals used. */
  intervals: number;
}

/**
 * Mean and median heart rate in beats per minute from R-peak sample indices.
 *
 * @throws EcgRangeError with fewer than two peaks or a non-increasing peak sequence.
 */
export function heartRate(peaks: ArrayLike<number>, fs: number): HeartRate {
  const rr = rrIntervals(peaks, fs);
  if (rr.length === 0) throw new EcgRangeError(`heart rate needs at least two R peaks, got ${peaks.length}`);
  const bad = rr.findIndex((v) => !(v > 0));
  if (bad >= 0) throw new EcgRangeError(`R peaks must increase: peak ${bad + 1} is not after peak ${bad}`);
  const sorted = Float64Array.from(rr).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = rr.reduce((a, b) => a + b, 0) / rr.length;
  return { meanBpm: 60000 / mean, medianBpm: 60000 / median, intervals: rr.length };
}
