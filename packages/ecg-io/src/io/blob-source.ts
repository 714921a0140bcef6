import { MissingFileError } from '../errors.js';
import { type ByteRange, checkByteRange, type FileSource } from './file-source.js';
import { normalizePath } from './paths.js';

/**
 * A FileSource over browser `File`/`Blob` objects, e.g. files dropped on a page or picked with
 * `<input type="file" multiple>`. Ranges are read with `blob.slice`, so only the needed bytes are loaded.
 *
 * Pass `File` objects (named by `webkitRelativePath` when a folder was picked, else by `name`) or a map from
 * file name to Blob.
 */
export function blobFileSource(
  files: Iterable<File> | Readonly<Record<string, Blob>> | ReadonlyMap<string, Blob>,
): FileSource {
  const byName = new Map<string, Blob>();
  if (files instanceof Map) {
    for (const [name, blob] of files) byName.set(normalizePath(name), blob);
  } else if (Symbol.iterator in files) {
    for (const file of files as Iterable<File>) {
      byName.set(normalizePath(file.webkitRelativePath || file.name), file);
    }
  } else {
    for (const [name, blob] of Object.entries(files)) byName.set(normalizePath(name), blob);
  }

  function lookup(name: string): Blob {
    const blob = byName.get(normalizePath(name));
    if (blob === undefined) throw new MissingFileError('file not among the given files', { file: name });
    return blob;
  }

  return {
    async read(name: string, range?: ByteRange): Promise<Uint8Array> {
      if (range !== undefined) checkByteRange(name, range);
      const blob = lookup(name);
      const part = range === undefined ? blob : blob.slice(range.start, range.end);
      return new Uint8Array(await part.arrayBuffer());
    },
    async size(name: string): Promise<number> {
      return lookup(name).size;
    },
  };
}
