import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EnEcgFileError } from '../src/model/errors.js';
import { ExpertHead, type HeadSpec } from '../src/model/head.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = (overrides: Partial<HeadSpec> = {}): HeadSpec => ({
  inputSize: 12,
  outputSize: 3,
  hidden: [16, 8],
  mode: 'lora',
  lora: { r: 4, alpha: 8, dropout: 0.2 },
  seed: 7,
  name: 'enecg-head/test/task',
  ...overrides,
});

/** Gives every trainable weight (B starts at zero) random values, so that the LoRA path matters. */
function perturb(head: ExpertHead, seed: number): void {
  tf.tidy(() => {
    head.trainableVariables().forEach((v, i) => {
      v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', seed + i));
    });
  });
}

const values = (t: tf.Tensor) => {
  const data = Array.from(t.dataSync());
  t.dispose();
  return data;
};

describe('ExpertHead', () => {
  it.each(['lora', 'full'] as const)('computes what its Layers model computes (%s)', (mode) => {
    const head = ExpertHead.create(spec({ mode }));
    perturb(head, 1);
    const x = tf.randomNormal([5, 12], 0, 1, 'float32', 3) as tf.Tensor2D;
    const direct = values(head.forward(x));
    const layers = values(head.layersModel.predict(x) as tf.Tensor);
    direct.forEach((v, i) => {
      expect(v).toBeCloseTo(layers[i], 5);
    });
    // The frozen first-layer product computed once gives the same result.
    const base = head.firstLayerBase(x);
    if (mode === 'lora') {
      expect(base).not.toBeNull();
      const withBase = values(head.forward(x, { firstLayerBase: base! }));
      withBase.forEach((v, i) => {
        expect(v).toBeCloseTo(direct[i], 6);
      });
      base!.dispose();
    } else {
      expect(base).toBeNull();
    }
    x.dispose();
    head.dispose();
  });

  it('trains LoRA A/B and the output layer only, in lora mode; everything in full mode', () => {
    const lora = ExpertHead.create(spec());
    const trainable = lora.trainableVariables();
    // fc1 A, B; fc2 A, B; output kernel, bias
    expect(trainable.map((v) => v.shape)).toEqual([[12, 4], [4, 16], [16, 4], [4, 8], [8, 3], [3]]);
    expect(trainable.every((v) => v.trainable)).toBe(true);
    // B starts at zero (PEFT), so an untouched adapter leaves the base function.
    expect(values(tf.abs(trainable[1]).sum())).toEqual([0]);
    const counts = lora.parameterCounts();
    const base = 12 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3;
    const adapters = 12 * 4 + 4 * 16 + 16 * 4 + 4 * 8;
    expect(counts).toEqual({ total: base + adapters + (8 * 3 + 3), trainable: adapters + 8 * 3 + 3 });
    const full = ExpertHead.create(spec({ mode: 'full' }));
    expect(full.trainableVariables().map((v) => v.shape)).toEqual([
      [12, 16],
      [16],
      [16, 8],
      [8],
      [8, 3],
      [3],
    ]);
    expect(full.parameterCounts()).toEqual({ total: base, trainable: base });
    lora.dispose();
    full.dispose();
  });

  it('is seeded: equal seeds give equal weights, other seeds others', () => {
    const a = ExpertHead.create(spec());
    const b = ExpertHead.create(spec());
    const c = ExpertHead.create(spec({ seed: 8 }));
    const x = tf.randomNormal([4, 12], 0, 1, 'float32', 5) as tf.Tensor2D;
    const weights = (h: ExpertHead) => h.layersModel.weights.map((w) => values(w.read().clone()));
    expect(weights(a)).toEqual(weights(b));
    expect(values(a.forward(x))).not.toEqual(values(c.forward(x)));
    // Seeded LoRA dropout: the same seeds give the same masks.
    perturb(a, 2);
    perturb(b, 2);
    let s1 = 10;
    let s2 = 10;
    const trainA = values(a.forward(x, { training: true, nextSeed: () => s1++ }));
    const trainB = values(b.forward(x, { training: true, nextSeed: () => s2++ }));
    expect(trainA).toEqual(trainB);
    expect(trainA).not.toEqual(values(a.forward(x)));
    tf.dispose(x);
    for (const h of [a, b, c]) h.dispose();
  });

  it('caps the LoRA rank at the layer size (rank_pattern) for small embeddings', () => {
    const head = ExpertHead.create(spec({ inputSize: 2, lora: { r: 4, alpha: 8, dropout: 0 } }));
    expect(head.trainableVariables()[0].shape).toEqual([2, 2]);
    const files = head.save();
    const config = JSON.parse(new TextDecoder().decode(files.get('adapter_config.json')));
    expect(config.rank_pattern).toEqual({ fc1: 2 });
    expect(config.r).toBe(4);
    expect(config.lora_alpha).toBe(8);
    expect(config.target_modules).toEqual(['fc1', 'fc2']);
    expect(config.modules_to_save).toEqual(['output']);
    perturb(head, 4);
    const x = tf.randomNormal([3, 2], 0, 1, 'float32', 6) as tf.Tensor2D;
    const direct = values(head.forward(x));
    values(head.layersModel.predict(x) as tf.Tensor).forEach((v, i) => {
      expect(v).toBeCloseTo(direct[i], 5);
    });
    x.dispose();
    head.dispose();
  });

  it.each(['lora', 'full'] as const)('saves and loads (%s) to the same function, leaking nothing', (mode) => {
    const before = tf.memory().numTensors;
    const head = ExpertHead.create(spec({ mode }));
    perturb(head, 9);
    const files = head.save();
    expect([...files.keys()]).toEqual(
      mode === 'lora' ? ['adapter_config.json', 'adapter_model.safetensors'] : ['head.safetensors'],
    );
    const loaded = ExpertHead.fromFiles(spec({ mode }), files, 'heads/x/y');
    const x = tf.randomNormal([4, 12], 0, 1, 'float32', 11) as tf.Tensor2D;
    expect(values(loaded.forward(x))).toEqual(values(head.forward(x)));
    expect(loaded.trainableVariables().every((v) => v.trainable)).toBe(true);
    x.dispose();
    head.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the file when saved weights do not fit', () => {
    const small = ExpertHead.create(spec({ mode: 'full', hidden: [4] }));
    const files = small.save();
    small.dispose();
    expect(() => ExpertHead.fromFiles(spec({ mode: 'full' }), files, 'heads/e/t')).toThrowError(
      EnEcgFileError,
    );
    expect(() => ExpertHead.fromFiles(spec({ mode: 'full' }), files, 'heads/e/t')).toThrowError(
      /heads\/e\/t\/head.safetensors: missing tensors \[fc2.weight, fc2.bias\]/,
    );
    expect(() => ExpertHead.fromFiles(spec(), new Map(), 'heads/e/t')).toThrowError(
      /heads\/e\/t\/adapter_config.json: missing/,
    );
  });
});
