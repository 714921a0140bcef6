import { MissingFileError } from '../errors.js';
import { type ByteRange, checkByteRange, clampByteRange, type FileSource } from './file-source.js';
import { normalizePath } from './paths.js';

/** File contents accepted by `memoryFileSource`. */
export type FileBytes = Uint8Array | ArrayBuffer;

/**
 * A FileSource over files held in memory, e.g. fetched earlier or built by `writeWfdbRecord`.
 * Keys are file names (`/`-separated paths); ranges are views into the given bytes (no copy).
 */
export function memoryFileSource(
  files: Readonly<Record<string, FileBytes>> | Iterable<readonly [string, FileBytes]>,
): FileSource {
  const entries = Symbol.iterator in files ? [...files] : Object.entries(files);
  const byName = new Map<string, Uint8Array>();
  for (const [name, bytes] of entries) {
    byName.set(normalizePath(name), bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  }

  function lookup(name: string): Uint8Array {
    const bytes = byName.get(normalizePath(name));
    if (bytes === undefined) throw new MissingFileError('file not found in memory source', { file: name });
    return bytes;
  }

  return {
    async read(name: string, range?: ByteRange): Promise<Uint8Array> {
      if (range !== undefined) checkByteRange(name, range);
      const bytes = lookup(name);
      const { start, end } = clampByteRange(range, bytes.length);
      return bytes.subarray(start, end);
    },
    async size(name: string): Promise<number> {
      return lookup(name).length;
    },
  };
}
