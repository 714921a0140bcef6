/** Date and time of a record's first sample, as EcgRecord gives them. */
export interface EdfStart {
  /** ISO `YYYY-MM-DD`. */
  baseDate: string;
  /** `HH:MM:SS.sss`. */
  baseTime: string;
}

/**
 * The header's start (ISO date, `HH:MM:SS`) plus `offsetSeconds` (the first data record's onset, which EDF+
 * uses to give the start below one second), rounded to the millisecond and carried into the date.
 */
export function edfStart(startDate: string, startTime: string, offsetSeconds: number): EdfStart {
  const [year, month, day] = startDate.split('-').map(Number);
  const [hours, minutes, seconds] = startTime.split(':').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, Math.round(offsetSeconds * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return {
    baseDate: `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    baseTime: `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`,
  };
}
