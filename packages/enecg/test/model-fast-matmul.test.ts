import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { constantInputMatMul, frozenKernelMatMul } from '../src/model/fast-matmul.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const close = (a: tf.Tensor, b: tf.Tensor) => {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => {
    expect(v).toBeCloseTo(y[i], 5);
  });
};

describe('products with hand-written gradients', () => {
  const x = tf.randomNormal([5, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
  const w = tf.randomNormal([7, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
  const up = tf.randomNormal([5, 3], 0, 1, 'float32', 3) as tf.Tensor2D; // a weighting of the output

  it('frozenKernelMatMul: same value as x·W, and d/dx = dy·Wᵀ as tf.matMul', () => {
    const wT = tf.transpose(w) as tf.Tensor2D;
    const fast = (input: tf.Tensor) => tf.sum(tf.mul(frozenKernelMatMul(input as tf.Tensor2D, w, wT), up));
    const plain = (input: tf.Tensor) => tf.sum(tf.mul(tf.matMul(input as tf.Tensor2D, w), up));
    close(frozenKernelMatMul(x, w, wT), tf.matMul(x, w));
    close(tf.grad(fast)(x), tf.grad(plain)(x));
  });

  it('constantInputMatMul: same value as x·A, and d/dA = xᵀ·dy as tf.matMul, inside nested tidies', () => {
    const fast = (a: tf.Tensor) =>
      tf.tidy(() => {
        // xᵀ is an intermediate of this tidy: it must survive until backpropagation.
        const xT = tf.transpose(tf.mul(x, 1)) as tf.Tensor2D;
        return tf.sum(tf.mul(constantInputMatMul(x, xT, a as tf.Tensor2D), up));
      });
    const plain = (a: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, a as tf.Tensor2D), up));
    const before = tf.memory().numTensors;
    const fastGrad = tf.grad(fast)(w);
    expect(tf.memory().numTensors).toBe(before + 1);
    close(fastGrad, tf.grad(plain)(w));
  });
});
