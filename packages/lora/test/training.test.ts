import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { applyLora } from '../src/index.js';
import { nestedModel, pseudoRandom, snapshotWeights } from './helpers.js';

/** Inputs and the outputs of `nestedModel()` after a rank-1 change of fc2's kernel and a new head bias. */
function regressionTask() {
  const teacher = nestedModel();
  const fc2 = (teacher.getLayer('encoder') as tf.LayersModel).getLayer('fc2');
  const [kernel, bias] = fc2.getWeights();
  const u = tf.tensor(pseudoRandom(6, 31), [6, 1]);
  const v = tf.tensor(pseudoRandom(5, 32), [1, 5]);
  fc2.setWeights([tf.add(kernel, tf.matMul(u, v)), bias]);
  const head = teacher.getLayer('head');
  head.setWeights([head.getWeights()[0], tf.tensor1d([0.5, -0.5, 0.25])]);
  const xs = tf.tensor(pseudoRandom(64 * 4, 33), [64, 4]);
  const ys = teacher.predict(xs) as tf.Tensor;
  return { xs, ys };
}

function mse(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): number {
  return tf.tidy(() => tf.losses.meanSquaredError(ys, model.predict(xs) as tf.Tensor).dataSync()[0]);
}

describe('training with LoRA', () => {
  it('fits a regression task, changing only the adapters and the module to save', async () => {
    const { xs, ys } = regressionTask();
    const base = nestedModel();
    const baseWeights = snapshotWeights(base);
    const lora = applyLora(base, {
      targetModules: ['fc1', 'fc2'],
      modulesToSave: ['head'],
      r: 2,
      loraAlpha: 4,
    });
    const model = lora.model;
    const before = snapshotWeights(model);
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    const start = mse(model, xs, ys);
    await model.fit(xs, ys, { epochs: 150, batchSize: 16, verbose: 0 });
    const end = mse(model, xs, ys);
    expect(end).toBeLessThan(start / 20);

    // The base model's weights are bit for bit what they were.
    for (const [name, value] of snapshotWeights(base)) expect(value).toEqual(baseWeights.get(name));
    const changed = [...snapshotWeights(model)]
      .filter(([name, value]) => !before.get(name)!.every((v, i) => v === value[i]))
      .map(([name]) => name)
      .sort();
    expect(changed).toEqual([
      'fc1/lora_A.default',
      'fc1/lora_B.default',
      'fc2/lora_A.default',
      'fc2/lora_B.default',
      'head/modules_to_save.default/bias',
      'head/modules_to_save.default/kernel',
    ]);
  });

  it('does not leak tensors over 100 training steps', async () => {
    const { xs, ys } = regressionTask();
    const lora = applyLora(nestedModel(), {
      targetModules: ['fc1', 'fc2'],
      modulesToSave: ['head'],
      r: 2,
      loraDropout: 0.1,
    });
    const model = lora.model;
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await model.trainOnBatch(xs, ys); // the optimizer creates its state on the first step
    const tensors = tf.memory().numTensors;
    for (let step = 0; step < 100; step++) await model.trainOnBatch(xs, ys);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
