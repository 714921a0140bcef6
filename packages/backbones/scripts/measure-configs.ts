// Temporary: forward (batch 32) and contrastive step (2 x 16) times of candidate configs on wasm.
import * as tf from '@tensorflow/tfjs';
import { createBackbone, useBackend } from '../src/index.js';
import { ntXentLoss } from '../src/pretrain/nt-xent.js';
import { ProjectionHead } from '../src/pretrain/projection-head.js';

await useBackend('wasm');
const candidates: [string, Record<string, unknown>][] = JSON.parse(process.argv[2]);
const pairs = Number(process.argv[3] ?? 16);
for (const [id, config] of candidates) {
  const b = createBackbone(id, { config, seed: 0, frozen: false });
  const x = tf.randomNormal([32, b.input.length, b.input.leads.length]);
  const t = (f: () => void, n = 3) => {
    f();
    const s = performance.now();
    for (let i = 0; i < n; i++) f();
    return (performance.now() - s) / n;
  };
  const fwd = t(() => tf.tidy(() => b.embed(x).dataSync()));
  const head = new ProjectionHead(b.embeddingSize, Math.min(128, b.embeddingSize), 32, 1);
  const opt: tf.Optimizer = tf.train.adam(1e-3);
  const xs = tf.randomNormal([2 * pairs, b.input.length, b.input.leads.length]);
  const vars = [...b.trainableVariables(), ...head.variables()];
  const step = t(() => {
    const { value, grads } = tf.variableGrads(
      () => ntXentLoss(head.apply(b.embed(xs, { training: true })), 0.1),
      vars,
    );
    opt.applyGradients(grads);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  }, 2);
  console.log(
    `${id} ${JSON.stringify(config)} emb=${b.embeddingSize} params=${b.parameterCounts().total} fwd32=${fwd.toFixed(0)}ms step(2x${pairs})=${step.toFixed(0)}ms tensors=${tf.memory().numTensors}`,
  );
  tf.dispose([x, xs]);
  head.dispose();
  opt.dispose();
  b.dispose();
}
