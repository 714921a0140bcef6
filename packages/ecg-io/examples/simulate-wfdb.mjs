// Simulates a labelled 12-lead ECG and writes it as a WFDB record (header + format-16 signal file) that
// PhysioNet tools and readWfdbRecord read back. Labels travel in the header comments.
// Build the package first (pnpm --filter @enecg/ecg-io build), then: node examples/simulate-wfdb.mjs [out-dir]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordFromPath, simulateEcg, writeRecordFiles, writeWfdbRecord } from '../dist/node.js';

const outDir = process.argv[2] ?? join(tmpdir(), 'enecg-simulated');
const { record, labels } = simulateEcg({
  seed: 11,
  rhythm: 'atrial-fibrillation',
  heartRateBpm: 95,
  name: 'af_11',
});

const written = writeWfdbRecord({
  name: record.name,
  samplingFrequency: record.samplingFrequency,
  comments: record.comments,
  signals: record.signals.map((s, k) => ({
    name: s.name,
    units: s.units,
    gain: s.gain,
    digital: record.digital[k],
  })),
});
const paths = await writeRecordFiles(outDir, written.files);
console.log(`wrote ${paths.join(', ')} (${labels.rhythm}, ${labels.beats.length} beats)`);

const back = await readRecordFromPath(`${outDir}/${record.name}`);
const same = back.digital.every((signal, k) => signal.every((v, n) => v === record.digital[k][n]));
console.log(`read back ${back.signals.length} signals x ${back.length} samples, identical: ${same}`);
console.log(back.comments.join('\n'));
