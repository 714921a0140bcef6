// Node-only (imported by ../node.ts, never by the browser entry): a FileSource over a local folder.
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { EcgIoError, MissingFileError } from '../errors.js';
import { type ByteRange, checkByteRange, clampByteRange, type FileSource } from './file-source.js';

/**
 * A FileSource over the folder `dir` of the local file system. Names may contain subfolders (and `..`, for
 * headers that point next door). Ranged reads read only the requested bytes through a file handle, after
 * clamping the range to the file size, so an absurd range never allocates more than the file holds.
 */
export function nodeFileSource(dir: string): FileSource {
  async function withFile<T>(name: string, action: (file: FileHandle) => Promise<T>): Promise<T> {
    const path = join(dir, name);
    let file: FileHandle;
    try {
      file = await open(path, 'r');
    } catch (error) {
      throw fileError(name, path, error);
    }
    try {
      return await action(file);
    } catch (error) {
      throw error instanceof EcgIoError ? error : fileError(name, path, error);
    } finally {
      await file.close();
    }
  }

  return {
    async read(name: string, range?: ByteRange): Promise<Uint8Array> {
      if (range !== undefined) checkByteRange(name, range);
      return withFile(name, async (file) => {
        const { start, end } = clampByteRange(range, (await file.stat()).size);
        const bytes = new Uint8Array(end - start);
        let filled = 0;
        while (filled < bytes.length) {
          const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, start + filled);
          if (bytesRead === 0) break; // the file shrank while being read
          filled += bytesRead;
        }
        return bytes.subarray(0, filled);
      });
    },
    async size(name: string): Promise<number> {
      return withFile(name, async (file) => (await file.stat()).size);
    },
  };
}

function fileError(name: string, path: string, error: unknown): EcgIoError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new MissingFileError(`no such file: ${path}`, { file: name });
  if (code === 'EISDIR') return new MissingFileError(`${path} is a folder, not a file`, { file: name });
  return new MissingFileError(`cannot read ${path}: ${(error as Error).message}`, { file: name });
}
