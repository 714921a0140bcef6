import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  AdapterNameError,
  LoraConfigError,
  LoraConv1D,
  LoraConv2D,
  LoraDense,
  LoraRankError,
  loraDense,
} from '../src/index.js';
import { fillWeights, maxAbsDiff, pseudoRandom, values } from './helpers.js';

function builtDense(inputSize: number, units: number, activation: 'linear' | 'relu' | 'tanh' = 'linear') {
  const dense = tf.layers.dense({ units, activation, name: 'proj' });
  dense.build([null, inputSize]);
  fillWeights(dense, 7);
  return dense;
}

describe('LoraDense', () => {
  it('computes activation(x·W + b + alpha/r · x·A·B) with known A and B', () => {
    const base = tf.layers.dense({ units: 2, name: 'proj' });
    base.build([null, 3]);
    base.setWeights([
      tf.tensor2d([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
      tf.tensor1d([0.5, -0.5]),
    ]);
    const layer = new LoraDense({ baseLayer: base, adapters: [{ name: 'default', r: 1, loraAlpha: 2 }] });
    layer.apply(tf.input({ shape: [3] }));
    const { loraA, loraB } = layer.adapterWeights('default');
    loraA.write(tf.tensor2d([[1], [2], [3]])); // [in, r]
    loraB.write(tf.tensor2d([[0.1, -0.2]])); // [r, out]
    const y = layer.apply(tf.tensor2d([[1, 1, 2]])) as tf.Tensor;
    // base: [1+0+2, 0+1+2] + [0.5, -0.5] = [3.5, 2.5]; x·A = 1+2+6 = 9; scale 2/1 = 2; 2·9·[0.1, -0.2] = [1.8, -3.6]
    expect(maxAbsDiff(values(y), [5.3, -1.1])).toBeLessThan(1e-6);
  });

  it('equals the base layer exactly while B is zero (fresh adapter), for several activations and ranks', () => {
    for (const activation of ['linear', 'relu', 'tanh'] as const) {
      const base = builtDense(6, 4, activation);
      const layer = new LoraDense({ baseLayer: base, adapters: [{ name: 'default', r: 3 }] });
      const x = tf.tensor(pseudoRandom(5 * 6, 3), [5, 6]);
      const expected = values(base.apply(x) as tf.Tensor);
      expect(values(layer.apply(x) as tf.Tensor)).toEqual(expected);
      const sequence = tf.tensor(pseudoRandom(2 * 3 * 6, 4), [2, 3, 6]); // rank-3 input
      expect(values(layer.apply(sequence) as tf.Tensor)).toEqual(values(base.apply(sequence) as tf.Tensor));
    }
  });

  it('scales by alpha/r, or alpha/sqrt(r) with rsLoRA', () => {
    const outputs = [false, true].map((useRslora) => {
      const base = builtDense(4, 4);
      const layer = new LoraDense({
        baseLayer: base,
        adapters: [{ name: 'default', r: 4, loraAlpha: 8, useRslora, initLoraWeights: false }],
      });
      const x = tf.tensor(pseudoRandom(8, 9), [2, 4]);
      layer.apply(x);
      const { loraA, loraB } = layer.adapterWeights('default');
      const update = tf.matMul(tf.matMul(x, loraA.read()), loraB.read());
      return {
        lora: values(tf.sub(layer.apply(x) as tf.Tensor, base.apply(x) as tf.Tensor)),
        update: values(update),
      };
    });
    expect(
      maxAbsDiff(
        outputs[0].lora,
        outputs[0].update.map((v) => v * 2),
      ),
    ).toBeLessThan(1e-5); // 8 / 4
    expect(
      maxAbsDiff(
        outputs[1].lora,
        outputs[1].update.map((v) => v * 4),
      ),
    ).toBeLessThan(1e-5); // 8 / sqrt(4)
  });

  it('initialises like PEFT: Kaiming-uniform A and zero B; gaussian A; random B when false', () => {
    const make = (initLoraWeights: boolean | 'gaussian') => {
      const layer = new LoraDense({
        baseLayer: builtDense(400, 300),
        adapters: [{ name: 'default', r: 50, initLoraWeights }],
      });
      layer.apply(tf.input({ shape: [400] }));
      const { loraA, loraB } = layer.adapterWeights('default');
      return { a: values(loraA.read()), b: values(loraB.read()) };
    };
    const kaiming = make(true);
    const bound = 1 / Math.sqrt(400); // fan_in of A = in_features
    expect(Math.max(...kaiming.a.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...kaiming.a.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    expect(kaiming.b.every((v) => v === 0)).toBe(true);

    const gaussian = make('gaussian');
    const std = Math.sqrt(gaussian.a.reduce((sum, v) => sum + v * v, 0) / gaussian.a.length);
    expect(Math.abs(std - 1 / 50) / (1 / 50)).toBeLessThan(0.05); // std 1/r
    expect(gaussian.b.every((v) => v === 0)).toBe(true);

    const random = make(false);
    const bBound = 1 / Math.sqrt(50); // fan_in of B = r
    expect(Math.max(...random.b.map(Math.abs))).toBeLessThanOrEqual(bBound);
    expect(Math.max(...random.b.map(Math.abs))).toBeGreaterThan(0.9 * bBound);
  });

  it('applies dropout to the LoRA path in training only', () => {
    const base = builtDense(8, 8);
    const layer = new LoraDense({
      baseLayer: base,
      adapters: [{ name: 'default', r: 4, loraDropout: 0.5, initLoraWeights: false }],
    });
    const x = tf.ones([64, 8]);
    const inference = values(layer.apply(x) as tf.Tensor);
    expect(values(layer.apply(x) as tf.Tensor)).toEqual(inference);
    const training = values(layer.apply(x, { training: true }) as tf.Tensor);
    expect(maxAbsDiff(training, inference)).toBeGreaterThan(1e-3);
    // The base path has no dropout: with adapters disabled, training and inference agree.
    layer.adaptersDisabled = true;
    expect(values(layer.apply(x, { training: true }) as tf.Tensor)).toEqual(
      values(base.apply(x) as tf.Tensor),
    );
  });

  it('merges B·A·scale into the kernel and unmerges it again', () => {
    const base = builtDense(5, 3, 'relu');
    const original = values(base.getWeights()[0]);
    const layer = new LoraDense({
      baseLayer: base,
      adapters: [{ name: 'default', r: 2, loraAlpha: 6, initLoraWeights: false }],
    });
    const x = tf.tensor(pseudoRandom(4 * 5, 11), [4, 5]);
    const unmerged = values(layer.apply(x) as tf.Tensor);
    const delta = values(layer.deltaWeight('default'));
    const { loraA, loraB } = layer.adapterWeights('default');
    expect(maxAbsDiff(delta, values(tf.mul(tf.matMul(loraA.read(), loraB.read()), 3)))).toBeLessThan(1e-6);
    layer.merge();
    expect(layer.mergedAdapters).toEqual(['default']);
    expect(
      maxAbsDiff(
        values(base.getWeights()[0]),
        original.map((v, i) => v + delta[i]),
      ),
    ).toBeLessThan(1e-6);
    expect(maxAbsDiff(values(layer.apply(x) as tf.Tensor), unmerged)).toBeLessThan(1e-5);
    layer.unmerge();
    expect(maxAbsDiff(values(base.getWeights()[0]), original)).toBeLessThan(1e-6);
    expect(maxAbsDiff(values(layer.apply(x) as tf.Tensor), unmerged)).toBeLessThan(1e-5);
  });

  it('rejects a rank above min(in, out), a second adapter of the same name and a non-Dense base', () => {
    expect(
      () => new LoraDense({ baseLayer: builtDense(6, 4), adapters: [{ name: 'default', r: 5 }] }),
    ).toThrow(LoraRankError);
    expect(
      () => new LoraDense({ baseLayer: builtDense(6, 4), adapters: [{ name: 'default', r: 0 }] }),
    ).toThrow(/r: rank must be an integer >= 1, got 0/);
    const layer = new LoraDense({ baseLayer: builtDense(6, 4), adapters: [{ name: 'default', r: 4 }] });
    expect(() => layer.addAdapter('default', { r: 2 })).toThrow(AdapterNameError);
    expect(() => layer.addAdapter('bad name', { r: 2 })).toThrow(AdapterNameError);
    const conv = tf.layers.conv1d({ filters: 2, kernelSize: 3 });
    expect(() => new LoraDense({ baseLayer: conv })).toThrow(LoraConfigError);
  });

  it('works as a layer in a Sequential model and survives tf.io save and load', async () => {
    const model = tf.sequential({
      layers: [
        loraDense({ units: 5, inputShape: [3], activation: 'relu', r: 2, loraAlpha: 4, name: 'hidden' }),
        tf.layers.dense({ units: 1, name: 'out' }),
      ],
    });
    const hidden = model.getLayer('hidden') as LoraDense;
    hidden.addAdapter('second-adapter', { r: 1, initLoraWeights: 'gaussian' });
    for (const weight of model.weights)
      weight.write(
        tf.tensor(pseudoRandom(weight.shape.reduce((a, b) => a! * b!, 1)!, 5), weight.shape as number[]),
      );
    const x = tf.tensor(pseudoRandom(6, 2), [2, 3]);
    const before = values(model.predict(x) as tf.Tensor);

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const layer = loaded.getLayer('hidden') as LoraDense;
    expect(layer).toBeInstanceOf(LoraDense);
    expect(layer.adapterNames).toEqual(['default', 'second-adapter']);
    expect(layer.adapterSettings('second-adapter')).toMatchObject({ r: 1, initLoraWeights: 'gaussian' });
    expect(layer.activeAdapter).toBe('default');
    expect(values(loaded.predict(x) as tf.Tensor)).toEqual(before);
  });
});

describe('LoRA convolutions', () => {
  it('Conv1D: equals the base exactly when fresh, and matches a merged kernel when trained', () => {
    for (const [padding, strides, dilationRate] of [
      ['same', 1, 1],
      ['valid', 2, 1],
      ['same', 1, 2],
    ] as const) {
      const base = tf.layers.conv1d({
        filters: 4,
        kernelSize: 3,
        padding,
        strides,
        dilationRate,
        activation: 'relu',
      });
      base.build([null, 10, 3]);
      fillWeights(base, 3);
      const layer = new LoraConv1D({ baseLayer: base, adapters: [{ name: 'default', r: 2, loraAlpha: 3 }] });
      const x = tf.tensor(pseudoRandom(2 * 10 * 3, 8), [2, 10, 3]);
      expect(values(layer.apply(x) as tf.Tensor)).toEqual(values(base.apply(x) as tf.Tensor));
      const { loraA, loraB } = layer.adapterWeights('default');
      expect(loraA.shape).toEqual([3, 3, 2]); // [kernel, in, r]
      expect(loraB.shape).toEqual([1, 2, 4]); // [1, r, out]
      loraB.write(tf.tensor(pseudoRandom(8, 4), [1, 2, 4]));
      const adapted = values(layer.apply(x) as tf.Tensor);
      // Same result from a plain convolution with kernel W + alpha/r · A·B.
      const merged = tf.add(
        base.getWeights()[0],
        tf.mul(
          tf.reshape(
            tf.matMul(tf.reshape(loraA.read(), [9, 2]), tf.reshape(loraB.read(), [2, 4])),
            [3, 3, 4],
          ),
          1.5,
        ),
      );
      const expected = tf.relu(
        tf.add(
          tf.conv1d(x as tf.Tensor3D, merged as tf.Tensor3D, strides, padding, 'NWC', dilationRate),
          base.getWeights()[1],
        ),
      );
      expect(maxAbsDiff(adapted, values(expected))).toBeLessThan(1e-5);
      layer.merge();
      expect(maxAbsDiff(values(layer.apply(x) as tf.Tensor), adapted)).toBeLessThan(1e-5);
    }
  });

  it('Conv2D: equals the base exactly when fresh and agrees merged vs unmerged', () => {
    const base = tf.layers.conv2d({ filters: 3, kernelSize: [3, 2], padding: 'same', strides: [1, 2] });
    base.build([null, 6, 6, 2]);
    fillWeights(base, 5);
    const layer = new LoraConv2D({
      baseLayer: base,
      adapters: [{ name: 'default', r: 2, initLoraWeights: false }],
    });
    const x = tf.tensor(pseudoRandom(6 * 6 * 2, 1), [1, 6, 6, 2]);
    layer.adaptersDisabled = true;
    expect(values(layer.apply(x) as tf.Tensor)).toEqual(values(base.apply(x) as tf.Tensor));
    layer.adaptersDisabled = false;
    expect(layer.adapterWeights('default').loraA.shape).toEqual([3, 2, 2, 2]);
    const unmerged = values(layer.apply(x) as tf.Tensor);
    expect(maxAbsDiff(unmerged, values(base.apply(x) as tf.Tensor))).toBeGreaterThan(1e-3);
    layer.merge();
    expect(maxAbsDiff(values(layer.apply(x) as tf.Tensor), unmerged)).toBeLessThan(1e-5);
  });

  it('bounds the rank by min(in x kernel size, out) and rejects channelsFirst', () => {
    const base = tf.layers.conv1d({ filters: 8, kernelSize: 3 });
    base.build([null, 10, 2]);
    expect(() => new LoraConv1D({ baseLayer: base, adapters: [{ name: 'default', r: 6 }] })).not.toThrow();
    expect(() => new LoraConv1D({ baseLayer: base, adapters: [{ name: 'default', r: 7 }] })).toThrow(
      /allows \(6 =/,
    );
    const channelsFirst2d = tf.layers.conv2d({ filters: 2, kernelSize: 1, dataFormat: 'channelsFirst' });
    expect(() => new LoraConv2D({ baseLayer: channelsFirst2d })).toThrow(/only channelsLast/);
    const channelsFirst1d = tf.layers.conv1d({ filters: 2, kernelSize: 1, dataFormat: 'channelsFirst' });
    expect(() => new LoraConv1D({ baseLayer: channelsFirst1d })).toThrow(/only channelsLast/);
  });
});
