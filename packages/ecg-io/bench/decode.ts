// WFDB decode throughput for formats 16 and 212 on the largest sample records, next to a plain copy of the
// same bytes. Node 20 cannot run TypeScript directly, so bundle first (from packages/ecg-io):
//   npx tsup bench/decode.ts --no-config --format esm --out-dir /tmp/ecg-io-bench --silent &&
//     ENECG_DATA_DIR=$PWD/../../../shared/data node /tmp/ecg-io-bench/decode.js
// ENECG_DATA_DIR must be set: once bundled elsewhere, @enecg/test-data cannot find ../shared/data by itself.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import { memoryFileSource } from '../src/io/index.js';
import { decodeSamples } from '../src/wfdb/decode.js';
import { samplesInBytes, wfdbFormat } from '../src/wfdb/formats.js';
import { readWfdbRecord } from '../src/wfdb/index.js';

const MIN_SECONDS = 1;

/** The largest format-16 and format-212 records of the sample data (s0010_re: its 12 leads in one file). */
const RECORDS = [
  { record: 'test_generator_2', file: 'test_generator_2.dat', format: 16 },
  { record: 's0010_re', file: 's0010_re.dat', format: 16, signals: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  { record: '100', file: '100.dat', format: 212 },
  { record: '03700181', file: '03700181.dat', format: 212 },
];

/** Runs `work` repeatedly for at least MIN_SECONDS after a warm-up; returns megabytes (10^6) per second. */
function megabytesPerSecond(bytes: number, work: () => void): number {
  for (let i = 0; i < 3; i++) work();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000) {
    work();
    runs++;
    elapsed = performance.now() - start;
  }
  return (bytes * runs) / 1e6 / (elapsed / 1000);
}

async function secondsPerRead(read: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await read();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_SECONDS * 1000) {
    await read();
    runs++;
  }
  return (performance.now() - start) / 1000 / runs;
}

async function main(): Promise<void> {
  requireData();
  const rows: string[][] = [['record', 'format', 'MB', 'copy MB/s', 'decode MB/s', 'readWfdbRecord MB/s']];
  for (const { record, file, format, signals } of RECORDS) {
    const bytes = new Uint8Array(readFileSync(sampleData(file)));
    const info = wfdbFormat(format)!;
    const count = samplesInBytes(info, bytes.length);
    const out = new Int32Array(count);
    const copy = megabytesPerSecond(bytes.length, () => {
      new Uint8Array(bytes.length).set(bytes);
    });
    const decode = megabytesPerSecond(bytes.length, () => decodeSamples(info, bytes, count, out));
    const source = memoryFileSource({
      [`${record}.hea`]: readFileSync(sampleData(`${record}.hea`)),
      [file]: bytes,
    });
    const read = await secondsPerRead(() => readWfdbRecord(source, record, { signals }));
    rows.push([
      record,
      String(format),
      (bytes.length / 1e6).toFixed(2),
      copy.toFixed(0),
      decode.toFixed(0),
      (bytes.length / 1e6 / read).toFixed(0),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows)
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
  console.log('\ncopy: new Uint8Array + set of the file bytes; decode: stored values into an Int32Array;');
  console.log(
    'readWfdbRecord: header parse, decode, de-interleave, checksums and physical values, from memory.',
  );
}

await main();
