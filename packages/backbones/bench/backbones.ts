// Forward latency of every built-in backbone (default sizes) at batch 1 and 32 on the cpu and wasm backends,
// and the time of one training step of convolutional networks on each backend.
// Run from packages/backbones: pnpm bench (bundles this file with tsup, then runs it with node).
// Options: --quick (batch 1 only, shorter budget, no published sizes).
import * as tf from '@tensorflow/tfjs';
import { type Backbone, createBackbone, listBackbones, loadWasmBackend } from '../src/index.js';

const BACKENDS = ['cpu', 'wasm'] as const;
const quick = process.argv.includes('--quick');
const BATCHES = quick ? [1] : [1, 32];
/** Timed runs stop after this many milliseconds (at least one run, at most MAX_RUNS). */
const BUDGET_MS = quick ? 1500 : 4000;
const MAX_RUNS = 5;

/**
 * Median milliseconds of `work` over up to MAX_RUNS runs within BUDGET_MS (at least one), after `warmUp` ran
 * once: the same work on a batch of one, which sets up kernels, moves the weights and creates optimizer state.
 */
function time(warmUp: () => void, work: () => void): number {
  warmUp();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < MAX_RUNS && (times.length === 0 || performance.now() - start < BUDGET_MS)) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function forwardTime(backbone: Backbone, batch: number): number {
  const input = (size: number) =>
    tf.randomNormal([size, backbone.input.length, backbone.input.leads.length], 0, 1, 'float32', 1);
  const [one, x] = [input(1), input(batch)];
  const ms = time(
    () => tf.tidy(() => backbone.embed(one).dataSync()),
    () => tf.tidy(() => backbone.embed(x).dataSync()),
  );
  tf.dispose([one, x]);
  return ms;
}

/** One Adam step of `loss(batch)` over the trainable variables, synchronised by reading the loss. */
function stepTime(loss: (batch: number) => tf.Scalar, batch: number): number {
  const optimizer = tf.train.adam(1e-3);
  const step = (size: number) => () => {
    const value = optimizer.minimize(() => loss(size), true);
    value?.dataSync();
    value?.dispose();
  };
  const ms = time(step(1), step(batch));
  optimizer.dispose();
  return ms;
}

/** The reference network of the task: Conv1D(12->32, k7, s2) -> ReLU -> Conv1D(32->32, k5, s2) -> ReLU -> mean -> Dense(5). */
function twoConvStep(batch: number): number {
  const w1 = tf.variable(tf.randomNormal([7, 12, 32], 0, 0.1, 'float32', 1));
  const w2 = tf.variable(tf.randomNormal([5, 32, 32], 0, 0.1, 'float32', 2));
  const w3 = tf.variable(tf.randomNormal([32, 5], 0, 0.1, 'float32', 3));
  const data = [1, batch].map((size) => ({
    x: tf.randomNormal([size, 1000, 12], 0, 1, 'float32', 4) as tf.Tensor3D,
    y: tf.randomNormal([size, 5], 0, 1, 'float32', 5),
  }));
  const ms = stepTime((size) => {
    const { x, y } = data[size === 1 ? 0 : 1];
    const h1 = tf.relu(tf.conv1d(x, w1 as tf.Tensor3D, 2, 'same'));
    const h2 = tf.relu(tf.conv1d(h1, w2 as tf.Tensor3D, 2, 'same'));
    return tf.losses.meanSquaredError(y, tf.matMul(tf.mean(h2, 1), w3));
  }, batch);
  tf.dispose([w1, w2, w3, ...data.flatMap(({ x, y }) => [x, y])]);
  return ms;
}

function backboneStep(id: string, batch: number): number {
  const backbone = createBackbone(id, { frozen: false });
  const inputs = [1, batch].map((size) =>
    tf.randomNormal([size, backbone.input.length, backbone.input.leads.length], 0, 1, 'float32', 1),
  );
  const ms = stepTime(
    (size) => tf.mean(tf.square(backbone.embed(inputs[size === 1 ? 0 : 1], { training: true }))) as tf.Scalar,
    batch,
  );
  tf.dispose(inputs);
  backbone.dispose();
  return ms;
}

const format = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const ratio = (cpu: number, wasm: number) => `${(cpu / wasm).toFixed(1)}x`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  await loadWasmBackend();
  console.log(
    `TensorFlow.js ${tf.version.tfjs}, Node ${process.version}; median of up to ${MAX_RUNS} runs ` +
      `(fewer past ${BUDGET_MS / 1000} s) after a warm-up on a batch of one\n`,
  );

  const forwardRows: string[][] = [];
  for (const { id } of listBackbones()) {
    const probe = createBackbone(id);
    const { total } = probe.parameterCounts();
    const shape = `${probe.input.length} x ${probe.input.leads.length} -> ${probe.embeddingSize}`;
    probe.dispose();
    for (const batch of BATCHES) {
      const times: Record<string, number> = {};
      for (const backend of BACKENDS) {
        await tf.setBackend(backend);
        const backbone = createBackbone(id);
        times[backend] = forwardTime(backbone, batch);
        backbone.dispose();
      }
      forwardRows.push([
        id,
        total.toLocaleString('en-US'),
        shape,
        String(batch),
        format(times.cpu),
        format(times.wasm),
        ratio(times.cpu, times.wasm),
      ]);
    }
  }
  console.log('Forward pass (embed), default configurations');
  printTable(
    ['backbone', 'parameters', 'input -> embedding', 'batch', 'cpu', 'wasm', 'cpu / wasm'],
    forwardRows,
  );

  if (!quick) {
    await tf.setBackend('wasm');
    const publishedRows: string[][] = [];
    for (const { id, presets } of listBackbones()) {
      for (const preset of presets.filter((name) => name !== 'moment-1-base' && name !== 'moment-1-large')) {
        const backbone = createBackbone(id, { preset });
        const { total } = backbone.parameterCounts();
        publishedRows.push([
          `${id} / ${preset}`,
          total.toLocaleString('en-US'),
          format(forwardTime(backbone, 1)),
        ]);
        backbone.dispose();
      }
    }
    console.log('\nForward pass of the published sizes (presets), wasm, batch 1');
    printTable(['backbone / preset', 'parameters', 'wasm'], publishedRows);
  }

  const trainingRows: string[][] = [];
  const cases: [string, () => number][] = [
    ['2 x Conv1D + dense, batch 16 x 1000 x 12', () => twoConvStep(16)],
    ['xresnet1d (default), batch 16', () => backboneStep('xresnet1d', 16)],
    ['ecg-fm (default), batch 4', () => backboneStep('ecg-fm', 4)],
  ];
  for (const [name, run] of cases) {
    const times: Record<string, number> = {};
    for (const backend of BACKENDS) {
      await tf.setBackend(backend);
      times[backend] = run();
    }
    trainingRows.push([name, format(times.cpu), format(times.wasm), ratio(times.cpu, times.wasm)]);
  }
  console.log('\nTraining step (forward + backward + Adam update)');
  printTable(['network', 'cpu', 'wasm', 'cpu / wasm'], trainingRows);
}

await main();
