// Resampling throughput: one 12-lead, 10 s record at 500 Hz (12 x 5000 samples) resampled to 100 Hz.
// Node 20 cannot run TypeScript directly, so bundle first (from packages/ecg-io):
//   npx tsup bench/resample.ts --no-config --format esm --out-dir /tmp/ecg-io-bench --silent && node /tmp/ecg-io-bench/resample.js
import { resampleFft, resamplePoly } from '../src/preprocess/index.js';

const LEADS = 12;
const SAMPLES = 5000;
const FROM_HZ = 500;
const TO_HZ = 100;
const MIN_SECONDS = 2;

/** A deterministic ECG-like test record: a few harmonics of 1.2 Hz plus a 50 Hz component per lead. */
function testRecord(): Float64Array[] {
  return Array.from({ length: LEADS }, (_, lead) =>
    Float64Array.from({ length: SAMPLES }, (_, i) => {
      const t = i / FROM_HZ;
      let v = 0.1 * Math.sin(2 * Math.PI * 50 * t + lead);
      for (let h = 1; h <= 20; h++) v += Math.sin(2 * Math.PI * 1.2 * h * t + lead * h) / h;
      return v;
    }),
  );
}

/** Runs `resampleLead` over every lead for at least MIN_SECONDS after a warm-up; returns records per second. */
function recordsPerSecond(record: Float64Array[], resampleLead: (x: Float64Array) => Float64Array): number {
  const resampleRecord = () => {
    for (const x of record) resampleLead(x);
  };
  for (let i = 0; i < 5; i++) resampleRecord();
  let records = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_SECONDS * 1000) {
    resampleRecord();
    records++;
  }
  return records / ((performance.now() - start) / 1000);
}

const record = testRecord();
const outLength = (SAMPLES * TO_HZ) / FROM_HZ;
const rows = [
  {
    method: `resampleFft(x, ${outLength})`,
    rate: recordsPerSecond(record, (x) => resampleFft(x, outLength)),
  },
  {
    method: 'resamplePoly(x, 1, 5)',
    rate: recordsPerSecond(record, (x) => resamplePoly(x, 1, 5)),
  },
];

console.log(`${LEADS} leads x ${SAMPLES} samples, ${FROM_HZ} -> ${TO_HZ} Hz, Node ${process.versions.node}`);
console.log('| method | records/s | ms/record |');
console.log('| --- | ---: | ---: |');
for (const { method, rate } of rows)
  console.log(`| ${method} | ${rate.toFixed(0)} | ${(1000 / rate).toFixed(2)} |`);
