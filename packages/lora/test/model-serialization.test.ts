import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { applyLora, LoraDense, ModulesToSaveLayer } from '../src/index.js';
import { nestedModel, predictValues, pseudoRandom } from './helpers.js';

async function saveAndLoad(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return tf.loadLayersModel(tf.io.fromMemory(artifacts!));
}

describe('saving a whole LoRA model with tf.io', () => {
  it('restores LoRA layers, modules to save, every adapter and the outputs', async () => {
    const lora = applyLora(
      nestedModel(),
      { targetModules: ['fc1', 'fc2'], modulesToSave: ['head'], r: 2 },
      'task_a',
    );
    lora.addAdapter('taskB', { targetModules: ['fc2'], modulesToSave: ['head'], r: 1 });
    lora.setAdapter('taskB');
    for (const weight of lora.model.weights) {
      const shape = weight.shape as number[];
      weight.write(
        tf.tensor(
          pseudoRandom(
            shape.reduce((a, b) => a * b, 1),
            shape.length + 3,
          ),
          shape,
        ),
      );
    }
    const x = tf.tensor(pseudoRandom(8, 4), [2, 4]);
    const expected = predictValues(lora.model, x);

    const loaded = await saveAndLoad(lora.model);
    expect(predictValues(loaded, x)).toEqual(expected);
    const fc2 = (loaded.getLayer('encoder') as tf.LayersModel).getLayer('fc2') as LoraDense;
    expect(fc2).toBeInstanceOf(LoraDense);
    expect(fc2.adapterNames).toEqual(['task_a', 'taskB']);
    expect(fc2.activeAdapter).toBe('taskB');
    const head = loaded.getLayer('head') as ModulesToSaveLayer;
    expect(head).toBeInstanceOf(ModulesToSaveLayer);
    expect(head.adapterNames).toEqual(['task_a', 'taskB']);
    expect(head.activeAdapter).toBe('taskB');
  });

  it('restores a merged layer as merged, so the update is not applied twice', async () => {
    const lora = applyLora(nestedModel(), { targetModules: ['fc1'], r: 2, initLoraWeights: false });
    const x = tf.tensor(pseudoRandom(8, 5), [2, 4]);
    const adapted = predictValues(lora.model, x);
    lora.merge();
    const loaded = await saveAndLoad(lora.model);
    const values = predictValues(loaded, x);
    expect(Math.max(...values.map((v, i) => Math.abs(v - adapted[i])))).toBeLessThan(1e-5);
    const fc1 = (loaded.getLayer('encoder') as tf.LayersModel).getLayer('fc1') as LoraDense;
    expect(fc1.mergedAdapters).toEqual(['default']);
  });
});
