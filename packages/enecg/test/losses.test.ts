import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classificationMixtureLoss,
  logMixture,
  maskedMean,
  multilabelMixtureLoss,
  regressionMixtureLoss,
} from '../src/train/losses.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const scalar = (t: tf.Tensor) => {
  const value = t.dataSync()[0];
  t.dispose();
  return value;
};

describe('regressionMixtureLoss', () => {
  // Gate [0.25, 0.75] and [0.5, 0.5]; expert outputs (1, 3) and (2, -2): mixtures 2.5 and 0; targets 2 and 1.
  const gate = () => tf.tensor2d([0.25, 0.75, 0.5, 0.5], [2, 2]);
  const outputs = () => tf.tensor3d([1, 3, 2, -2], [2, 2, 1]);
  const targets = () => tf.tensor2d([2, 1], [2, 1]);

  it('is the MSE of the gate-weighted prediction, over known targets only', () => {
    const all = tf.tensor1d([1, 1]);
    const first = tf.tensor1d([1, 0]);
    const none = tf.tensor1d([0, 0]);
    // residuals 0.5 and -1
    expect(scalar(regressionMixtureLoss(gate(), outputs(), targets(), all))).toBeCloseTo(0.625, 6);
    expect(scalar(regressionMixtureLoss(gate(), outputs(), targets(), first))).toBeCloseTo(0.25, 6);
    expect(scalar(regressionMixtureLoss(gate(), outputs(), targets(), none))).toBe(0);
    tf.dispose([all, first, none]);
  });

  it('is PyTorch HuberLoss with the given delta', () => {
    const mask = tf.tensor1d([1, 1]);
    // delta 0.6: 0.5·0.5² = 0.125 inside; 0.6·(1 − 0.3) = 0.42 outside.
    const loss = regressionMixtureLoss(gate(), outputs(), targets(), mask, {
      loss: 'huber',
      huberDelta: 0.6,
    });
    expect(scalar(loss)).toBeCloseTo((0.125 + 0.42) / 2, 6);
    // With a large delta Huber is half the MSE.
    const wide = regressionMixtureLoss(gate(), outputs(), targets(), mask, { loss: 'huber', huberDelta: 10 });
    expect(scalar(wide)).toBeCloseTo(0.3125, 6);
    mask.dispose();
  });
});

describe('classificationMixtureLoss', () => {
  it('is −log of the gate-weighted class probability', () => {
    // Expert 0 softmax [1/4, 1/2, 1/4], expert 1 softmax [3/5, 1/5, 1/5].
    const logits = tf.tensor3d(
      [0, Math.log(2), 0, Math.log(3), 0, 0, 0, Math.log(2), 0, Math.log(3), 0, 0],
      [2, 2, 3],
    );
    const gate = tf.tensor2d([0.2, 0.8, 0, 1], [2, 2]);
    const targets = tf.tensor2d([0, 1, 0, 1, 0, 0], [2, 3]); // classes 1 and 0
    const mask = tf.tensor1d([1, 1]);
    // p = 0.2·0.5 + 0.8·0.2 = 0.26; p = 0·0.25 + 1·0.6 = 0.6 (a zero gate weight is fine)
    const expected = (-Math.log(0.26) - Math.log(0.6)) / 2;
    expect(scalar(classificationMixtureLoss(gate, logits, targets, mask))).toBeCloseTo(expected, 5);
    tf.dispose([logits, gate, targets, mask]);
  });

  it('has the gradient of an independent float64 implementation (finite differences)', () => {
    const gateLogits = [0.3, -0.4, 1.1];
    const expertLogits = [0.5, -1, 2, 0.1, 0.2, -0.3, 1.5, 1, -2];
    const target = 2;
    // Reference: −log Σₑ softmax(z)ₑ · softmax(logitsₑ)[target]
    const reference = (z: number[], l: number[]) => {
      const softmax = (v: number[]) => {
        const m = Math.max(...v);
        const e = v.map((x) => Math.exp(x - m));
        const s = e.reduce((a, b) => a + b, 0);
        return e.map((x) => x / s);
      };
      const g = softmax(z);
      let p = 0;
      for (let e = 0; e < 3; e++) p += g[e] * softmax(l.slice(3 * e, 3 * e + 3))[target];
      return -Math.log(p);
    };
    const lossOf = (z: tf.Tensor, l: tf.Tensor) =>
      classificationMixtureLoss(
        tf.softmax(z.reshape([1, 3])) as tf.Tensor2D,
        l.reshape([1, 3, 3]) as tf.Tensor3D,
        tf.oneHot([target], 3).toFloat() as tf.Tensor2D,
        tf.ones([1]) as tf.Tensor1D,
      );
    const [dz, dl] = tf.grads(lossOf)([tf.tensor1d(gateLogits), tf.tensor1d(expertLogits)]);
    const h = 1e-6;
    const numeric = (values: number[], f: (v: number[]) => number) =>
      values.map((_, i) => {
        const up = [...values];
        const down = [...values];
        up[i] += h;
        down[i] -= h;
        return (f(up) - f(down)) / (2 * h);
      });
    const expectedDz = numeric(gateLogits, (z) => reference(z, expertLogits));
    const expectedDl = numeric(expertLogits, (l) => reference(gateLogits, l));
    Array.from(dz.dataSync()).forEach((v, i) => {
      expect(v).toBeCloseTo(expectedDz[i], 4);
    });
    Array.from(dl.dataSync()).forEach((v, i) => {
      expect(v).toBeCloseTo(expectedDl[i], 4);
    });
    tf.dispose([dz, dl]);
  });
});

