// Forward latency per TF.js backend (cpu, wasm, and WebGPU when Node has an adapter): each default backbone and
// the full EnECG ensemble (5 experts, 4 tasks: embed + heads + gates) on simulated 10 s 12-lead records.
// Run: pnpm --filter @enecg/enecg bench:backends. Medians of 3 runs after a warm-up, all in one run.
import { installNodeWebGpu, useBackend } from '@enecg/backbones/node';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_EXPERTS, loadExperts } from '../src/cli/experts.js';
import { simulatedDataset } from '../src/data/simulated.js';
import { EnEcg } from '../src/model/enecg.js';

/** Batch sizes per backend (the plain-JavaScript cpu backend only at batch 1: it is 10-40x slower). */
const batchesOf = (backend: string) => (backend === 'cpu' ? [1] : [1, 8]);
const webgpu = await installNodeWebGpu();
const backends = ['cpu', 'wasm', ...(webgpu.available ? ['webgpu'] : [])];
if (!webgpu.available) console.log(`webgpu skipped: ${webgpu.reason}`);
else console.log(`webgpu adapter: ${webgpu.adapter}`);

async function median(run: () => Promise<void>): Promise<number> {
  await run(); // warm-up (shader compilation, kernel selection)
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1];
}

const { tasks, examples } = simulatedDataset({ count: 8, seed: 11 });
const rows: string[][] = [];
for (const backend of backends) {
  await useBackend(backend);
  const backbones = await loadExperts();
  const model = EnEcg.create(
    { experts: [...DEFAULT_EXPERTS], tasks, gate: { sampleRate: 25 } },
    { backbones },
  );
  for (const batch of batchesOf(backend)) {
    for (const backbone of backbones) {
      if (backend === 'webgpu' && backbone.id === 'timesnet') {
        rows.push([backbone.id, backend, String(batch), 'n/a (synchronous read; see backbones README)']);
        continue;
      }
      const x = tf.randomNormal([batch, backbone.input.length, backbone.input.leads.length]);
      const ms = await median(async () => {
        const y = backbone.embed(x);
        await y.data();
        y.dispose();
      });
      x.dispose();
      rows.push([backbone.id, backend, String(batch), `${ms.toFixed(1)} ms`]);
    }
    if (backend !== 'webgpu') {
      const records = examples.slice(0, batch).map((e) => e.record);
      const ms = await median(async () => {
        await model.predictBatch(records);
      });
      rows.push(['EnECG ensemble (records -> predictions)', backend, String(batch), `${ms.toFixed(1)} ms`]);
    } else {
      rows.push(['EnECG ensemble (records -> predictions)', backend, String(batch), 'n/a (TimesNet expert)']);
    }
  }
  model.dispose();
  for (const b of backbones) b.dispose();
}
console.log('| model | backend | batch | forward |\n| --- | --- | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
