import type { EcgRecord } from '@enecg/ecg-io';
import type { InputSpec } from '../core/input-spec.js';
import { sliceRecord } from './windows.js';

/** A beat annotation: sample index in the record and WFDB symbol (`N` normal, `A`, `V`...). */
export interface BeatAnnotation {
  sample: number;
  symbol: string;
}

/** A window of an annotated recording with the beats inside it (times in seconds from the record start). */
export interface AnnotatedWindow {
  /** The window as a record of its own. */
  record: EcgRecord;
  startS: number;
  endS: number;
  beats: { timeS: number; symbol: string }[];
}

/** Options of {@link annotatedWindows}. */
export interface AnnotatedWindowOptions {
  /** Default 10 s. */
  windowS?: number;
  /** Default 5 s. */
  strideS?: number;
}

/**
 * Cuts an annotated record into windows (default 10 s every 5 s) and keeps, with each, the beats it contains.
 * `beats` must list beat annotations only (e.g. `.atr` entries whose code `isBeat`).
 */
export function annotatedWindows(
  record: EcgRecord,
  beats: readonly BeatAnnotation[],
  options: AnnotatedWindowOptions = {},
): AnnotatedWindow[] {
  const { windowS = 10, strideS = 5 } = options;
  const fs = record.samplingFrequency;
  const length = Math.round(windowS * fs);
  const stride = Math.round(strideS * fs);
  const sorted = [...beats].sort((a, b) => a.sample - b.sample);
  const windows: AnnotatedWindow[] = [];
  for (let start = 0; start + length <= record.length; start += stride) {
    windows.push({
      record: sliceRecord(record, start, start + length),
      startS: start / fs,
      endS: (start + length) / fs,
      beats: sorted
        .filter((b) => b.sample >= start && b.sample < start + length)
        .map((b) => ({ timeS: b.sample / fs, symbol: b.symbol })),
    });
  }
  return windows;
}

/** Median interval (ms) between consecutive beats of the window in `[fromS, toS)`; NaN with fewer than 2 beats. */
export function medianRrMs(window: AnnotatedWindow, fromS = window.startS, toS = window.endS): number {
  const times = window.beats.filter((b) => b.timeS >= fromS && b.timeS < toS).map((b) => b.timeS);
  if (times.length < 2) return Number.NaN;
  const intervals = times
    .slice(1)
    .map((t, i) => (t - times[i]) * 1000)
    .sort((a, b) => a - b);
  const middle = intervals.length >> 1;
  return intervals.length % 2 === 1 ? intervals[middle] : (intervals[middle - 1] + intervals[middle]) / 2;
}

/** Whether a beat other than `N` lies in `[fromS, toS)` of the window. */
export function hasAbnormalBeat(window: AnnotatedWindow, fromS = window.startS, toS = window.endS): boolean {
  return window.beats.some((b) => b.timeS >= fromS && b.timeS < toS && b.symbol !== 'N');
}

/**
 * The part `[fromS, toS)` of a window that a backbone sees when the window is prepared with
 * `crop: 'center'` (all of it when the input is as long or longer).
 */
export function centreCropSpan(window: AnnotatedWindow, spec: InputSpec): { fromS: number; toS: number } {
  const inputS = spec.length / spec.sampleRate;
  const windowS = window.endS - window.startS;
  if (inputS >= windowS) return { fromS: window.startS, toS: window.endS };
  const available = Math.ceil(windowS * spec.sampleRate);
  const before = Math.floor((available - spec.length) / 2);
  const fromS = window.startS + before / spec.sampleRate;
  return { fromS, toS: fromS + inputS };
}
