import { EcgFormatError } from '../errors.js';
import type { RecordLayout } from './record-layout.js';
import { parseTals } from './tal.js';
import type { EdfAnnotation, EdfHeader } from './types.js';

/** Annotations of an EDF+ file and the start time of each of its data records. */
export interface EdfTimeKeeping {
  annotations: EdfAnnotation[];
  /** Seconds after the header's start date and time, one per data record. */
  recordOnsets: number[];
}

/**
 * Reads every annotation signal of every data record. The first TAL of the first annotation signal in each
 * record is its time-keeping TAL: its onset is the record's start. Plain EDF/BDF records start at index times
 * duration; so do EDF+C records lacking a time-keeping TAL (with a warning), while EDF+D records need one.
 */
export function readTimeKeeping(
  bytes: Uint8Array,
  header: EdfHeader,
  layout: RecordLayout,
  fileName: string,
  warnings: string[],
): EdfTimeKeeping {
  const annotations: EdfAnnotation[] = [];
  const recordOnsets: number[] = [];
  const annotationSignals = header.signals.flatMap((s, i) => (s.isAnnotation ? [i] : []));
  for (let record = 0; record < layout.records; record++) {
    let onset: number | undefined;
    for (const signal of annotationSignals) {
      const start = layout.signalStart(record, signal);
      const tals = parseTals(bytes, start, start + layout.signalBytes[signal], fileName);
      if (signal === annotationSignals[0] && tals.length > 0) onset = tals[0].onset;
      for (const { onset: talOnset, duration, texts } of tals) {
        for (const text of texts) {
          if (text !== '')
            annotations.push({ onset: talOnset, ...(duration === undefined ? {} : { duration }), text });
        }
      }
    }
    if (onset === undefined && annotationSignals.length > 0) {
      if (header.variant.endsWith('D')) {
        throw new EcgFormatError(`EDF+D data record ${record} has no time-keeping annotation`, {
          file: fileName,
          byteOffset: layout.signalStart(record, annotationSignals[0]),
          field: 'EDF+ annotation',
          expected: 'a first TAL giving the record start (+onset byte 20 byte 20 byte 0)',
          found: 'no TAL',
        });
      }
      warnings.push(`${fileName}: data record ${record} has no time-keeping annotation; assumed contiguous`);
    }
    const afterPrevious = record === 0 ? 0 : recordOnsets[record - 1] + header.recordDuration;
    recordOnsets.push(
      annotationSignals.length === 0 ? record * header.recordDuration : (onset ?? afterPrevious),
    );
  }
  return { annotations, recordOnsets };
}
