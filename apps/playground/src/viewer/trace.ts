import { type PaperScale, pxPerMv, pxPerSecond } from './paper-scale.js';

/** The stretch of a record shown on screen, in seconds from the start of the record. */
export interface TimeWindow {
  startS: number;
  endS: number;
}

/** Where a trace sits vertically. */
export interface TracePlacement {
  /** CSS px (from the top of the canvas) where `offsetMv` is drawn. */
  baselinePx: number;
  /** Voltage drawn on the baseline, e.g. the signal's median so the trace sits in its row. */
  offsetMv: number;
}

/**
 * The polylines that draw `samples` (mV, sampled at `samplingFrequency` Hz) on paper, as flat
 * `[x0, y0, x1, y1, ...]` arrays in CSS px: x = 0 at `window.startS`, higher voltage is drawn higher up.
 * A missing sample (NaN) ends the current polyline, so gaps stay gaps; a sample with missing neighbours on
 * both sides is a one-point polyline. One sample beyond each end of the window is included, so the line
 * reaches the edges of the view.
 */
export function tracePolylines(
  samples: ArrayLike<number>,
  samplingFrequency: number,
  scale: PaperScale,
  window: TimeWindow,
  placement: TracePlacement,
): number[][] {
  const xPerSecond = pxPerSecond(scale);
  const yPerMv = pxPerMv(scale);
  const first = Math.max(0, Math.floor(window.startS * samplingFrequency));
  const last = Math.min(samples.length - 1, Math.ceil(window.endS * samplingFrequency));
  const polylines: number[][] = [];
  let current: number[] = [];
  for (let index = first; index <= last; index++) {
    const value = samples[index];
    if (Number.isNaN(value)) {
      if (current.length > 0) polylines.push(current);
      current = [];
      continue;
    }
    current.push(
      (index / samplingFrequency - window.startS) * xPerSecond,
      placement.baselinePx - (value - placement.offsetMv) * yPerMv,
    );
  }
  if (current.length > 0) polylines.push(current);
  return polylines;
}
