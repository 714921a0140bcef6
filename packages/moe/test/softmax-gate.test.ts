import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MoeConfigError, MoeShapeError, SoftmaxGate } from '../src/index.js';
import { expectGradientsMatchFiniteDifferences, randomMatrix, rows, values } from './helpers.js';

describe('SoftmaxGate', () => {
  it('gives positive weights that sum to 1 per example', () => {
    const gate = new SoftmaxGate({
      inputFeatures: 5,
      numExperts: 4,
      hiddenUnits: [8, 6],
      activation: 'gelu',
      seed: 3,
    });
    const x = randomMatrix(7, 5, 11, 2);
    const { weights, auxLosses } = gate.apply(x);
    expect(weights.shape).toEqual([7, 4]);
    for (const row of rows(weights)) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      for (const w of row) expect(w).toBeGreaterThan(0);
    }
    expect(auxLosses).toEqual({});
    tf.dispose([x, weights]);
    gate.dispose();
  });

  it('computes softmax(x·W + b) and softmax(logits / T) by hand', () => {
    const weightsFor = (temperature: number) => {
      const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 3, temperature });
      gate.setWeights({
        'output/kernel': tf.tensor2d([
          [1, 0, -1],
          [0, 2, 0],
        ]),
        'output/bias': tf.tensor1d([0, 0, 1]),
      });
      const out = gate.apply(tf.tensor2d([[1, 0.5]])).weights;
      const result = values(out);
      gate.dispose();
      return result;
    };
    // logits = [1·1 + 0.5·0 + 0, 1·0 + 0.5·2 + 0, 1·(−1) + 0.5·0 + 1] = [1, 1, 0]
    // T = 1: e / (2e + 1) = 2.7182818 / 6.4365637 = 0.4223188, 1 / 6.4365637 = 0.1553624
    expect(weightsFor(1)).toEqual([
      expect.closeTo(0.4223188, 6),
      expect.closeTo(0.4223188, 6),
      expect.closeTo(0.1553624, 6),
    ]);
    // T = 2: logits / 2 = [0.5, 0.5, 0]; e^0.5 = 1.6487213, 2·1.6487213 + 1 = 4.2974425,
    // 1.6487213 / 4.2974425 = 0.3836519, 1 / 4.2974425 = 0.2326963
    expect(weightsFor(2)).toEqual([
      expect.closeTo(0.3836519, 6),
      expect.closeTo(0.3836519, 6),
      expect.closeTo(0.2326963, 6),
    ]);
  });

  it('computes the hidden layers by hand', () => {
    const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 2, hiddenUnits: [2], activation: 'relu' });
    gate.setWeights({
      'hidden0/kernel': tf.tensor2d([
        [1, -1],
        [1, 1],
      ]),
      'hidden0/bias': tf.tensor1d([0, -0.5]),
      'output/kernel': tf.tensor2d([
        [1, 0],
        [0, 3],
      ]),
      'output/bias': tf.tensor1d([0, 0]),
    });
    // x = [2, 1]: hidden = relu([2 + 1 + 0, −2 + 1 − 0.5]) = relu([3, −1.5]) = [3, 0]
    // logits = [3·1 + 0·0, 3·0 + 0·3] = [3, 0]; softmax = [e³, 1] / (e³ + 1) = [0.9525741, 0.0474259]
    const { weights } = gate.apply(tf.tensor2d([[2, 1]]));
    expect(values(weights)).toEqual([expect.closeTo(0.9525741, 6), expect.closeTo(0.0474259, 6)]);
    gate.dispose();
  });

  it('has gradients that match finite differences', () => {
    const gate = new SoftmaxGate({
      inputFeatures: 3,
      numExperts: 4,
      hiddenUnits: [5],
      activation: 'tanh',
      temperature: 0.7,
      seed: 5,
    });
    const x = randomMatrix(6, 3, 2, 1.5);
    // A loss that weighs each expert differently, so every logit gets a gradient.
    const cost = randomMatrix(6, 4, 9);
    const loss = () => tf.tidy(() => tf.sum(tf.mul(gate.apply(x).weights, cost)) as tf.Scalar);
    expectGradientsMatchFiniteDifferences(gate.namedVariables(), loss);
    tf.dispose([x, cost]);
    gate.dispose();
  });

  it('applies seeded dropout in training only', () => {
    const make = () =>
      new SoftmaxGate({ inputFeatures: 4, numExperts: 3, hiddenUnits: [16], dropout: 0.5, seed: 42 });
    const [a, b] = [make(), make()];
    const x = randomMatrix(5, 4, 3);
    const evalA = values(a.apply(x).weights);
    // Evaluation: no dropout, so the output does not change between calls.
    expect(values(a.apply(x).weights)).toEqual(evalA);
    const trainA1 = values(a.apply(x, { training: true }).weights);
    const trainA2 = values(a.apply(x, { training: true }).weights);
    expect(trainA1).not.toEqual(evalA);
    expect(trainA2).not.toEqual(trainA1);
    // The same seed gives the same sequence of dropout masks.
    expect(values(b.apply(x, { training: true }).weights)).toEqual(trainA1);
    expect(values(b.apply(x, { training: true }).weights)).toEqual(trainA2);
    a.dispose();
    b.dispose();
  });

  it('rejects inputs that are not [batch, inputFeatures], naming both shapes', () => {
    const gate = new SoftmaxGate({ inputFeatures: 4, numExperts: 2 });
    expect(() => gate.apply(tf.zeros([3, 5]))).toThrow(MoeShapeError);
    expect(() => gate.apply(tf.zeros([3, 5]))).toThrow('gate input has shape [3, 5], expected [?, 4]');
    expect(() => gate.apply(tf.zeros([3, 2, 2]))).toThrow('x.reshape([x.shape[0], -1])');
    gate.dispose();
  });

  it('rejects invalid options', () => {
    expect(() => new SoftmaxGate({ inputFeatures: 4, numExperts: 0 })).toThrow(MoeConfigError);
    expect(() => new SoftmaxGate({ inputFeatures: 4, numExperts: 2, dropout: 1 })).toThrow('dropout');
    expect(() => new SoftmaxGate({ inputFeatures: 4, numExperts: 2, temperature: 0 })).toThrow('temperature');
    expect(() => new SoftmaxGate({ inputFeatures: 4, numExperts: 2, hiddenUnits: [3, 0] })).toThrow(
      'hiddenUnits[1]',
    );
    expect(
      () => new SoftmaxGate({ inputFeatures: 4, numExperts: 2, activation: 'softsign' as 'relu' }),
    ).toThrow('unknown activation "softsign"');
  });

  it('checks names and shapes in setWeights', () => {
    const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 3 });
    expect(() => gate.setWeights({ 'output/kernel': tf.zeros([2, 3]) })).toThrow('missing [output/bias]');
    expect(() =>
      gate.setWeights({ 'output/kernel': tf.zeros([3, 2]), 'output/bias': tf.zeros([3]) }),
    ).toThrow('weight "output/kernel" has shape [3, 2], expected [2, 3]');
    gate.dispose();
  });

  it('frees every tensor it creates', () => {
    const before = tf.memory().numTensors;
    const gate = new SoftmaxGate({
      inputFeatures: 3,
      numExperts: 2,
      hiddenUnits: [4],
      dropout: 0.1,
      seed: 1,
    });
    tf.tidy(() => {
      gate.apply(tf.ones([2, 3]), { training: true });
    });
    gate.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
