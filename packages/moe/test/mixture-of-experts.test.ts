import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  type Expert,
  type Gate,
  MixtureOfExperts,
  MoeConfigError,
  MoeShapeError,
  NoisyTopKGate,
  SoftmaxGate,
  SwitchRouter,
} from '../src/index.js';
import { expectAllClose, pseudoRandom, randomMatrix, values } from './helpers.js';

// The toy problem: y = x1 + 1 when x0 > 0, y = x1 − 1 otherwise. Expert 0 computes x1 + 1 and is right on
// the first half of the inputs, expert 1 computes x1 − 1 and is right on the other half.
const toyExperts: Expert[] = [
  (x) => tf.add(tf.slice(x, [0, 1], [-1, 1]), 1),
  (x) => tf.sub(tf.slice(x, [0, 1], [-1, 1]), 1),
];

/** A batch of the toy problem: inputs uniform in [-1, 1)², targets, and the right expert of each input. */
function toyBatch(size: number, seed: number) {
  const inputs = pseudoRandom(size * 2, seed);
  const rightExpert = Array.from({ length: size }, (_, i) => (inputs[2 * i] > 0 ? 0 : 1));
  const targets = rightExpert.map((expert, i) => inputs[2 * i + 1] + (expert === 0 ? 1 : -1));
  return { x: tf.tensor2d(inputs, [size, 2]), y: tf.tensor2d(targets, [size, 1]), rightExpert };
}

/** Trains the mixture's gate on the toy problem; returns its routing accuracy on held-out inputs. */
function trainToyAndMeasureRouting(moe: MixtureOfExperts, steps: number): number {
  const optimizer = tf.train.adam(0.05);
  for (let step = 0; step < steps; step++) {
    const { x, y } = toyBatch(64, 1000 + step);
    optimizer.minimize(
      () => {
        const { output, totalAuxLoss } = moe.apply(x, { training: true });
        return tf.add(tf.losses.meanSquaredError(y, output), totalAuxLoss) as tf.Scalar;
      },
      false,
      moe.trainableVariables(),
    );
    tf.dispose([x, y]);
  }
  optimizer.dispose();
  const heldOut = toyBatch(1000, 7);
  const routed = tf.tidy(() => moe.apply(heldOut.x).gateWeights.argMax(1).dataSync());
  tf.dispose([heldOut.x, heldOut.y]);
  return heldOut.rightExpert.filter((expert, i) => routed[i] === expert).length / heldOut.rightExpert.length;
}

