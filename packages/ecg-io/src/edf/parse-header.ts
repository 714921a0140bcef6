import { EcgFormatError } from '../errors.js';
import { EdfFieldReader } from './header-fields.js';
import type { EdfHeader, EdfSignalHeader, EdfVariant } from './types.js';

/** Size of the fixed part of the header, and of each signal's part. */
export const EDF_HEADER_UNIT = 256;

/** Digital range each storage format can hold. */
const SAMPLE_RANGE = { edf: [-32768, 32767], bdf: [-8388608, 8388607] } as const;

/** Per-signal fields: name and width, in the order the header stores them (each for all signals in turn). */
const SIGNAL_FIELDS = [
  ['label', 16],
  ['transducer type', 80],
  ['physical dimension', 8],
  ['physical minimum', 8],
  ['physical maximum', 8],
  ['digital minimum', 8],
  ['digital maximum', 8],
  ['prefiltering', 80],
  ['number of samples in each data record', 8],
  ['reserved', 32],
] as const;

/** A parsed header, its storage format and the problems that did not stop parsing. */
export interface ParsedEdfHeader {
  header: EdfHeader;
  format: 'edf' | 'bdf';
  warnings: string[];
}

/**
 * Parses and checks the header of an EDF, EDF+, BDF or BDF+ file: every number must parse, the header size
 * must match the number of signals, and each ordinary signal needs distinct physical limits, a digital range
 * its format can hold and at least one sample per data record. Throws EcgFormatError naming the field.
 */
export function parseEdfHeader(bytes: Uint8Array, fileName: string): ParsedEdfHeader {
  if (bytes.length < EDF_HEADER_UNIT) {
    throw new EcgFormatError('file too short for an EDF/BDF header', {
      file: fileName,
      byteOffset: 0,
      field: 'EDF header',
      expected: `at least ${EDF_HEADER_UNIT} bytes`,
      found: `${bytes.length} bytes`,
    });
  }
  const fields = new EdfFieldReader(bytes, fileName);
  const warnings: string[] = [];
  const format = storageFormat(bytes, fields);
  const reserved = fields.text(192, 44);
  const variant = variantOf(format, reserved);
  const signalCount = fields.integer(252, 4, 'number of signals');
  const headerBytes = EDF_HEADER_UNIT * (signalCount + 1);
  if (signalCount < 1 || headerBytes > bytes.length) {
    const most = Math.floor(bytes.length / EDF_HEADER_UNIT) - 1;
    fields.fail(
      252,
      'number of signals',
      `1 to ${most} (for a file of ${bytes.length} bytes)`,
      String(signalCount),
    );
  }
  const declaredBytes = fields.integer(184, 8, 'number of bytes in header record');
  if (declaredBytes !== headerBytes) {
    fields.fail(
      184,
      'number of bytes in header record',
      `${headerBytes} (256 x (1 + ${signalCount} signals))`,
      String(declaredBytes),
    );
  }
  const dataRecords = fields.integer(236, 8, 'number of data records');
  if (dataRecords < -1)
    fields.fail(236, 'number of data records', 'a count, or -1 for unknown', String(dataRecords));
  const recordDuration = fields.decimal(244, 8, 'duration of a data record');
  if (recordDuration < 0)
    fields.fail(244, 'duration of a data record', 'seconds, at least 0', String(recordDuration));

  const signals = readSignalHeaders(fields, signalCount, format, variant);
  if (variant.includes('+') && !signals.some((s) => s.isAnnotation)) {
    if (variant.endsWith('D')) {
      fields.fail(192, 'reserved', 'an annotation signal in an EDF+D file (its record times)', 'none');
    }
    warnings.push(`${fileName}: ${variant} file without an annotation signal`);
  }
  if (recordDuration === 0 && signals.some((s) => !s.isAnnotation)) {
    fields.fail(244, 'duration of a data record', 'more than 0 s in a file with ordinary signals', '0');
  }
  const header: EdfHeader = {
    variant,
    patientIdentification: fields.text(8, 80),
    recordingIdentification: fields.text(88, 80),
    startDate: startDate(fields),
    startTime: startTime(fields),
    headerBytes,
    reserved,
    dataRecords,
    recordDuration,
    signals,
  };
  return { header, format, warnings };
}

