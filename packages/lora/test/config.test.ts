import { describe, expect, it } from 'vitest';
import {
  applyLora,
  fromPeftConfigJson,
  LoraConfigError,
  LoraDense,
  layersWithPaths,
  resolveLoraConfig,
  toPeftConfigJson,
} from '../src/index.js';
import { nestedModel } from './helpers.js';

describe('resolveLoraConfig', () => {
  it("fills in PEFT's defaults", () => {
    expect(resolveLoraConfig({ targetModules: ['fc1'] })).toEqual({
      targetModules: ['fc1'],
      excludeModules: null,
      r: 8,
      loraAlpha: 8,
      loraDropout: 0,
      modulesToSave: [],
      bias: 'none',
      useRslora: false,
      initLoraWeights: true,
      rankPattern: {},
      alphaPattern: {},
      inferenceMode: false,
      taskType: null,
      baseModelNameOrPath: null,
    });
  });

  it('reads a string selector as a regular expression, as PEFT does', () => {
    expect(resolveLoraConfig({ targetModules: '.*fc\\d' }).targetModules).toEqual(/.*fc\d/);
    expect(() => resolveLoraConfig({ targetModules: '(' })).toThrow(
      /targetModules: is not a valid regular expression/,
    );
  });

  it('names the option that is wrong', () => {
    const field = (config: object) => {
      try {
        resolveLoraConfig(config as never);
      } catch (error) {
        expect(error).toBeInstanceOf(LoraConfigError);
        return (error as LoraConfigError).field;
      }
      return 'no error';
    };
    expect(field({ targetModules: ['a'], r: 1.5 })).toBe('r');
    expect(field({ targetModules: ['a'], loraAlpha: Number.NaN })).toBe('loraAlpha');
    expect(field({ targetModules: ['a'], loraDropout: -0.1 })).toBe('loraDropout');
    expect(field({ targetModules: ['a'], useRslora: 'yes' })).toBe('useRslora');
    expect(field({ targetModules: ['a'], initLoraWeights: 'pissa' })).toBe('initLoraWeights');
    expect(field({ targetModules: ['a'], rankPattern: { b: 0 } })).toBe('rankPattern["b"]');
    expect(field({ targetModules: ['a'], modulesToSave: [''] })).toBe('modulesToSave');
    expect(field({ targetModules: ['a'], inferenceMode: 1 })).toBe('inferenceMode');
    expect(field({ targetModules: [''] })).toBe('targetModules');
    expect(field({ targetModules: ['a'], excludeModules: [] })).toBe('excludeModules');
  });

  it('excludeModules removes layers from the selection', () => {
    const lora = applyLora(nestedModel(), { targetModules: /.*/, excludeModules: ['encoder', 'fc2'], r: 2 });
    const wrapped = layersWithPaths(lora.model)
      .filter(({ layer }) => layer instanceof LoraDense)
      .map(({ path }) => path);
    expect(wrapped).toEqual(['encoder.fc1', 'head']);
  });
});

describe('adapter_config.json', () => {
  it('round-trips every option through PEFT field names', () => {
    const config = resolveLoraConfig({
      targetModules: /encoder\.fc\d/,
      excludeModules: ['fc2'],
      r: 4,
      loraAlpha: 16,
      loraDropout: 0.05,
      modulesToSave: ['head'],
      bias: 'lora_only',
      useRslora: true,
      initLoraWeights: 'gaussian',
      rankPattern: { fc1: 2 },
      alphaPattern: { fc1: 4 },
      taskType: 'FEATURE_EXTRACTION',
      baseModelNameOrPath: 'enecg/ecg-fm',
    });
    const json = toPeftConfigJson(config);
    expect(json.target_modules).toBe('encoder\\.fc\\d');
    expect(json.exclude_modules).toEqual(['fc2']);
    expect(resolveLoraConfig(fromPeftConfigJson(JSON.parse(JSON.stringify(json))))).toEqual(config);
  });

  it('writes modules_to_save as null when there are none, as PEFT', () => {
    expect(toPeftConfigJson(resolveLoraConfig({ targetModules: ['a'] })).modules_to_save).toBeNull();
  });
});
