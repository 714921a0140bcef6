/**
 * Indices (ascending) of the local maxima of `x` (`x[i-1] < x[i] >= x[i+1]`) after removing every peak that
 * has a higher one less than `distance` samples away, like `scipy.signal.find_peaks(x, distance=distance)`
 * (ties keep the earlier peak).
 */
export function findPeaks(x: ArrayLike<number>, distance: number): Int32Array {
  const candidates: number[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    if (x[i] > x[i - 1] && x[i] >= x[i + 1]) candidates.push(i);
  }
  const keep = new Uint8Array(candidates.length).fill(1);
  const byHeight = candidates.map((_, k) => k).sort((a, b) => x[candidates[b]] - x[candidates[a]] || a - b);
  for (const k of byHeight) {
    if (!keep[k]) continue;
    for (let j = k - 1; j >= 0 && candidates[k] - candidates[j] < distance; j--) keep[j] = 0;
    for (let j = k + 1; j < candidates.length && candidates[j] - candidates[k] < distance; j++) keep[j] = 0;
  }
  return Int32Array.from(candidates.filter((_, k) => keep[k]));
}
