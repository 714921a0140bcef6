import type { FileSource } from '../io/file-source.js';
import { baseName, normalizePath } from '../io/paths.js';
import type { WfdbHeader } from './header.js';
import { parseWfdbHeader } from './parse-header.js';

/**
 * The header file of a record: `<record>.hea`. As in WFDB, a trailing `.hea` is accepted and a trailing `/`
 * names the record of the same name in that folder (`multi-segment/041s/` is `multi-segment/041s/041s`).
 */
export function wfdbHeaderPath(recordName: string): string {
  let name = recordName.replace(/\.hea$/, '');
  if (name.endsWith('/')) {
    const folder = name.replace(/\/+$/, '');
    name = `${folder}/${baseName(folder)}`;
  }
  return `${normalizePath(name)}.hea`;
}

/** Reads and parses the header of a record (see `wfdbHeaderPath` for the accepted names). */
export async function readWfdbHeader(source: FileSource, recordName: string): Promise<WfdbHeader> {
  const path = wfdbHeaderPath(recordName);
  return parseWfdbHeader(await source.read(path), path);
}
