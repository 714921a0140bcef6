// Text output of WFDB's rdann (app/rdann.c), reproduced character for character, with its time strings
// (lib/signal.c mstimstr). Used by `ecgio rdann`.
import type { AnnotationList } from './types.js';

/** What rdann takes from the record's header. */
export interface RdannClock {
  /** Samples per second of the record (WFDB's default 250 when it has no header). */
  samplingFrequency: number;
  /** Time of day of sample 0, when the header gives one. */
  baseTime?: { hours: number; minutes: number; seconds: number };
  /** Date of sample 0, when the header gives one. */
  baseDate?: { year: number; month: number; day: number };
}

/** Which annotations rdann prints, in record samples: from the first at or after `from`, up to `to` (0: all). */
export interface RdannRange {
  from: number;
  to: number;
}

/**
 * rdann's lines for `annotations`: time (elapsed `m:ss.mmm`, or `[hh:mm:ss.mmm dd/mm/yyyy]` when the record
 * has a base time or date), sample number, mnemonic, subtype, chan, num and a tab before any aux text.
 * Files with a finer time resolution than the record are printed at that resolution, with sample numbers
 * converted to record samples, as rdann does.
 */
export function formatRdann(annotations: AnnotationList, clock: RdannClock, range: RdannRange): string {
  const sps = clock.samplingFrequency;
  const ticksPerSecond = annotations.timeResolution ?? 0;
  const tps = Math.max(ticksPerSecond, sps); // rdann's output time resolution
  const toTps = ticksPerSecond > 0 ? tps / ticksPerSecond : 1;
  const toSps = ticksPerSecond > 0 ? sps / ticksPerSecond : 1;
  const timeString = timeFormatter(clock, tps);
  let first = 0;
  while (first < annotations.length && roundToTime(annotations[first].sample * toSps) < range.from) first++;

  let out = '';
  for (const annotation of annotations.slice(first)) {
    const time = roundToTime(annotation.sample * toTps);
    const sample = tps === sps ? time : Math.floor((time * sps) / tps + 0.5);
    if (range.to !== 0 && sample > range.to) break;
    const fields = `${annotation.symbol.padStart(6)}${[annotation.subtype, annotation.chan, annotation.num]
      .map((v) => String(v).padStart(5))
      .join('')}`;
    // rdann prints aux as a C string: up to its first NUL.
    const aux = annotation.aux === undefined ? '' : `\t${annotation.aux.split('\0')[0]}`;
    out += `${timeString(time)}  ${String(sample).padStart(7)}${fields}${aux}\n`;
  }
  return out;
}

/** WFDB's round_to_time: to the nearest integer, halves rounded up (also for negative values). */
function roundToTime(x: number): number {
  return Math.floor(x + 0.5);
}

/** mstimstr(-time) at `frequency` ticks per second: time of day when the record has a base time or date. */
function timeFormatter(clock: RdannClock, frequency: number): (time: number) => string {
  const { baseTime, baseDate } = clock;
  const baseMs = baseTime
    ? Math.trunc((baseTime.hours * 3600 + baseTime.minutes * 60 + baseTime.seconds) * 1000 + 0.5)
    : 0;
  // WFDB keeps "no base time" as 0 ms, so a base time of exactly midnight without a date prints elapsed times.
  const timeOfDay = baseMs !== 0 || baseDate !== undefined;
  return (time) => {
    if (time < 0 || !timeOfDay) return elapsed(Math.abs(time), frequency);
    let seconds = Math.trunc((baseMs + (time * 1000) / frequency) / 1000);
    let ms = Math.trunc(baseMs + (time * 1000) / frequency - seconds * 1000 + 0.5);
    if (ms === 1000) {
      ms = 0;
      seconds++;
    }
    const days = Math.trunc(seconds / 86400);
    const clockTime = [Math.trunc(seconds / 3600) % 24, Math.trunc(seconds / 60) % 60, seconds % 60]
      .map((v) => pad2(v))
      .join(':');
    return `[${clockTime}.${String(ms).padStart(3, '0')}${dateSuffix(baseDate, days)}]`;
  };
}

/** Elapsed time `h:mm:ss.mmm`, or `   m:ss.mmm` (padded to the same width) under an hour. */
function elapsed(time: number, frequency: number): string {
  let seconds = Math.trunc(time / frequency);
  let ms = Math.trunc(((time - seconds * frequency) * 1000) / frequency + 0.5);
  if (ms === 1000) {
    ms = 0;
    seconds++;
  }
  const hours = Math.trunc(seconds / 3600);
  const minutes = Math.trunc(seconds / 60) % 60;
  const rest = `${pad2(seconds % 60)}.${String(ms).padStart(3, '0')}`;
  return hours > 0
    ? `${String(hours).padStart(2)}:${pad2(minutes)}:${rest}`
    : `   ${String(minutes).padStart(2)}:${rest}`;
}

/** ` dd/mm/yyyy` of the base date plus `days`; without a base date, ` N` days after the first (none on day 0). */
function dateSuffix(baseDate: RdannClock['baseDate'], days: number): string {
  if (baseDate === undefined) return days === 0 ? '' : ` ${days}`;
  const date = new Date(0);
  date.setUTCFullYear(baseDate.year, baseDate.month - 1, baseDate.day + days); // Date.UTC would map year 99 to 1999
  return ` ${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