describe('multilabelMixtureLoss', () => {
  it('is the BCE of the gate-weighted label probabilities, averaged over labels', () => {
    // sigmoid: expert 0 [0.5, 0.75], expert 1 [0.25, 0.5]; gate [0.5, 0.5] -> p = [0.375, 0.625]
    const logits = tf.tensor3d([0, Math.log(3), -Math.log(3), 0], [1, 2, 2]);
    const gate = tf.tensor2d([0.5, 0.5], [1, 2]);
    const targets = tf.tensor2d([1, 0], [1, 2]);
    const mask = tf.tensor1d([1]);
    const expected = (-Math.log(0.375) - Math.log(1 - 0.625)) / 2;
    expect(scalar(multilabelMixtureLoss(gate, logits, targets, mask))).toBeCloseTo(expected, 5);
    tf.dispose([logits, gate, targets, mask]);
  });

  it('stays finite for saturated logits', () => {
    const logits = tf.tensor3d([-100, 100], [1, 1, 2]);
    const gate = tf.tensor2d([1], [1, 1]);
    const targets = tf.tensor2d([1, 0], [1, 2]);
    const mask = tf.tensor1d([1]);
    // softplus(100) = 100 for each label
    expect(scalar(multilabelMixtureLoss(gate, logits, targets, mask))).toBeCloseTo(100, 3);
    tf.dispose([logits, gate, targets, mask]);
  });
});

describe('logMixture and maskedMean', () => {
  it('computes log Σ g·exp(l) stably', () => {
    const gate = tf.tensor2d([0.25, 0.75], [1, 2]);
    const logProbs = tf.tensor2d([-1000, -1001], [1, 2]);
    // log(0.25·e^-1000 + 0.75·e^-1001) = −1000 + log(0.25 + 0.75/e)
    expect(scalar(logMixture(gate, logProbs))).toBeCloseTo(-1000 + Math.log(0.25 + 0.75 / Math.E), 3);
    const values = tf.tensor1d([1, 2, 6]);
    const mask = tf.tensor1d([1, 0, 1]);
    expect(scalar(maskedMean(values, mask))).toBeCloseTo(3.5, 6);
    tf.dispose([gate, logProbs, values, mask]);
  });

  it('leaks no tensors', () => {
    const inputs = [
      tf.tensor2d([0.5, 0.5], [1, 2]),
      tf.zeros([1, 2, 3]),
      tf.zeros([1, 3]),
      tf.ones([1]),
    ] as const;
    const before = tf.memory().numTensors;
    const losses = [
      multilabelMixtureLoss(
        inputs[0],
        inputs[1] as tf.Tensor3D,
        inputs[2] as tf.Tensor2D,
        inputs[3] as tf.Tensor1D,
      ),
      classificationMixtureLoss(
        inputs[0],
        inputs[1] as tf.Tensor3D,
        inputs[2] as tf.Tensor2D,
        inputs[3] as tf.Tensor1D,
      ),
    ];
    expect(tf.memory().numTensors).toBe(before + losses.length);
    tf.dispose([...losses, ...inputs]);
  });
});
