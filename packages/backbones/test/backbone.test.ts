import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  BackboneDefinitionError,
  createBackbone,
  InputShapeError,
  registerBackbone,
  unregisterBackbone,
  WeightKeysError,
  WeightShapeError,
  zeros,
} from '../src/index.js';
import { TINY_CONFIGS } from './tiny-configs.js';

describe('Backbone', () => {
  it('is frozen by default and trainable after unfreeze (buffers never)', () => {
    const backbone = createBackbone('xresnet1d', { config: TINY_CONFIGS.xresnet1d });
    const counts = backbone.parameterCounts();
    expect(counts.trainable).toBe(0);
    expect(counts.buffers).toBeGreaterThan(0);
    expect(backbone.trainableVariables()).toEqual([]);
    backbone.unfreeze();
    expect(backbone.parameterCounts()).toEqual({ ...counts, trainable: counts.total });
    const parameters = backbone.weightInfo().filter((w) => w.kind === 'parameter').length;
    expect(backbone.trainableVariables()).toHaveLength(parameters);
    backbone.freeze();
    expect(backbone.frozen).toBe(true);
    expect(backbone.parameterCounts().trainable).toBe(0);
    backbone.dispose();
  });

  it('runs dropout only when unfrozen and asked to train', () => {
    const backbone = createBackbone('moment', {
      config: { ...TINY_CONFIGS.moment, dropout: 0.5 },
      frozen: false,
    });
    const x = tf.randomNormal([2, 32, 2], 0, 1, 'float32', 1);
    const values = (training: boolean) =>
      tf.tidy(() => Array.from(backbone.embed(x, { training }).dataSync()));
    expect(values(false)).toEqual(values(false));
    expect(values(true)).not.toEqual(values(false));
    backbone.freeze();
    expect(values(true)).toEqual(values(false));
    x.dispose();
    backbone.dispose();
  });

  it('names expected and actual shapes when the input does not fit', () => {
    const backbone = createBackbone('dlinear', { config: TINY_CONFIGS.dlinear });
    const x = tf.zeros([2, 25, 3]);
    expect(() => backbone.embed(x)).toThrow(InputShapeError);
    expect(() => backbone.embed(x)).toThrow(
      'dlinear: input must have shape [any, 24, 3], got [2, 25, 3]; expects 3 leads (I, II, V1) x 24 samples at 100 Hz (0.24 s), z-score per lead',
    );
    x.dispose();
    backbone.dispose();
  });

  it('checks names and shapes in setWeights before changing anything', () => {
    const backbone = createBackbone('dlinear', { config: TINY_CONFIGS.dlinear });
    const weights = backbone.getWeights();
    const bad = new Map(weights);
    bad.delete('Linear_Trend.bias');
    bad.set('Linear_Trend.scale', tf.zeros([1]));
    expect(() => backbone.setWeights(bad)).toThrow(WeightKeysError);
    expect(() => backbone.setWeights(bad)).toThrow(
      'missing tensors: Linear_Trend.bias; unexpected tensors: Linear_Trend.scale',
    );
    const wrongShape = new Map(weights);
    wrongShape.set('Linear_Trend.weight', tf.zeros([4, 24]));
    wrongShape.set('Linear_Seasonal.weight', tf.ones([24, 4]));
    expect(() => backbone.setWeights(wrongShape)).toThrow(WeightShapeError);
    expect(() => backbone.setWeights(wrongShape)).toThrow(
      'tensor "Linear_Trend.weight" has shape [4,24], expected [24,4] (TF.js layout)',
    );
    const after = backbone.getWeights();
    expect(Array.from(after.get('Linear_Seasonal.weight')!.dataSync())).toEqual(
      Array.from(weights.get('Linear_Seasonal.weight')!.dataSync()),
    );
    tf.dispose([
      ...weights.values(),
      ...after.values(),
      bad.get('Linear_Trend.scale')!,
      wrongShape.get('Linear_Trend.weight')!,
      wrongShape.get('Linear_Seasonal.weight')!,
    ]);
    backbone.dispose();
  });

  it('reports a network whose output does not have the declared size', () => {
    registerBackbone({
      id: 'wrong-size',
      title: 'wrong size',
      reference: 'test',
      defaultConfig: {},
      build: (_config, scope) => {
        const w = scope.weight('w', [1], { init: zeros });
        return {
          input: { sampleRate: 1, length: 2, leads: ['I'], normalization: { kind: 'none' } },
          embeddingSize: 3,
          forward: (x) => tf.add(tf.reshape(x, [x.shape[0], 2]), w) as tf.Tensor2D,
        };
      },
    });
    const backbone = createBackbone('wrong-size');
    const x = tf.zeros([1, 2, 1]);
    const before = tf.memory().numTensors;
    expect(() => backbone.embed(x)).toThrow(BackboneDefinitionError);
    expect(() => backbone.embed(x)).toThrow('forward returned shape [1,2], declared [1,3]');
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    backbone.dispose();
    unregisterBackbone('wrong-size');
  });

  it('frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const backbone = createBackbone('timesnet', { config: TINY_CONFIGS.timesnet });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
