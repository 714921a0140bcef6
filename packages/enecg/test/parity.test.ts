// Parity: the same computations on every available backend agree with the cpu backend within 1e-4 (relative).
// Node backends here: wasm always; WebGPU through the `webgpu` package (Dawn) when an adapter exists (SwiftShader
// on machines without a GPU). A backend that is not available is reported as skipped with its reason.
import { createBackbone, listBackbones } from '@enecg/backbones';
import { installNodeWebGpu, useBackend } from '@enecg/backbones/node';
import { applyLora } from '@enecg/lora';
import { SoftmaxGate } from '@enecg/moe';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EnEcg } from '../src/model/enecg.js';
import { EXPERT_IDS, SAMPLES, syntheticExamples, TASKS, tinyBackbones } from './model-fixtures.js';

const TOLERANCE = 1e-4;

/**
 * max |a - b| / max |b|: the error relative to the output's scale. (An element-wise relative error would blow up
 * on outputs near zero, where float32 rounding of a sum of large terms is legitimately larger than the value.)
 */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

const webgpu = await installNodeWebGpu();
const backends = [
  { name: 'wasm', available: true, reason: '' },
  { name: 'webgpu', available: webgpu.available, reason: webgpu.available ? '' : webgpu.reason },
];
for (const b of backends) {
  if (!b.available) console.warn(`parity: backend ${b.name} skipped: ${b.reason}`);
}

/** Runs `compute` on cpu and on `backend` (same weights: tensors move between backends) and compares. */
async function compare(backend: string, compute: () => tf.Tensor | Promise<number[]>): Promise<number> {
  const run = async () => {
    const result = compute();
    if (result instanceof tf.Tensor) {
      const values = Array.from(await result.data());
      result.dispose();
      return values;
    }
    return result;
  };
  await useBackend('cpu');
  const reference = await run();
  await useBackend(backend);
  const values = await run();
  await useBackend('cpu');
  return relativeError(values, reference);
}

for (const backend of backends) {
  const suite = backend.available ? describe : describe.skip;
  suite(`parity with cpu: ${backend.name}${backend.available ? '' : ` (skipped: ${backend.reason})`}`, () => {
    for (const { id } of listBackbones()) {
      // TimesNet chooses its periods from FFT amplitudes read synchronously inside the forward pass; tfjs's WebGPU
      // backend implements synchronous reads with OffscreenCanvas, which Node does not have (browsers do).
      const unsupported = backend.name === 'webgpu' && id === 'timesnet';
      const test = unsupported ? it.skip : it;
      const why = unsupported ? ' (skipped: synchronous GPU reads need OffscreenCanvas, absent in Node)' : '';
      test(`backbone ${id} (default configuration) embeds within ${TOLERANCE}${why}`, async () => {
        await useBackend('cpu');
        const model = createBackbone(id, { config: id === 'timesnet' ? { pooling: 'mean' } : {}, seed: 1 });
        const x = tf.randomNormal([2, model.input.length, model.input.leads.length], 0, 1, 'float32', 3);
        const error = await compare(backend.name, () => model.embed(x));
        tf.dispose(x);
        model.dispose();
        expect(error).toBeLessThan(TOLERANCE);
      });
    }

    it('a LoRA-adapted model (Dense layers, merged and unmerged) agrees', async () => {
      // Built on each backend from seeds: tensors that moved to the GPU cannot move back synchronously in Node.
      const outputs = async (name: string) => {
        await useBackend(name);
        const init = (seed: number) => tf.initializers.glorotUniform({ seed });
        const base = tf.sequential({
          layers: [
            tf.layers.dense({
              units: 32,
              inputShape: [16],
              activation: 'relu',
              name: 'fc1',
              kernelInitializer: init(1),
            }),
            tf.layers.dense({ units: 4, name: 'out', kernelInitializer: init(2) }),
          ],
        });
        const lora = applyLora(base, { targetModules: ['fc1'], r: 4, loraAlpha: 8 });
        for (const { layer } of lora.loraLayers()) {
          const { loraA, loraB } = layer.adapterWeights('default');
          loraA.write(tf.randomNormal(loraA.shape as number[], 0, 0.3, 'float32', 6));
          loraB.write(tf.randomNormal(loraB.shape as number[], 0, 0.3, 'float32', 7));
        }
        const x = tf.randomNormal([8, 16], 0, 1, 'float32', 4);
        const unmerged = Array.from(await (lora.model.apply(x) as tf.Tensor).data());
        lora.merge();
        const merged = Array.from(await (lora.model.apply(x) as tf.Tensor).data());
        lora.dispose();
        base.dispose();
        return { unmerged, merged };
      };
      const reference = await outputs('cpu');
      const other = await outputs(backend.name);
      await useBackend('cpu');
      expect(relativeError(other.unmerged, reference.unmerged)).toBeLessThan(TOLERANCE);
      expect(relativeError(other.merged, reference.merged)).toBeLessThan(TOLERANCE);
    });

    it('a softmax gate agrees', async () => {
      await useBackend('cpu');
      const gate = new SoftmaxGate({ inputFeatures: 250, numExperts: 5, hiddenUnits: [16], seed: 2 });
      const x = tf.randomNormal([8, 250], 0, 1, 'float32', 5);
      expect(await compare(backend.name, () => gate.apply(x).weights)).toBeLessThan(TOLERANCE);
      tf.dispose(x);
      gate.dispose();
    });

    it('a full EnECG forward pass and one training step agree', async () => {
      const examples = syntheticExamples(24, 9);
      const gate = { leads: ['II'], sampleRate: 100, durationS: SAMPLES / 100 };
      const outputs = async (name: string) => {
        await useBackend(name);
        const backbones = tinyBackbones(2);
        const model = EnEcg.create(
          { experts: EXPERT_IDS, tasks: TASKS, head: { hidden: [16] }, gate, seed: 4 },
          { backbones },
        );
        const before = await model.predictBatch(examples.map((e) => e.record));
        const history = await model.fit(examples, { epochs: 1, batchSize: 24, learningRate: 1e-2 });
        const after = await model.predictBatch(examples.map((e) => e.record));
        model.dispose();
        for (const b of backbones) b.dispose();
        const flat = (predictions: typeof before) =>
          predictions.flatMap((p) =>
            Object.values(p.tasks).flatMap((t) => [
              ...(t.probabilities ?? [t.prediction as number]),
              ...Object.values(t.gateWeights),
            ]),
          );
        return { before: flat(before), loss: history.epochs[0].loss, after: flat(after) };
      };
      const reference = await outputs('cpu');
      const other = await outputs(backend.name);
      await useBackend('cpu');
      expect(relativeError(other.before, reference.before)).toBeLessThan(TOLERANCE);
      expect(Math.abs(other.loss - reference.loss) / Math.abs(reference.loss)).toBeLessThan(TOLERANCE);
      expect(relativeError(other.after, reference.after)).toBeLessThan(TOLERANCE);
    });
  });
}
