import { EcgFormatError } from '../errors.js';
import type { EdfHeader } from './types.js';

/** Where each signal's samples lie in the data records of a file. */
export interface RecordLayout {
  /** Bytes per sample: 2 (EDF) or 3 (BDF). */
  bytesPerSample: number;
  /** Bytes of one data record. */
  recordBytes: number;
  /** Data records in the file. */
  records: number;
  /** Bytes of each signal (header order) in one data record. */
  signalBytes: number[];
  /** File offset of the first byte of `signal` in data record `record`. */
  signalStart(record: number, signal: number): number;
}

/**
 * Lays out the data records and counts them. A declared count needs that many whole records in the file
 * (EcgFormatError otherwise, before anything is allocated); -1 (unknown) takes every whole record there is.
 * Bytes after the last record are reported in `warnings`.
 */
export function layoutRecords(
  header: EdfHeader,
  format: 'edf' | 'bdf',
  fileSize: number,
  fileName: string,
  warnings: string[],
): RecordLayout {
  const bytesPerSample = format === 'edf' ? 2 : 3;
  const signalBytes = header.signals.map((s) => s.samplesPerRecord * bytesPerSample);
  const signalOffsets: number[] = [];
  let recordBytes = 0;
  for (const size of signalBytes) {
    signalOffsets.push(recordBytes);
    recordBytes += size;
  }
  const dataBytes = fileSize - header.headerBytes;
  const whole = Math.floor(dataBytes / recordBytes);
  let records = header.dataRecords;
  if (records === -1) {
    records = whole;
    warnings.push(`${fileName}: number of data records unknown (-1); read ${whole} from the file size`);
  } else if (records > whole) {
    throw new EcgFormatError('EDF data records cut short', {
      file: fileName,
      byteOffset: header.headerBytes + whole * recordBytes,
      field: 'EDF header: number of data records',
      expected: `${records} records of ${recordBytes} bytes (${records * recordBytes} bytes of data)`,
      found: `${dataBytes} bytes of data`,
    });
  }
  const extra = dataBytes - records * recordBytes;
  if (extra > 0) warnings.push(`${fileName}: ${extra} bytes after the last data record ignored`);
  return {
    bytesPerSample,
    recordBytes,
    records,
    signalBytes,
    signalStart: (record, signal) => header.headerBytes + record * recordBytes + signalOffsets[signal],
  };
}
