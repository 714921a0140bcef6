// Embeds one 12-lead ECG with every built-in backbone (small default sizes, untrained weights).
//   pnpm --filter @enecg/ecg-io build && pnpm --filter @enecg/backbones build
//   node packages/backbones/examples/embed-record.mjs [path/to/wfdb/record]
// Without a path it simulates a 10 s, 500 Hz record with @enecg/ecg-io.
import {
  createBackbone,
  describeInputSpec,
  listBackbones,
  prepareBatch,
  useBackend,
} from '@enecg/backbones/node';
import { readRecordFromPath, simulateEcg } from '@enecg/ecg-io/node';

const path = process.argv[2];
const record = path ? await readRecordFromPath(path) : simulateEcg({ durationS: 10, seed: 1 }).record;
console.log(
  `record ${record.name}: ${record.signals.length} signals, ${record.length} samples at ${record.samplingFrequency} Hz\n`,
);

await useBackend('wasm'); // the fastest CPU backend in Node (see selectFastestBackend)

for (const { id } of listBackbones()) {
  const backbone = createBackbone(id); // frozen; load pretrained weights with loadTorchWeights / loadBackboneFromFile
  const { input, reports } = prepareBatch([record], backbone.input, { crop: 'center' });
  const start = performance.now();
  const embedding = backbone.embed(input);
  const values = await embedding.data();
  const ms = performance.now() - start;
  const { resampled, cropped, padded, leads } = reports[0];
  console.log(`${id}: ${describeInputSpec(backbone.input)}`);
  console.log(
    `  prepared: ${resampled ? `resampled ${resampled.fromHz} -> ${resampled.toHz} Hz, ` : ''}` +
      `cropped ${cropped.before} + ${cropped.after}, padded ${padded}, ` +
      `leads ${leads.map((l) => `${l.lead}:${l.source}`).join(' ')}`,
  );
  console.log(
    `  embedding: ${values.length} values in ${ms.toFixed(1)} ms, first ${Array.from(values.slice(0, 3), (v) => v.toFixed(3)).join(', ')}\n`,
  );
  input.dispose();
  embedding.dispose();
  backbone.dispose();
}
