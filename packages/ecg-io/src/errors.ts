/** Where in an input a problem was found. Every field is optional; fill in what is known. */
export interface ErrorLocation {
  /** File name (as given to the reader, e.g. `100.hea`). */
  file?: string;
  /** 1-based line number in a text file (headers, CSV). */
  line?: number;
  /** Field or column name, e.g. `gain`, `number of samples`, `EDF header: duration of a data record`. */
  field?: string;
  /** Byte offset in a binary file. */
  byteOffset?: number;
}

/** Base class of every error thrown by @enecg/ecg-io. */
export class EcgIoError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly byteOffset?: number;

  constructor(message: string, location: ErrorLocation = {}) {
    super(formatMessage(message, location));
    this.name = new.target.name;
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
    this.byteOffset = location.byteOffset;
  }
}

/** The content of a file does not follow its format (bad header field, truncated data, absurd size...). */
export class EcgFormatError extends EcgIoError {
  /** What the reader expected to find, when that is known. */
  readonly expected?: string;
  /** What it found instead, when that is known. */
  readonly found?: string;

  constructor(message: string, location: ErrorLocation & { expected?: string; found?: string } = {}) {
    const detail = [
      location.expected !== undefined ? `expected ${location.expected}` : '',
      location.found !== undefined ? `found ${JSON.stringify(location.found)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(detail ? `${message} (${detail})` : message, location);
    this.expected = location.expected;
    this.found = location.found;
  }
}

/** The file is valid but uses a feature this library does not implement (e.g. an unknown WFDB format code). */
export class UnsupportedFormatError extends EcgFormatError {}

/** A file the record needs (signal file, segment header, companion file) could not be found or read. */
export class MissingFileError extends EcgIoError {}

/** The caller asked for something impossible (sample range outside the record, unknown signal name...). */
export class EcgRangeError extends EcgIoError {}

/** A downloaded file does not match its published checksum, or the transfer failed. */
export class DownloadError extends EcgIoError {}

function formatMessage(message: string, location: ErrorLocation): string {
  const where: string[] = [];
  if (location.file !== undefined) where.push(location.file);
  if (location.line !== undefined) where.push(`line ${location.line}`);
  if (location.byteOffset !== undefined) where.push(`byte ${location.byteOffset}`);
  if (location.field !== undefined) where.push(`field "${location.field}"`);
  return where.length > 0 ? `${where.join(', ')}: ${message}` : message;
}
