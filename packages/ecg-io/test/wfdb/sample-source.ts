import { readFileSync } from 'node:fs';
import { sampleData } from '@enecg/test-data';
import type { ByteRange, FileSource } from '../../src/io/index.js';
import { memoryFileSource } from '../../src/io/index.js';
import { nodeFileSource } from '../../src/io/node-file-source.js';

/** A FileSource over wfdb-sample/sample-data. */
export function samples(): FileSource {
  return nodeFileSource(sampleData());
}

/** Wraps a source and records every read (file name and range) made through it. */
export function recording(source: FileSource): {
  source: FileSource;
  reads: { name: string; range?: ByteRange }[];
} {
  const reads: { name: string; range?: ByteRange }[] = [];
  return {
    reads,
    source: {
      read: (name, range) => {
        reads.push({ name, range });
        return source.read(name, range);
      },
      size: source.size && ((name) => source.size!(name)),
    },
  };
}

/** An in-memory copy of some sample files, with `edit` applied to their bytes (e.g. to corrupt them). */
export function editedCopy(
  names: string[],
  edit: (name: string, bytes: Uint8Array) => Uint8Array = (_, b) => b,
): FileSource {
  return memoryFileSource(
    names.map((name): [string, Uint8Array] => [
      name,
      edit(name, new Uint8Array(readFileSync(sampleData(name)))),
    ]),
  );
}

/** The numbers of a whitespace-separated rdsamp output, one array per column ('-' as NaN). */
export function columns(text: string): number[][] {
  const rows = text
    .trimEnd()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/\s+/)
        .map((v) => (v === '-' ? Number.NaN : Number(v))),
    );
  return rows[0].map((_, c) => rows.map((row) => row[c]));
}
