// Property tests: real sample records corrupted at random must either read or fail with an EcgIoError
// subclass (never a TypeError, RangeError or hang).
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgIoError } from '../../src/errors.js';
import { memoryFileSource } from '../../src/io/index.js';
import { readWfdbRecord, type WfdbReadOptions } from '../../src/wfdb/index.js';

beforeAll(() => {
  requireData();
});

/** Small records covering every format (FLAC included), skew, multiple frequencies and multi-segment layouts. */
const RECORDS: { name: string; files: string[] }[] = [
  { name: '100_3chan', files: ['100_3chan.hea', '100_3chan.dat'] },
  {
    name: 'binformats',
    files: ['binformats.hea', ...Array.from({ length: 10 }, (_, i) => `binformats.d${i}`)],
  },
  { name: 'test01_00s_skewframe', files: ['test01_00s_skewframe.hea', 'test01_00s.dat'] },
  { name: '310derive', files: ['310derive.hea', '310derive.dat'] },
  { name: '311derive', files: ['311derive.hea', '311derive.dat'] },
  { name: 'a103l', files: ['a103l.hea', 'a103l.mat'] },
  { name: 'flacformats', files: ['flacformats.hea', 'flacformats.d0', 'flacformats.d1', 'flacformats.d2'] },
  {
    name: 'multi-segment/041s/041s',
    files: ['041s.hea', '041s01.hea', '041s01.dat', '041s02.hea', '041s02.dat'].map(
      (f) => `multi-segment/041s/${f}`,
    ),
  },
  {
    name: 'multi-segment/s25047/s25047-2704-05-04-10-44',
    files: [
      's25047-2704-05-04-10-44.hea',
      '3234460_layout.hea',
      '3234460_0001.hea',
      '3234460_0001.dat',
      '3234460_0002.hea',
      '3234460_0002.dat',
    ].map((f) => `multi-segment/s25047/${f}`),
  },
];

const originals = new Map<string, Uint8Array>();
function original(file: string): Uint8Array {
  let bytes = originals.get(file);
  if (bytes === undefined) {
    bytes = new Uint8Array(readFileSync(sampleData(file)));
    originals.set(file, bytes);
  }
  return bytes;
}

/** A corruption of one file: overwrite, insert or delete bytes, or cut the file short. */
const corruption = fc.oneof(
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Header-shaped corruptions: digits, separators and characters with meaning in header syntax. */
const headerText = fc.constantFrom(
  '0',
  '9',
  '-',
  '+',
  'x',
  ':',
  '/',
  '(',
  ')',
  '.',
  'e',
  ' ',
  '\n',
  '#',
  '~',
  '99999999999999',
  '\u00ff',
);

/** The values an arbitrary generates. */
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function corrupt(bytes: Uint8Array, c: Generated<typeof corruption>): Uint8Array {
  const at = bytes.length === 0 ? 0 : c.at % bytes.length;
  switch (c.kind) {
    case 'overwrite': {
      const copy = bytes.slice();
      copy.set(c.bytes.subarray(0, copy.length - at), at);
      return copy;
    }
    case 'insert':
      return Uint8Array.from([...bytes.subarray(0, at), ...c.bytes, ...bytes.subarray(at)]);
    case 'delete':
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + c.count)]);
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

/** How to read: a range of frames or the whole record, and the reader's options. */
const readOptions = fc.record({
  range: fc.option(fc.tuple(fc.nat({ max: 400 }), fc.nat({ max: 300 })), { nil: undefined }),
  expanded: fc.boolean(),
  allowTruncated: fc.boolean(),
  trimSkewedEnd: fc.boolean(),
});

/** Reads the record; returns whether it read, rethrows anything that is not an EcgIoError. */
async function readsOrFailsCleanly(
  name: string,
  files: Map<string, Uint8Array>,
  { range, ...options }: Generated<typeof readOptions>,
): Promise<boolean> {
  const read: WfdbReadOptions =
    range === undefined ? options : { ...options, from: range[0], to: range[0] + range[1] };
  try {
    await readWfdbRecord(memoryFileSource(files), name, read);
    return true;
  } catch (error) {
    if (!(error instanceof EcgIoError)) throw error;
    return false;
  }
}

describe('corrupted sample records', () => {
  it.each(RECORDS)('$name: corrupted bytes of any file give a record or an EcgIoError', async (record) => {
    const outcomes = new Set<boolean>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: record.files.length - 1 }),
        corruption,
        readOptions,
        async (which, c, options) => {
          const files = new Map(record.files.map((f) => [f, original(f)]));
          const file = record.files[which];
          files.set(file, corrupt(original(file), c));
          outcomes.add(await readsOrFailsCleanly(record.name, files, options));
        },
      ),
      { numRuns: 60 },
    );
    // Both outcomes occur, so the property exercised the decoders and not only the error paths.
    expect([...outcomes].sort()).toEqual([false, true]);
  });

  it.each(RECORDS)(
    '$name: headers edited with header syntax give a record or an EcgIoError',
    async (record) => {
      const headers = record.files.filter((f) => f.endsWith('.hea'));
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: headers.length - 1 }),
          fc.array(fc.tuple(fc.nat(), headerText, fc.boolean()), { minLength: 1, maxLength: 3 }),
          readOptions,
          async (which, edits, options) => {
            const files = new Map(record.files.map((f) => [f, original(f)]));
            const header = headers[which];
            let text = new TextDecoder('latin1').decode(original(header));
            for (const [at, insert, replace] of edits) {
              const i = at % (text.length + 1);
              text = text.slice(0, i) + insert + text.slice(replace ? i + 1 : i);
            }
            files.set(
              header,
              Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff),
            );
            await readsOrFailsCleanly(record.name, files, options);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('finds no problem in the untouched records', async () => {
    for (const record of RECORDS) {
      const files = new Map(record.files.map((f) => [f, original(f)]));
      const read = await readWfdbRecord(memoryFileSource(files), record.name, { to: 10 });
      expect(read.length).toBe(10);
    }
  });
});
