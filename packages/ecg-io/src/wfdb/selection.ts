import { EcgRangeError } from '../errors.js';

/** Signals to read: indices, or names (descriptions) matched exactly. */
export type SignalSelection = readonly (number | string)[];

/**
 * Indices of the selected signals in the given order (repeats allowed), or of every signal when the
 * selection is undefined. Throws EcgRangeError naming the record and the available signals otherwise.
 */
export function resolveSignals(
  selection: SignalSelection | undefined,
  names: readonly string[],
  file: string,
): number[] {
  if (selection === undefined) return names.map((_, i) => i);
  return selection.map((wanted) => {
    const index = typeof wanted === 'number' ? wanted : names.indexOf(wanted);
    if (!Number.isInteger(index) || index < 0 || index >= names.length) {
      const available = names.map((name, i) => `${i}: ${name}`).join(', ');
      throw new EcgRangeError(`no signal ${JSON.stringify(wanted)} in this record (signals: ${available})`, {
        file,
        field: 'signals',
      });
    }
    return index;
  });
}

/** Checks a frame range against a record length; throws EcgRangeError saying what was wrong. */
export function checkFrameRange(from: number, to: number, length: number, file: string): void {
  if (!Number.isSafeInteger(from) || from < 0 || from > length) {
    throw new EcgRangeError(`"from" must be an integer frame from 0 to ${length}, got ${from}`, { file });
  }
  if (!Number.isSafeInteger(to) || to < from || to > length) {
    throw new EcgRangeError(`"to" must be an integer frame from ${from} to ${length}, got ${to}`, { file });
  }
}
