import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BatchNorm, fromTorchLayout, ParameterStore, stopGradient, torchShape } from '../src/index.js';
import { expectClose } from './helpers.js';

describe('PyTorch layouts', () => {
  it('transposes a Linear weight [out, in] to [in, out]', () => {
    // W = [[1, 2, 3], [4, 5, 6]] (2 outputs, 3 inputs) -> [[1, 4], [2, 5], [3, 6]].
    expect(Array.from(fromTorchLayout(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], 'linear'))).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
    expect(torchShape([3, 2], 'linear')).toEqual([2, 3]);
  });

  it('moves a Conv1d weight [out, in, k] to [k, in, out]', () => {
    // torch w[o][c][k] = 100 o + 10 c + k for 2 outputs, 3 inputs, kernel 2.
    const torch = new Float32Array(12);
    for (let o = 0; o < 2; o++)
      for (let c = 0; c < 3; c++)
        for (let k = 0; k < 2; k++) torch[(o * 3 + c) * 2 + k] = 100 * o + 10 * c + k;
    const tfjs = fromTorchLayout(torch, [2, 3, 2], 'conv1d');
    for (let k = 0; k < 2; k++)
      for (let c = 0; c < 3; c++)
        for (let o = 0; o < 2; o++) expect(tfjs[(k * 3 + c) * 2 + o]).toBe(100 * o + 10 * c + k);
    expect(torchShape([2, 3, 2], 'conv1d')).toEqual([2, 3, 2]);
    expect(torchShape([5, 3, 4], 'conv1d')).toEqual([4, 3, 5]);
  });

  it('moves a Conv2d weight [out, in, kh, kw] to [kh, kw, in, out]', () => {
    const shape = [2, 3, 4, 5];
    const torch = Float32Array.from({ length: 120 }, (_, i) => i);
    const tfjs = fromTorchLayout(torch, shape, 'conv2d');
    const at = (o: number, c: number, i: number, j: number) => ((o * 3 + c) * 4 + i) * 5 + j;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 5; j++)
        for (let c = 0; c < 3; c++)
          for (let o = 0; o < 2; o++) expect(tfjs[((i * 5 + j) * 3 + c) * 2 + o]).toBe(at(o, c, i, j));
    expect(torchShape([4, 5, 3, 2], 'conv2d')).toEqual(shape);
  });
});

describe('BatchNorm', () => {
  it('normalises with batch statistics and updates running statistics as PyTorch (unbiased variance, momentum 0.1)', () => {
    const store = new ParameterStore('test', 0);
    const norm = new BatchNorm(store.root(), 2);
    // Channel 0 holds 1, 2, 3, 6 (mean 3, biased variance 3.5, unbiased 14/3); channel 1 is constant 5.
    const x = tf.tensor3d([1, 5, 2, 5, 3, 5, 6, 5], [2, 2, 2]);
    const y = norm.apply(x, { training: true });
    const s = Math.sqrt(3.5 + 1e-5);
    expectClose(y.dataSync(), [-2 / s, 0, -1 / s, 0, 0, 0, 3 / s, 0], 1e-5);
    expectClose(norm.runningMean.dataSync(), [0.3, 0.5], 1e-6);
    expectClose(norm.runningVar.dataSync(), [0.9 + 0.1 * (14 / 3), 0.9], 1e-6);
    const inference = norm.apply(x, { training: false });
    expectClose(
      inference.dataSync().slice(0, 2),
      [(1 - 0.3) / Math.sqrt(0.9 + 0.1 * (14 / 3) + 1e-5), (5 - 0.5) / Math.sqrt(0.9 + 1e-5)],
      1e-5,
    );
    tf.dispose([x, y, inference]);
    store.dispose();
  });
});

describe('stopGradient', () => {
  it('passes values and blocks gradients', () => {
    const f = (x: tf.Tensor) => tf.add(tf.mul(x, 3), tf.square(stopGradient(x)));
    const x = tf.tensor1d([2, -1]);
    const value = f(x);
    const gradient = tf.grad(f)(x);
    expect(Array.from(value.dataSync())).toEqual([10, -2]);
    expect(Array.from(gradient.dataSync())).toEqual([3, 3]);
    tf.dispose([x, value, gradient]);
  });
});