function storageFormat(bytes: Uint8Array, fields: EdfFieldReader): 'edf' | 'bdf' {
  if (bytes[0] === 0xff && fields.text(1, 7) === 'BIOSEMI') return 'bdf';
  const version = fields.text(0, 8);
  if (version === '0') return 'edf';
  return fields.fail(0, 'version', '"0" (EDF) or byte 255 and "BIOSEMI" (BDF)', version);
}

function variantOf(format: 'edf' | 'bdf', reserved: string): EdfVariant {
  const plus = /^(EDF|BDF)\+([CD])/.exec(reserved);
  const base = format === 'edf' ? 'EDF' : 'BDF';
  return plus === null ? base : (`${base}+${plus[2]}` as EdfVariant);
}

function readSignalHeaders(
  fields: EdfFieldReader,
  count: number,
  format: 'edf' | 'bdf',
  variant: EdfVariant,
): EdfSignalHeader[] {
  // Field f of signal i lies at 256 + count * (widths of the fields before f) + i * (width of f).
  const offsets: number[] = [];
  let offset = EDF_HEADER_UNIT;
  for (const [, width] of SIGNAL_FIELDS) {
    offsets.push(offset);
    offset += width * count;
  }
  const at = (f: number, i: number) => offsets[f] + i * SIGNAL_FIELDS[f][1];
  const [low, high] = SAMPLE_RANGE[format];
  return Array.from({ length: count }, (_, i): EdfSignalHeader => {
    const label = fields.text(at(0, i), 16);
    const name = (field: string) => `${field} of signal ${i} (${label})`;
    const signal: EdfSignalHeader = {
      label,
      transducer: fields.text(at(1, i), 80),
      physicalDimension: fields.text(at(2, i), 8),
      physicalMinimum: fields.decimal(at(3, i), 8, name('physical minimum')),
      physicalMaximum: fields.decimal(at(4, i), 8, name('physical maximum')),
      digitalMinimum: fields.integer(at(5, i), 8, name('digital minimum')),
      digitalMaximum: fields.integer(at(6, i), 8, name('digital maximum')),
      prefiltering: fields.text(at(7, i), 80),
      samplesPerRecord: fields.integer(at(8, i), 8, name('number of samples in each data record')),
      reserved: fields.text(at(9, i), 32),
      isAnnotation: variant.includes('+') && (label === 'EDF Annotations' || label === 'BDF Annotations'),
    };
    if (signal.samplesPerRecord < 1) {
      fields.fail(
        at(8, i),
        name('number of samples in each data record'),
        'at least 1',
        String(signal.samplesPerRecord),
      );
    }
    if (signal.isAnnotation) return signal;
    if (signal.physicalMaximum === signal.physicalMinimum) {
      fields.fail(
        at(4, i),
        name('physical maximum'),
        `a value other than the physical minimum`,
        String(signal.physicalMaximum),
      );
    }
    if (signal.digitalMinimum < low || signal.digitalMinimum >= signal.digitalMaximum) {
      fields.fail(
        at(5, i),
        name('digital minimum'),
        `${low} to ${signal.digitalMaximum - 1}`,
        String(signal.digitalMinimum),
      );
    }
    if (signal.digitalMaximum > high) {
      fields.fail(at(6, i), name('digital maximum'), `at most ${high}`, String(signal.digitalMaximum));
    }
    return signal;
  });
}

/** `dd.mm.yy` as ISO; years 85-99 are 19yy, 00-84 20yy (EDF's Y2K rule). */
function startDate(fields: EdfFieldReader): string {
  const text = fields.text(168, 8);
  const match = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(text);
  if (match === null) return fields.fail(168, 'startdate of recording', 'a date dd.mm.yy', text);
  const [day, month, yy] = match.slice(1).map(Number);
  const year = yy >= 85 ? 1900 + yy : 2000 + yy;
  if (!isCalendarDate(year, month, day)) fields.fail(168, 'startdate of recording', 'a date dd.mm.yy', text);
  return `${year}-${match[2]}-${match[1]}`;
}

/** `hh.mm.ss` as `HH:MM:SS`. */
function startTime(fields: EdfFieldReader): string {
  const text = fields.text(176, 8);
  const match = /^([01]\d|2[0-3])\.([0-5]\d)\.([0-5]\d)$/.exec(text);
  if (match === null) return fields.fail(176, 'starttime of recording', 'a time hh.mm.ss', text);
  return `${match[1]}:${match[2]}:${match[3]}`;
}

/** Whether year-month-day exists in the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