describe('MixtureOfExperts', () => {
  it('returns the output, gate weights and auxiliary losses with their sum', () => {
    const gate = new NoisyTopKGate({ inputFeatures: 4, numExperts: 3, k: 2, seed: 1 });
    gate.setWeights({ 'gate/kernel': randomMatrix(4, 3, 1), 'noise/kernel': randomMatrix(4, 3, 2) });
    const experts: Expert[] = [0, 1, 2].map((i) => (x) => tf.mul(tf.sum(x, 1, true), i + 1));
    const moe = new MixtureOfExperts({ gate, experts });
    const x = randomMatrix(5, 4, 3);
    const { output, gateWeights, auxLosses, totalAuxLoss } = moe.apply(x, { training: true });
    expect(output.shape).toEqual([5, 1]);
    expect(gateWeights.shape).toEqual([5, 3]);
    expect(Object.keys(auxLosses).sort()).toEqual(['importance', 'load']);
    expect(totalAuxLoss.dataSync()[0]).toBeCloseTo(
      auxLosses.importance.dataSync()[0] + auxLosses.load.dataSync()[0],
      7,
    );
    // output = Σᵢ gᵢ · (i + 1) · Σx, computed from the returned gate weights.
    const sums = values(tf.sum(x, 1));
    const g = gateWeights.arraySync();
    expectAllClose(
      values(output),
      sums.map((sum, b) => sum * (g[b][0] + 2 * g[b][1] + 3 * g[b][2])),
      5,
    );
    moe.dispose();
  });

  it('feeds the gate its own input (EnECG gates on one lead)', () => {
    // Experts see [batch, 3 leads, 4 samples]; the gate sees lead 1 only, [batch, 4].
    const gate = new SoftmaxGate({ inputFeatures: 4, numExperts: 2, seed: 3 });
    const experts: Expert[] = [
      (x) => tf.reshape(tf.mean(x, [1, 2]), [-1, 1]),
      (x) => tf.reshape(tf.max(x, [1, 2]), [-1, 1]),
    ];
    const moe = new MixtureOfExperts({ gate, experts });
    const signals = tf.reshape(randomMatrix(2, 12, 4), [2, 3, 4]);
    const lead = tf.reshape(tf.slice(signals, [0, 1, 0], [-1, 1, -1]), [2, 4]);
    const { gateWeights, totalAuxLoss } = moe.apply(signals, { gateInput: lead });
    expect(values(gateWeights)).toEqual(values(gate.apply(lead).weights));
    expect(totalAuxLoss.dataSync()[0]).toBe(0);
    expect(() => moe.apply(signals)).toThrow('gate input has shape [2, 3, 4], expected [?, 4]');
    expect(() => moe.apply(signals, { gateInput: tf.zeros([3, 4]) })).toThrow(MoeShapeError);
    moe.dispose();
  });

  it('checks the number of experts against the gate', () => {
    const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 3 });
    expect(() => new MixtureOfExperts({ gate, experts: toyExperts })).toThrow(MoeConfigError);
    expect(() => new MixtureOfExperts({ gate, experts: toyExperts })).toThrow(
      'experts: 2 experts given, but the gate routes to 3 (its numExperts)',
    );
    gate.dispose();
  });

  it('lists the gate variables and the trainable variables of layer experts', () => {
    const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 2, hiddenUnits: [3] });
    const trained = tf.layers.dense({ units: 1, inputShape: [2] });
    const frozen = tf.layers.dense({ units: 1, inputShape: [2], trainable: false });
    const moe = new MixtureOfExperts({ gate, experts: [trained, frozen] });
    tf.tidy(() => {
      moe.apply(tf.ones([1, 2]));
    });
    const variables = moe.trainableVariables();
    // Gate: hidden0 kernel and bias, output kernel and bias; trained expert: kernel and bias.
    expect(variables).toHaveLength(4 + 2);
    expect(variables).toContain(trained.trainableWeights[0].read());
    expect(variables).not.toContain(frozen.weights[0].read());
    moe.dispose();
    trained.dispose();
    frozen.dispose();
  });

  it('learns the toy problem with the dense softmax gate (routing accuracy > 95%)', () => {
    const gate = new SoftmaxGate({ inputFeatures: 2, numExperts: 2, hiddenUnits: [8], seed: 11 });
    const moe = new MixtureOfExperts({ gate, experts: toyExperts });
    expect(trainToyAndMeasureRouting(moe, 150)).toBeGreaterThan(0.95);
    moe.dispose();
  });

  it('learns the toy problem with the Switch router and sparse dispatch (routing accuracy > 95%)', () => {
    const gate = new SwitchRouter({
      inputFeatures: 2,
      numExperts: 2,
      capacityFactor: 2,
      jitterNoise: 0.01,
      seed: 12,
    });
    const moe = new MixtureOfExperts({ gate, experts: toyExperts, mode: 'sparse' });
    expect(trainToyAndMeasureRouting(moe, 150)).toBeGreaterThan(0.95);
    moe.dispose();
  });

  it('does not leak tensors over many training steps', () => {
    const layerExperts = [0, 1, 2].map(() =>
      tf.layers.dense({ units: 2, inputShape: [4], activation: 'relu' }),
    );
    // Built now (by a first call), so that trainableVariables() lists their weights from the first step on.
    tf.tidy(() => {
      for (const layer of layerExperts) layer.apply(tf.zeros([1, 4]));
    });
    const gates: Array<[Gate, 'dense' | 'sparse']> = [
      [
        new SoftmaxGate({ inputFeatures: 4, numExperts: 3, hiddenUnits: [6], dropout: 0.2, seed: 1 }),
        'dense',
      ],
      [new NoisyTopKGate({ inputFeatures: 4, numExperts: 3, k: 2, seed: 2 }), 'sparse'],
      [
        new SwitchRouter({ inputFeatures: 4, numExperts: 3, overflow: 'next', jitterNoise: 0.1, seed: 3 }),
        'sparse',
      ],
    ];
    const x = randomMatrix(16, 4, 5);
    const y = randomMatrix(16, 2, 6);
    for (const [gate, mode] of gates) {
      const moe = new MixtureOfExperts({ gate, experts: layerExperts, mode });
      const optimizer = tf.train.adam(0.01);
      const step = () =>
        optimizer.minimize(
          () => {
            const { output, totalAuxLoss } = moe.apply(x, { training: true });
            return tf.add(tf.losses.meanSquaredError(y, output), totalAuxLoss) as tf.Scalar;
          },
          false,
          moe.trainableVariables(),
        );
      step(); // The first step creates the optimizer's slot variables.
      const before = tf.memory().numTensors;
      for (let i = 0; i < 40; i++) step();
      expect(tf.memory().numTensors, `${gate.constructor.name}`).toBe(before);
      // Outside any tidy scope, apply leaves nothing but the tensors it returns.
      const result = moe.apply(x, { training: true });
      tf.dispose([
        result.output,
        result.gateWeights,
        result.totalAuxLoss,
        ...Object.values(result.auxLosses),
      ]);
      expect(tf.memory().numTensors, `${gate.constructor.name} apply`).toBe(before);
      optimizer.dispose();
      moe.dispose();
    }
    for (const layer of layerExperts) layer.dispose();
    tf.dispose([x, y]);
  });
});
