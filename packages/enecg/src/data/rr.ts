/**
 * Median RR interval in ms of beats at `samples` (sorted sample indices at `fs` Hz); null with fewer than two
 * beats.
 */
export function medianRrMs(samples: readonly number[], fs: number): number | null {
  if (samples.length < 2) return null;
  const intervals = samples.slice(1).map((s, i) => ((s - samples[i]) * 1000) / fs);
  intervals.sort((a, b) => a - b);
  const mid = intervals.length >> 1;
  return intervals.length % 2 === 1 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2;
}
