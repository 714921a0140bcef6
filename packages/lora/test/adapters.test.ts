import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { AdapterNameError, applyLora, LoraDense, type LoraModel } from '../src/index.js';
import { maxAbsDiff, nestedModel, predictValues, pseudoRandom } from './helpers.js';

const input = tf.tensor(pseudoRandom(3 * 4, 41), [3, 4]);
const x = () => input;

/** Gives every adapter weight of `lora` deterministic non-zero values, so adapters change the output. */
function randomiseAdapters(lora: LoraModel, seed: number): void {
  for (const { layer } of lora.loraLayers()) {
    for (const name of layer.adapterNames) {
      for (const weight of Object.values(layer.adapterWeights(name))) {
        const shape = weight.shape as number[];
        weight.write(
          tf.tensor(
            pseudoRandom(
              shape.reduce((a, b) => a * b, 1),
              seed++,
            ),
            shape,
          ),
        );
      }
    }
  }
}

describe('several adapters', () => {
  it('adds, switches and deletes adapters; only the active one acts and trains', () => {
    const base = nestedModel();
    const baseOutput = predictValues(base, x());
    const lora = applyLora(base, { targetModules: ['fc1'], r: 2 }, 'first');
    lora.addAdapter('second', { targetModules: ['fc1', 'head'], r: 1, modulesToSave: [] });
    expect(lora.adapterNames).toEqual(['first', 'second']);
    expect(lora.activeAdapter).toBe('first');
    randomiseAdapters(lora, 1);
    const model = lora.model;

    const firstOutput = predictValues(model, x());
    expect(maxAbsDiff(firstOutput, baseOutput)).toBeGreaterThan(1e-3);
    expect(model.trainableWeights.map((w) => w.originalName).sort()).toEqual([
      'fc1/lora_A.first',
      'fc1/lora_B.first',
    ]);

    lora.setAdapter('second');
    const secondOutput = predictValues(model, x());
    expect(maxAbsDiff(secondOutput, firstOutput)).toBeGreaterThan(1e-3);
    expect(model.trainableWeights.map((w) => w.originalName).sort()).toEqual([
      'fc1/lora_A.second',
      'fc1/lora_B.second',
      'head/lora_A.second',
      'head/lora_B.second',
    ]);

    lora.setAdapter('first');
    expect(predictValues(model, x())).toEqual(firstOutput);

    const tensors = tf.memory().numTensors;
    lora.deleteAdapter('first');
    expect(tf.memory().numTensors).toBe(tensors - 2); // fc1's A and B of 'first'
    expect(lora.activeAdapter).toBe('second');
    expect(predictValues(model, x())).toEqual(secondOutput);
    expect(() => lora.setAdapter('first')).toThrow(AdapterNameError);
    expect(() => lora.addAdapter('second', { targetModules: ['fc2'] })).toThrow(AdapterNameError);
  });

  it('disables adapters explicitly and for the duration of a callback, even if it throws', async () => {
    const base = nestedModel();
    const baseOutput = predictValues(base, x());
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 });
    randomiseAdapters(lora, 3);
    const head = lora.modulesToSaveLayers()[0].layer.adapterLayer('default');
    head.setWeights(head.getWeights().map((w) => tf.add(w, 1)));
    const adapted = predictValues(lora.model, x());
    expect(maxAbsDiff(adapted, baseOutput)).toBeGreaterThan(1e-3);

    lora.disableAdapters();
    expect(predictValues(lora.model, x())).toEqual(baseOutput);
    lora.enableAdapters();
    expect(predictValues(lora.model, x())).toEqual(adapted);

    expect(lora.withAdaptersDisabled(() => predictValues(lora.model, x()))).toEqual(baseOutput);
    expect(lora.adaptersDisabled).toBe(false);
    expect(() =>
      lora.withAdaptersDisabled(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(lora.adaptersDisabled).toBe(false);
    const later = await lora.withAdaptersDisabled(async () => {
      await Promise.resolve();
      return predictValues(lora.model, x());
    });
    expect(later).toEqual(baseOutput);
    expect(predictValues(lora.model, x())).toEqual(adapted);
  });

  it('merges and unmerges, and disabling a merged model unmerges it first', () => {
    const base = nestedModel();
    const baseOutput = predictValues(base, x());
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2', 'head'], r: 2 });
    randomiseAdapters(lora, 5);
    const adapted = predictValues(lora.model, x());
    const tensors = tf.memory().numTensors;

    lora.merge();
    expect(lora.merged).toBe(true);
    expect(maxAbsDiff(predictValues(lora.model, x()), adapted)).toBeLessThan(1e-5);
    // The kernels are shared, so the base model now computes the adapted function too (as in PEFT).
    expect(maxAbsDiff(predictValues(base, x()), adapted)).toBeLessThan(1e-5);

    lora.unmerge();
    expect(lora.merged).toBe(false);
    expect(maxAbsDiff(predictValues(base, x()), baseOutput)).toBeLessThan(1e-5);
    expect(maxAbsDiff(predictValues(lora.model, x()), adapted)).toBeLessThan(1e-5);

    lora.merge();
    lora.disableAdapters();
    expect(lora.merged).toBe(false);
    expect(maxAbsDiff(predictValues(lora.model, x()), baseOutput)).toBeLessThan(1e-5);
    lora.enableAdapters();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('mergeAndUnload returns a plain model with the adapted function and consumes the adapters', () => {
    const base = nestedModel();
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 });
    randomiseAdapters(lora, 7);
    const head = lora.modulesToSaveLayers()[0].layer.adapterLayer('default');
    head.setWeights(head.getWeights().map((w) => tf.mul(w, 2)));
    const adapted = predictValues(lora.model, x());

    const tensors = tf.memory().numTensors;
    const plain = lora.mergeAndUnload();
    const classes = (model: tf.LayersModel): string[] =>
      model.layers.flatMap((layer) =>
        layer instanceof tf.LayersModel ? classes(layer) : [layer.getClassName()],
      );
    expect(classes(plain)).toEqual(['InputLayer', 'InputLayer', 'Dense', 'Dense', 'Dense']);
    expect(maxAbsDiff(predictValues(plain, x()), adapted)).toBeLessThan(1e-5);
    // fc1, fc2: A and B disposed; head: the copy disposed, a new plain copy made (kernel, bias).
    expect(tf.memory().numTensors).toBe(tensors - 4 - 2 + 2);
    expect(lora.adapterNames).toEqual([]);
    expect(maxAbsDiff(predictValues(lora.model, x()), predictValues(base, x()))).toBe(0);
    expect(
      maxAbsDiff(
        predictValues(base.getLayer('encoder') as tf.LayersModel, x()),
        predictValues(plain.getLayer('encoder') as tf.LayersModel, x()),
      ),
    ).toBe(0);
  });

  it('dispose frees adapter weights and keeps the base model working', () => {
    const base = nestedModel();
    const baseOutput = predictValues(base, x());
    const tensors = tf.memory().numTensors;
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 });
    expect(tf.memory().numTensors).toBe(tensors + 4 + 2);
    lora.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(predictValues(base, x())).toEqual(baseOutput);
    expect(
      lora.loraLayers().every(({ layer }) => layer instanceof LoraDense && layer.adapterNames.length === 0),
    ).toBe(true);
  });
});
