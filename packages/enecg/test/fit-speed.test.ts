// Speed of the training loop on cached features, at the size of the CLI demo: 5 experts with the embedding sizes
// of the default backbones (dlinear 288, timesnet 16000, moment/ecg-fm/xresnet1d 64), 2 tasks, heads [256, 256],
// 240 training records, batch 32. Skipped unless ENECG_BENCH=1 (BENCH_BACKENDS=wasm,cpu picks the backends):
//   ENECG_BENCH=1 pnpm --filter @enecg/enecg exec vitest run test/fit-speed.test.ts
import { useBackend } from '@enecg/backbones';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { resolveConfig } from '../src/model/config.js';
import { EnsembleNetwork } from '../src/model/network.js';
import type { TaskSpec } from '../src/tasks/task.js';
import { fitNetwork } from '../src/train/fit.js';

const tasks: TaskSpec[] = [
  { name: 'rr', kind: 'regression' },
  { name: 'beat', kind: 'classification', classes: ['N', 'V', 'A'] },
];
const sizes = [288, 16000, 64, 64, 64];

for (const backend of (process.env.BENCH_BACKENDS ?? 'wasm').split(',')) {
  it.skipIf(!process.env.ENECG_BENCH)(`one epoch of the demo-sized model on ${backend}`, async () => {
    if (backend === 'wasm') await useBackend('wasm');
    else await tf.setBackend(backend);
    const n = 240;
    const config = resolveConfig({ experts: ['a', 'b', 'c', 'd', 'e'], tasks, seed: 1 });
    const network = new EnsembleNetwork(config, sizes, 1000);
    const matrix = (rows: number, columns: number, seed: number) => ({
      data: Float32Array.from({ length: rows * columns }, (_, i) => Math.sin(seed * 7919 + i * 0.37)),
      rows,
      columns,
    });
    const features = { experts: sizes.map((d, e) => matrix(n, d, e)), gate: matrix(n, 1000, 9), count: n };
    const targets = [
      {
        values: Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
        mask: new Float32Array(n).fill(1),
        size: 1,
        known: n,
      },
      {
        values: Float32Array.from({ length: 3 * n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        mask: new Float32Array(n).fill(1),
        size: 3,
        known: n,
      },
    ];
    const source = { features: async () => features, fresh: false };
    const options = {
      epochs: 1,
      batchSize: 32,
      learningRate: 1e-3,
      weightDecay: 0.01,
      warmupSteps: undefined,
      patience: 5,
      seed: 1,
    };
    await fitNetwork(network, { source, targets }, undefined, options); // warm-up
    const epochs = 3;
    const history = await fitNetwork(network, { source, targets }, undefined, { ...options, epochs });
    const ms = (history.seconds * 1000) / epochs;
    console.log(
      `${backend}: ${ms.toFixed(0)} ms per epoch, ${(ms / Math.ceil(n / 32)).toFixed(1)} ms per step`,
    );
    expect(history.epochs).toHaveLength(epochs);
    network.dispose();
  });
}
