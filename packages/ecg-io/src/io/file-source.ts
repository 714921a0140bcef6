import { EcgRangeError } from '../errors.js';

/** A byte range of a file: `start` inclusive, `end` exclusive (default: the end of the file). */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Where readers get files from. Keeping the core readers on this interface (instead of file paths) lets them
 * run in browsers: files can come from memory, from dropped `File` objects or over HTTP.
 *
 * Names are `/`-separated paths relative to the source's root, e.g. `100.hea` or `041s/041s01.hea`.
 */
export interface FileSource {
  /**
   * Reads a whole file, or the bytes `[start, end)` of it. A range reaching past the end of the file yields
   * the bytes up to the end (possibly none), like `Blob.slice`; callers detect short files from the length.
   * Rejects with `MissingFileError` naming the file when it does not exist.
   */
  read(name: string, range?: ByteRange): Promise<Uint8Array>;
  /** Size of a file in bytes (optional: some sources cannot tell without reading the file). */
  size?(name: string): Promise<number>;
}

/** Checks that a range is well formed; throws EcgRangeError naming the file otherwise. */
export function checkByteRange(name: string, range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new EcgRangeError(`byte range start must be a non-negative integer, got ${start}`, { file: name });
  }
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new EcgRangeError(`byte range end must be an integer >= start (${start}), got ${end}`, {
      file: name,
    });
  }
}

/** The `[start, end)` offsets of a checked range within a file of `size` bytes. */
export function clampByteRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  if (range === undefined) return { start: 0, end: size };
  const start = Math.min(range.start, size);
  const end = Math.min(range.end ?? size, size);
  return { start, end: Math.max(start, end) };
}
