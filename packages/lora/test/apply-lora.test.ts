import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  applyLora,
  formatTrainableParameters,
  LoraConfigError,
  LoraDense,
  LoraRankError,
  layersWithPaths,
  ModulesToSaveLayer,
  TargetModulesError,
  trainableParameters,
} from '../src/index.js';
import { nestedModel, predictValues, pseudoRandom } from './helpers.js';

const x = () => tf.tensor(pseudoRandom(3 * 4, 21), [3, 4]);

function loraPaths(model: tf.LayersModel): string[] {
  return layersWithPaths(model)
    .filter(({ layer }) => layer instanceof LoraDense)
    .map(({ path }) => path);
}

function trainableNames(model: tf.LayersModel): string[] {
  return model.trainableWeights.map((w) => w.originalName).sort();
}

describe('applyLora', () => {
  it('lists layer paths through nested models', () => {
    expect(layersWithPaths(nestedModel()).map(({ path }) => path)).toEqual([
      'encoder',
      'encoder.fc1',
      'encoder.fc2',
      'head',
    ]);
  });

  it('selects targets by exact path, by suffix, and by RegExp or string pattern (full match)', () => {
    expect(loraPaths(applyLora(nestedModel(), { targetModules: ['encoder.fc1'], r: 2 }).model)).toEqual([
      'encoder.fc1',
    ]);
    expect(loraPaths(applyLora(nestedModel(), { targetModules: ['fc2', 'head'], r: 2 }).model)).toEqual([
      'encoder.fc2',
      'head',
    ]);
    expect(loraPaths(applyLora(nestedModel(), { targetModules: /encoder\.fc\d/, r: 2 }).model)).toEqual([
      'encoder.fc1',
      'encoder.fc2',
    ]);
    expect(loraPaths(applyLora(nestedModel(), { targetModules: '.*fc1', r: 2 }).model)).toEqual([
      'encoder.fc1',
    ]);
    // Full match: 'fc' alone matches no whole path.
    expect(() => applyLora(nestedModel(), { targetModules: /fc/, r: 2 })).toThrow(TargetModulesError);
    // Suffix matching is on whole names: 'c1' is not a suffix match of 'encoder.fc1'.
    expect(() => applyLora(nestedModel(), { targetModules: ['c1'], r: 2 })).toThrow(TargetModulesError);
  });

  it('gives the base model function exactly with fresh adapters, sharing base weights', () => {
    const base = nestedModel();
    const expected = predictValues(base, x());
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2', 'head'], r: 3 });
    expect(lora.model).not.toBe(base);
    expect(predictValues(lora.model, x())).toEqual(expected);
    const fc1 = lora.loraLayers().find(({ path }) => path === 'encoder.fc1')!.layer;
    expect(fc1.baseLayer).toBe((base.getLayer('encoder') as tf.LayersModel).getLayer('fc1'));
    expect(predictValues(base, x())).toEqual(expected);
  });

  it('freezes everything but the adapters, in the base model too', () => {
    const base = nestedModel();
    const lora = applyLora(base, { targetModules: ['fc1'], r: 2 });
    expect(trainableNames(lora.model)).toEqual(['fc1/lora_A.default', 'fc1/lora_B.default']);
    expect(base.trainableWeights).toEqual([]);
  });

  it('keeps modulesToSave fully trainable as a copy, leaving the original untouched', () => {
    const base = nestedModel();
    const lora = applyLora(base, { targetModules: ['fc1'], modulesToSave: ['head'], r: 2 });
    expect(lora.model.getLayer('head')).toBeInstanceOf(ModulesToSaveLayer);
    expect(trainableNames(lora.model)).toEqual([
      'fc1/lora_A.default',
      'fc1/lora_B.default',
      'head/modules_to_save.default/bias',
      'head/modules_to_save.default/kernel',
    ]);
    expect(predictValues(lora.model, x())).toEqual(predictValues(base, x()));
  });

  it('does not put adapters inside modules to save (as PEFT)', () => {
    const lora = applyLora(nestedModel(), { targetModules: ['fc1', 'head'], modulesToSave: ['head'], r: 2 });
    expect(loraPaths(lora.model)).toEqual(['encoder.fc1']);
  });

  it('trains biases as bias asks: none, lora_only, all', () => {
    const names = (bias: 'none' | 'all' | 'lora_only') =>
      trainableNames(applyLora(nestedModel(), { targetModules: ['fc1'], r: 2, bias }).model);
    expect(names('none')).toEqual(['fc1/lora_A.default', 'fc1/lora_B.default']);
    expect(names('lora_only')).toEqual(['fc1/bias', 'fc1/lora_A.default', 'fc1/lora_B.default']);
    expect(names('all')).toEqual([
      'fc1/bias',
      'fc1/lora_A.default',
      'fc1/lora_B.default',
      'fc2/bias',
      'head/bias',
    ]);
  });

  it('applies rankPattern and alphaPattern per layer', () => {
    const lora = applyLora(nestedModel(), {
      targetModules: ['fc1', 'fc2'],
      r: 2,
      loraAlpha: 4,
      rankPattern: { fc2: 4 },
      alphaPattern: { 'encoder\\.fc1': 1 },
    });
    const settings = Object.fromEntries(
      lora.loraLayers().map(({ path, layer }) => [path, layer.adapterSettings('default')]),
    );
    expect(settings['encoder.fc1']).toMatchObject({ r: 2, loraAlpha: 1 });
    expect(settings['encoder.fc2']).toMatchObject({ r: 4, loraAlpha: 4 });
  });

  it('works on a Sequential model and on Conv1D layers', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({
          filters: 4,
          kernelSize: 3,
          inputShape: [12, 2],
          name: 'conv',
          activation: 'relu',
        }),
        tf.layers.globalAveragePooling1d({ name: 'pool' }),
        tf.layers.dense({ units: 2, name: 'out' }),
      ],
    });
    const input = tf.tensor(pseudoRandom(2 * 12 * 2, 4), [2, 12, 2]);
    const expected = predictValues(model, input);
    const lora = applyLora(model, { targetModules: ['conv', 'out'], r: 2 });
    expect(lora.loraLayers().map(({ path, layer }) => `${path}:${layer.getClassName()}`)).toEqual([
      'conv:LoraConv1D',
      'out:LoraDense',
    ]);
    expect(predictValues(lora.model, input)).toEqual(expected);
  });

  it('reports unknown targets and unsupported layers with the list of layers', () => {
    const error = (() => {
      try {
        applyLora(nestedModel(), { targetModules: ['fc1', 'fc9'], r: 2 });
      } catch (caught) {
        return caught as TargetModulesError;
      }
    })()!;
    expect(error).toBeInstanceOf(TargetModulesError);
    expect(error.targets).toEqual(['fc9']);
    expect(error.availableLayers).toEqual([
      'encoder (Sequential)',
      'encoder.fc1 (Dense)',
      'encoder.fc2 (Dense)',
      'head (Dense)',
    ]);
    expect(error.message).toMatch(
      /targetModules "fc9" match no layer\nLayers of the model:\n {2}encoder \(Sequential\)/,
    );

    const withNorm = tf.sequential({
      layers: [
        tf.layers.dense({ units: 3, inputShape: [2], name: 'd' }),
        tf.layers.layerNormalization({ name: 'norm' }),
      ],
    });
    expect(() => applyLora(withNorm, { targetModules: ['norm'], r: 1 })).toThrow(
      /norm: LayerNormalization layers cannot take LoRA/,
    );
    expect(() => applyLora(nestedModel(), { targetModules: ['encoder'], r: 1 })).toThrow(
      /encoder: Sequential layers cannot take LoRA/,
    );
    expect(() => applyLora(nestedModel(), { targetModules: ['fc1'], modulesToSave: ['tail'], r: 1 })).toThrow(
      /modulesToSave "tail" match no layer/,
    );
  });

  it('checks ranks against every selected layer before changing anything', () => {
    const base = nestedModel();
    expect(() => applyLora(base, { targetModules: ['fc1', 'head'], r: 4 })).toThrow(LoraRankError); // head: min(5, 3)
    expect(base.trainableWeights.length).toBe(6);
    expect(() => applyLora(base, { targetModules: ['fc1'], r: 0 })).toThrow(LoraConfigError);
    expect(() => applyLora(base, { targetModules: ['fc1'], loraDropout: 1 })).toThrow(/loraDropout/);
    expect(() => applyLora(base, { targetModules: ['fc1'], bias: 'some' as 'all' })).toThrow(/bias/);
    expect(() => applyLora(base, { targetModules: [] })).toThrow(/targetModules/);
    expect(() => applyLora(base, { targetModules: /fc1/i })).toThrow(/flags/);
  });
});

describe('trainableParameters', () => {
  it('counts trainable and all parameters and formats them like PEFT', () => {
    const base = nestedModel(); // fc1 4*6+6, fc2 6*5+5, head 5*3+3: 83 parameters
    expect(trainableParameters(base)).toEqual({ trainable: 83, total: 83, fraction: 1 });
    const lora = applyLora(base, { targetModules: ['fc1', 'fc2'], r: 2 }); // fc1: 4*2 + 2*6, fc2: 6*2 + 2*5
    const counts = trainableParameters(lora);
    expect(counts).toEqual({ trainable: 42, total: 125, fraction: 42 / 125 });
    expect(formatTrainableParameters(counts)).toBe(
      'trainable params: 42 || all params: 125 || trainable%: 33.6000',
    );
    expect(formatTrainableParameters({ trainable: 1234, total: 56789, fraction: 1234 / 56789 })).toBe(
      'trainable params: 1,234 || all params: 56,789 || trainable%: 2.1730',
    );
  });
});
