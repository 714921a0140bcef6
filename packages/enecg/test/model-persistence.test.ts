import { type Backbone, createBackbone, serializeBackbone, useBackend } from '@enecg/backbones';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnEcgConfig } from '../src/model/config.js';
import { EnEcg } from '../src/model/enecg.js';
import { EnEcgBackboneMismatchError, EnEcgFileError } from '../src/model/errors.js';
import { EXPERT_IDS, syntheticExamples, TASKS, tinyBackbones } from './model-fixtures.js';

let backbones: Backbone[];
const data = syntheticExamples(48);
const train = data.slice(0, 32);
const test = data.slice(32);
const config: EnEcgConfig = {
  experts: EXPERT_IDS,
  tasks: TASKS,
  head: { hidden: [16, 8] },
  gate: { durationS: 0.4, hidden: [4] },
  seed: 11,
};
const records = test.map((e) => e.record);

beforeAll(async () => {
  // ENECG_TEST_BACKEND=wasm runs these tests on the wasm backend (default cpu).
  if (process.env.ENECG_TEST_BACKEND === 'wasm') await useBackend('wasm');
  else await tf.setBackend('cpu');
  backbones = tinyBackbones();
});

afterAll(() => {
  for (const backbone of backbones) backbone.dispose();
});

async function trained(overrides: Partial<EnEcgConfig> = {}): Promise<EnEcg> {
  const model = EnEcg.create({ ...config, ...overrides }, { backbones });
  await model.fit(train, { epochs: 3, batchSize: 8, learningRate: 0.01 });
  return model;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('EnEcg save / load', () => {
  it('round-trips a LoRA model with learnt gates: identical predictions and metrics', async () => {
    const model = await trained();
    const files = await model.save();
    const heads = EXPERT_IDS.flatMap((e) =>
      TASKS.flatMap((t) => [
        `heads/${e}/${t.name}/adapter_config.json`,
        `heads/${e}/${t.name}/adapter_model.safetensors`,
      ]),
    );
    const gates = TASKS.map((t) => `gates/${t.name}.safetensors`);
    expect([...files.keys()].sort()).toEqual(['enecg.json', ...heads, ...gates].sort());

    const loaded = await EnEcg.load(files, { backbones });
    expect(loaded.isTrained).toBe(true);
    expect(loaded.config).toEqual(model.config);
    expect(await loaded.predictBatch(records)).toEqual(await model.predictBatch(records));
    expect(await loaded.evaluate(test)).toEqual(await model.evaluate(test));
    expect(loaded.parameterCounts()).toEqual(model.parameterCounts());
    // Saving the loaded model gives the same files.
    const again = await loaded.save();
    for (const [name, bytes] of files) expect(again.get(name), name).toEqual(bytes);
    // A loaded model trains on (its adapters are trainable), without touching the original.
    const before = await model.predict(records[0]);
    await loaded.fit(train, { epochs: 1, batchSize: 8 });
    expect(await loaded.predict(records[0])).not.toEqual(before);
    expect(await model.predict(records[0])).toEqual(before);
    model.dispose();
    loaded.dispose();
  });

  it('writes PEFT adapters and a manifest with the backbones identities, never their weights', async () => {
    const model = await trained();
    const files = await model.save();
    const adapter = JSON.parse(text(files.get('heads/dlinear/level/adapter_config.json')));
    expect(adapter).toMatchObject({
      peft_type: 'LORA',
      r: 8,
      lora_alpha: 32,
      lora_dropout: 0.05,
      target_modules: ['fc1', 'fc2'],
      modules_to_save: ['output'],
      rank_pattern: { fc1: 4 }, // dlinear's embedding has 4 features
      base_model_name_or_path: 'enecg-head/dlinear/level',
    });
    const manifest = JSON.parse(text(files.get('enecg.json')));
    expect(manifest.format).toBe('enecg-model');
    expect(manifest.trained).toBe(true);
    expect(manifest.targetStats.amplitude.std).toBeGreaterThan(0);
    for (const [i, backbone] of backbones.entries()) {
      // The SHA-256 of the weight file's data section, as @enecg/backbones records it.
      const file = await serializeBackbone(backbone);
      const headerLength = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
      const digest = await crypto.subtle.digest('SHA-256', file.slice(8 + headerLength));
      const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(manifest.experts[i]).toEqual({
        id: backbone.id,
        config: JSON.parse(JSON.stringify(backbone.config)),
        sha256,
        embeddingSize: backbone.embeddingSize,
      });
      // No backbone tensor is in any file.
      for (const name of backbone.weightInfo().map((w) => w.name)) {
        for (const bytes of files.values()) expect(text(bytes).includes(`"${name}"`)).toBe(false);
      }
    }
    model.dispose();
  });

  it("round-trips 'full' heads and uniform gates", async () => {
    const model = await trained({ head: { mode: 'full', hidden: [8] }, gate: { kind: 'uniform' } });
    const files = await model.save();
    expect([...files.keys()].filter((name) => name.startsWith('gates/'))).toEqual([]);
    expect(files.has('heads/xresnet1d/flags/head.safetensors')).toBe(true);
    const loaded = await EnEcg.load(files, { backbones });
    expect(await loaded.predictBatch(records)).toEqual(await model.predictBatch(records));
    model.dispose();
    loaded.dispose();
  });

  it('refuses other backbones, naming the expert and what differs', async () => {
    const model = EnEcg.create(config, { backbones });
    const files = await model.save();
    const load = (list: Backbone[]) => EnEcg.load(files, { backbones: list });
    const reseeded = tinyBackbones(1);
    await expect(load(reseeded)).rejects.toThrowError(EnEcgBackboneMismatchError);
    await expect(load(reseeded)).rejects.toThrowError(/expert 0: the weights of xresnet1d differs: .*sha256/);
    const longer = createBackbone('dlinear', {
      config: { inputLength: 24, leads: ['V1'], movingAverage: 7, outputLength: 4 },
    });
    await expect(load([backbones[0], longer])).rejects.toThrowError(
      /expert 1: the configuration of dlinear differs/,
    );
    await expect(load([backbones[1], backbones[0]])).rejects.toThrowError(
      /expert 0: the backbone id differs/,
    );
    await expect(load([backbones[0]])).rejects.toThrowError(/the number of backbones differs/);
    for (const b of [...reseeded, longer]) b.dispose();
    model.dispose();
  });

  it('names the file that is missing or malformed', async () => {
    const model = EnEcg.create(config, { backbones });
    const files = await model.save();
    const without = (name: string) => new Map([...files].filter(([key]) => key !== name));
    await expect(EnEcg.load(without('enecg.json'), { backbones })).rejects.toThrowError(
      /enecg.json: missing/,
    );
    await expect(EnEcg.load(without('gates/level.safetensors'), { backbones })).rejects.toThrowError(
      EnEcgFileError,
    );
    await expect(
      EnEcg.load(without('heads/dlinear/amplitude/adapter_model.safetensors'), { backbones }),
    ).rejects.toThrowError(/heads\/dlinear\/amplitude\/adapter_model.safetensors: missing/);
    const manifest = JSON.parse(text(files.get('enecg.json')));
    const newer = new Map(files).set(
      'enecg.json',
      new TextEncoder().encode(JSON.stringify({ ...manifest, formatVersion: 2 })),
    );
    await expect(EnEcg.load(newer, { backbones })).rejects.toThrowError(/format version 2 is not supported/);
    const truncated = new Map(files).set(
      'gates/flags.safetensors',
      files.get('gates/flags.safetensors')!.slice(0, 20),
    );
    await expect(EnEcg.load(truncated, { backbones })).rejects.toThrowError(/gates\/flags.safetensors/);
    const before = tf.memory().numTensors;
    await EnEcg.load(truncated, { backbones }).catch(() => undefined);
    expect(tf.memory().numTensors).toBe(before); // a failed load frees what it built
    model.dispose();
  });
});
