// Measurements on simulated signals for the simulator tests (not a test file itself).
import { STANDARD_12_LEADS, type StandardLead } from '../../src/leads.js';
import type { EcgRecord } from '../../src/record.js';

/** The physical samples (mV) of a lead. */
export function lead(record: EcgRecord, name: StandardLead): Float64Array {
  return record.physical[STANDARD_12_LEADS.indexOf(name)];
}

/** Index of the largest |x| within `radius` samples of `center`. */
export function peakNear(x: ArrayLike<number>, center: number, radius: number): number {
  let best = center;
  for (let i = Math.max(0, center - radius); i <= Math.min(x.length - 1, center + radius); i++) {
    if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
  }
  return best;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Coefficient of variation and root mean square of successive differences of intervals. */
export function variability(intervals: readonly number[]): { cv: number; rmssd: number } {
  const m = mean(intervals);
  const sd = Math.sqrt(mean(intervals.map((v) => (v - m) ** 2)));
  const diffs = intervals.slice(1).map((v, i) => (v - intervals[i]) ** 2);
  return { cv: sd / m, rmssd: Math.sqrt(mean(diffs)) };
}

/** Value of x at `offsetMs` from sample `at` (nearest sample). */
export function valueAt(x: ArrayLike<number>, at: number, offsetMs: number, fs: number): number {
  return x[at + Math.round((offsetMs * fs) / 1000)];
}

/** Power of x at frequency f (Hz), |DFT|^2 / n, for signals sampled at fs. */
export function powerAt(x: ArrayLike<number>, f: number, fs: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < x.length; n++) {
    re += x[n] * Math.cos((2 * Math.PI * f * n) / fs);
    im -= x[n] * Math.sin((2 * Math.PI * f * n) / fs);
  }
  return (re * re + im * im) / x.length;
}

/** The frequency in [from, to] (step `step` Hz) with the largest powerAt. */
export function dominantFrequency(
  x: ArrayLike<number>,
  fs: number,
  from: number,
  to: number,
  step: number,
): number {
  let best = from;
  let bestPower = -1;
  for (let f = from; f <= to + 1e-9; f += step) {
    const p = powerAt(x, f, fs);
    if (p > bestPower) [best, bestPower] = [f, p];
  }
  return best;
}

/** Element-wise a - b. */
export function difference(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
}
