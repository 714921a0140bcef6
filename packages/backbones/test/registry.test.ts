import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackboneConfigError,
  type BackboneDefinition,
  BackboneDefinitionError,
  createBackbone,
  DuplicateBackboneError,
  getBackboneDefinition,
  listBackbones,
  registerBackbone,
  UnknownBackboneError,
  unregisterBackbone,
  zeros,
} from '../src/index.js';

/** A minimal contributed backbone: the mean over time of a learned per-lead scale. */
const meanScale: BackboneDefinition<{ leads: number; length: number }> = {
  id: 'mean-scale',
  title: 'Mean x scale',
  reference: 'test',
  defaultConfig: { leads: 2, length: 8 },
  build(config, scope) {
    const scale = scope.weight('scale', [config.leads], { init: zeros });
    return {
      input: {
        sampleRate: 100,
        length: config.length,
        leads: ['I', 'II'].slice(0, config.leads) as ['I'],
        normalization: { kind: 'none' },
      },
      embeddingSize: config.leads,
      forward: (x) => tf.mul(tf.mean(x, 1), scale) as tf.Tensor2D,
    };
  },
};

describe('registry', () => {
  afterEach(() => {
    unregisterBackbone('mean-scale');
  });

  it('lists the built-ins with their presets', () => {
    const summaries = listBackbones();
    expect(summaries.map((s) => s.id)).toEqual(['dlinear', 'timesnet', 'moment', 'ecg-fm', 'xresnet1d']);
    expect(summaries.find((s) => s.id === 'moment')?.presets).toEqual([
      'moment-1-small',
      'moment-1-base',
      'moment-1-large',
    ]);
    expect(summaries.every((s) => s.reference.length > 0 && s.title.length > 0)).toBe(true);
  });

  it('names the registered ids when an id is unknown', () => {
    const error = (() => {
      try {
        createBackbone('ecgfm');
      } catch (e) {
        return e as UnknownBackboneError;
      }
    })();
    expect(error).toBeInstanceOf(UnknownBackboneError);
    expect(error?.available).toContain('ecg-fm');
    expect(error?.message).toBe(
      'unknown backbone "ecgfm"; registered backbones: dlinear, timesnet, moment, ecg-fm, xresnet1d',
    );
  });

  it('registers a contributed backbone, builds it, and refuses a second registration of its id', () => {
    registerBackbone(meanScale);
    expect(listBackbones().map((s) => s.id)).toContain('mean-scale');
    expect(getBackboneDefinition('mean-scale')).toBe(meanScale);
    const backbone = createBackbone('mean-scale', { config: { length: 4 } });
    expect(backbone.input.length).toBe(4);
    expect(backbone.parameterCounts()).toEqual({ total: 2, trainable: 0, buffers: 0 });
    backbone.dispose();
    expect(() => registerBackbone(meanScale)).toThrow(DuplicateBackboneError);
    expect(() => registerBackbone(meanScale)).toThrow(/"mean-scale" is already registered/);
  });

  it('rejects malformed ids', () => {
    expect(() => registerBackbone({ ...meanScale, id: 'Mean Scale' })).toThrow(BackboneDefinitionError);
  });

  it('rejects unknown options and presets, listing the known ones', () => {
    expect(() => createBackbone('dlinear', { config: { kernel: 3 } as never })).toThrow(
      'dlinear: kernel: unknown option; options: sampleRate, inputLength, leads, movingAverage, outputLength, individual',
    );
    expect(() => createBackbone('moment', { preset: 'large' })).toThrow(BackboneConfigError);
    expect(() => createBackbone('moment', { preset: 'large' })).toThrow(
      /presets: moment-1-small, moment-1-base, moment-1-large/,
    );
  });

  it('applies default, preset and options in that order', () => {
    const backbone = createBackbone('moment', { preset: 'moment-1-small', config: { layers: 1 } });
    expect(backbone.config).toMatchObject({
      modelDim: 512,
      heads: 6,
      ffDim: 1024,
      layers: 1,
      patchLength: 8,
    });
    backbone.dispose();
  });

  it('validates values (non-canonical lead names, repeated leads)', () => {
    expect(() => createBackbone('dlinear', { config: { leads: ['I', 'lead 2'] as never } })).toThrow(
      /"lead 2" is not a canonical lead name/,
    );
    expect(() => createBackbone('dlinear', { config: { leads: ['I', 'I'] } })).toThrow(/"I" appears twice/);
  });

  it('frees the weights of a backbone whose build fails', () => {
    const before = tf.memory().numTensors;
    expect(() => createBackbone('ecg-fm', { config: { modelDim: 10, heads: 3 } })).toThrow(
      /not divisible by heads/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
