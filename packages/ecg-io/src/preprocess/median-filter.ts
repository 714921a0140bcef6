import { EcgRangeError } from '../errors.js';
import { requireInteger } from './validate.js';

/**
 * Running median over a centred window of `width` samples (odd). Near the ends the window is truncated to
 * the samples that exist (an even count then takes the mean of the two middle values), so the ends are not
 * pulled towards zero as with zero padding. Cost O(n * width): the window is kept sorted and updated by
 * one insertion and one removal per sample.
 *
 * @throws EcgRangeError for an even or non-positive width, or non-finite samples.
 */
export function medianFilter(x: ArrayLike<number>, width: number): Float64Array {
  requireInteger('median filter width', width, 1);
  if (width % 2 === 0) throw new EcgRangeError(`median filter width must be odd, got ${width}`);
  const n = x.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new EcgRangeError(`medianFilter: sample ${i} is ${x[i]}`);
  }
  const half = (width - 1) / 2;
  const window = new Float64Array(width);
  let size = 0;
  const insert = (v: number) => {
    const at = lowerBound(window, size, v);
    window.copyWithin(at + 1, at, size);
    window[at] = v;
    size++;
  };
  const remove = (v: number) => {
    const at = lowerBound(window, size, v);
    window.copyWithin(at, at + 1, size);
    size--;
  };

  const y = new Float64Array(n);
  for (let i = 0; i < Math.min(half, n); i++) insert(x[i]);
  for (let i = 0; i < n; i++) {
    if (i - half - 1 >= 0) remove(x[i - half - 1]);
    if (i + half < n) insert(x[i + half]);
    const mid = size >> 1;
    y[i] = size % 2 === 1 ? window[mid] : (window[mid - 1] + window[mid]) / 2;
  }
  return y;
}

/** First index in the sorted prefix `values[0..size)` whose value is >= v. */
function lowerBound(values: Float64Array, size: number, v: number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
