// Node-only helpers (re-exported by ../node.ts, never by the browser entry): records as local file paths.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileSource } from '../io/file-source.js';
import { nodeFileSource } from '../io/node-file-source.js';
import { readWfdbRecord, type WfdbReadOptions, type WfdbRecord } from './read-record.js';

/**
 * Where a record given as a local path lives: a FileSource over its folder and its record name there.
 * Accepts `dir/100`, `dir/100.hea` and, as WFDB does, `dir/041s/` for `dir/041s/041s`.
 */
export function localRecord(path: string, cwd = '.'): { source: FileSource; name: string } {
  let full = resolve(cwd, path);
  if (/[/\\]$/.test(path)) full = join(full, basename(full));
  full = full.replace(/\.hea$/, '');
  return { source: nodeFileSource(dirname(full)), name: basename(full) };
}

/**
 * Reads a WFDB record from a local path (see `localRecord` for the accepted forms).
 *
 * @example
 * const record = await readRecordFromPath('data/mitdb/100', { to: 3600 });
 */
export function readRecordFromPath(path: string, options?: WfdbReadOptions): Promise<WfdbRecord> {
  const { source, name } = localRecord(path);
  return readWfdbRecord(source, name, options);
}

/**
 * Writes files by name into `dir` (created if missing), e.g. the `files` of `writeWfdbRecord`.
 * Returns the paths written.
 */
export async function writeRecordFiles(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<string[]> {
  const written: string[] = [];
  for (const [name, bytes] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    written.push(path);
  }
  return written;
}
