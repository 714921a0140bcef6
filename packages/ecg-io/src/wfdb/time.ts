import type { WfdbDate, WfdbTime } from './header.js';

/**
 * Parses a WFDB base time: `HH:MM:SS`, `MM:SS` or `SS`, each part one or two digits, seconds optionally with
 * a fraction (`8:26:04`, `31:51.982`, `19:46:25.757`). Returns `null` when the text is not such a time.
 */
export function parseBaseTime(text: string): WfdbTime | null {
  const match = /^(?:(?:(\d{1,2}):)?(\d{1,2}):)?(\d{1,2}(?:\.\d+)?)$/.exec(text);
  if (match === null) return null;
  const hours = Number(match[1] ?? 0);
  const minutes = Number(match[2] ?? 0);
  const seconds = Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds >= 60) return null;
  return { hours, minutes, seconds };
}

/** Parses a WFDB base date `DD/MM/YYYY`; `null` when malformed or not a calendar date. */
export function parseBaseDate(text: string): WfdbDate | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4})$/.exec(text);
  if (match === null) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** `H:MM:SS` with `.mmm` when the seconds have a fraction: the form WFDB writes in headers. */
export function formatBaseTime(time: WfdbTime): string {
  const millis = Math.round(time.seconds * 1000);
  const base = `${time.hours}:${pad2(time.minutes)}:${pad2(Math.floor(millis / 1000))}`;
  return millis % 1000 === 0 ? base : `${base}.${pad3(millis % 1000)}`;
}

/** `DD/MM/YYYY`, the form WFDB writes in headers. */
export function formatBaseDate(date: WfdbDate): string {
  return `${pad2(date.day)}/${pad2(date.month)}/${date.year}`;
}

/** ISO 8601 time of day `HH:MM:SS.sss`. */
export function isoTime(time: WfdbTime): string {
  const millis = Math.round(time.seconds * 1000);
  return `${pad2(time.hours)}:${pad2(time.minutes)}:${pad2(Math.floor(millis / 1000))}.${pad3(millis % 1000)}`;
}

/** ISO 8601 date `YYYY-MM-DD`. */
export function isoDate(date: WfdbDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}
