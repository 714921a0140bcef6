import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MoeConfigError, NoisyTopKGate, probabilityInTopK } from '../src/index.js';
import { expectGradientsMatchFiniteDifferences, randomMatrix, rows, values } from './helpers.js';

// Standard normal CDF values from a table: Φ(0), Φ(±1), Φ(±2).
const PHI_0 = 0.5;
const PHI_1 = 0.8413447;
const PHI_MINUS_1 = 0.1586553;
const PHI_2 = 0.9772499;

/** Population variance / mean², the CV² the losses use. */
function cvSquared(v: number[]): number {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
  return variance / mean ** 2;
}

/**
 * A gate whose inputs are one-hot rows, so that its clean logits are the rows of W_g, and whose noise
 * standard deviation is exactly 1: softplus(ln(e − 1)) = ln(1 + e − 1) = 1, with noiseEpsilon 0.
 */
function gateWithLogits(logits: number[][], k: number): NoisyTopKGate {
  const [examples, numExperts] = [logits.length, logits[0].length];
  const gate = new NoisyTopKGate({
    inputFeatures: examples,
    numExperts,
    k,
    importanceCoefficient: 1,
    loadCoefficient: 1,
    noiseEpsilon: 0,
  });
  gate.setWeights({
    'gate/kernel': tf.tensor2d(logits),
    'noise/kernel': tf.fill([examples, numExperts], Math.log(Math.E - 1)),
  });
  return gate;
}

describe('NoisyTopKGate', () => {
  it('keeps exactly k experts per example, with weights that sum to 1', () => {
    for (const k of [1, 2, 3]) {
      const gate = new NoisyTopKGate({ inputFeatures: 6, numExperts: 4, k, seed: 7 });
      gate.setWeights({ 'gate/kernel': randomMatrix(6, 4, 1), 'noise/kernel': randomMatrix(6, 4, 2) });
      const x = randomMatrix(20, 6, 3, 2);
      for (const training of [false, true]) {
        for (const row of rows(gate.apply(x, { training }).weights)) {
          expect(row.filter((w) => w !== 0)).toHaveLength(k);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
        }
      }
      gate.dispose();
    }
  });

  it('computes the importance and load losses by hand (k = 2)', () => {
    // Example 0: H = [2, 1, 0] keeps experts 0 and 1: softmax([2, 1]) = [e, 1] / (e + 1) = [0.7310586, 0.2689414].
    // Example 1: H = [0, 2, 1] keeps experts 1 and 2: weights [0, 0.7310586, 0.2689414].
    const gate = gateWithLogits(
      [
        [2, 1, 0],
        [0, 2, 1],
      ],
      2,
    );
    const { weights, auxLosses } = gate.apply(tf.eye(2));
    const [high, low] = [Math.E / (Math.E + 1), 1 / (Math.E + 1)];
    expect(rows(weights).flat()).toEqual([high, low, 0, 0, high, low].map((v) => expect.closeTo(v, 6)));

    // Importance = column sums = [0.7310586, 1, 0.2689414]; mean 2/3;
    // variance = (0.0643919² + 0.3333333² + 0.3977252²) / 3 = (0.0041463 + 0.1111111 + 0.1581853) / 3 = 0.0911476;
    // CV² = 0.0911476 / (2/3)² = 0.2050821.
    const importance = [high, 1, low];
    expect(cvSquared(importance)).toBeCloseTo(0.2050821, 6);
    expect(auxLosses.importance.dataSync()[0]).toBeCloseTo(0.2050821, 5);

    // P(x, i) = Φ((H_i − threshold) / 1): threshold = 3rd largest of H if i is kept, 2nd largest otherwise.
    // Example 0, H = [2, 1, 0]: kept 0 → Φ(2 − 0), kept 1 → Φ(1 − 0), not kept 2 → Φ(0 − 1).
    // Example 1, H = [0, 2, 1]: not kept 0 → Φ(0 − 1), kept 1 → Φ(2 − 0), kept 2 → Φ(1 − 0).
    // Load = [Φ(2) + Φ(−1), Φ(1) + Φ(2), Φ(−1) + Φ(1)] = [1.1359052, 1.8185946, 1.0];
    // mean 1.3181666, variance (0.1822615² + 0.5004280² + 0.3181666²) / 3 = (0.0332192 + 0.2504282 + 0.1012300) / 3
    // = 0.1282925, CV² = 0.1282925 / 1.3181666² = 0.1282925 / 1.7375631 = 0.0738347.
    const load = [PHI_2 + PHI_MINUS_1, PHI_1 + PHI_2, PHI_MINUS_1 + PHI_1];
    expect(cvSquared(load)).toBeCloseTo(0.0738347, 6);
    expect(auxLosses.load.dataSync()[0]).toBeCloseTo(0.0738347, 5);
    gate.dispose();
  });

  it('computes the load loss by hand (k = 1)', () => {
    // k = 1: threshold = 2nd largest if i is kept, the largest otherwise.
    // Example 0, H = [2, 1, 0]: P = [Φ(2 − 1), Φ(1 − 2), Φ(0 − 2)] = [Φ(1), Φ(−1), Φ(−2)].
    // Example 1, H = [1, 2, 1]: P = [Φ(1 − 2), Φ(2 − 1), Φ(1 − 2)] = [Φ(−1), Φ(1), Φ(−1)].
    // Load = [Φ(1) + Φ(−1), Φ(−1) + Φ(1), Φ(−2) + Φ(−1)] = [1, 1, 0.1814054], with Φ(−2) = 1 − Φ(2);
    // mean 0.7271351, variance (0.2728649² · 2 + 0.5457297²) / 3 = 0.1489104, CV² = 0.1489104 / 0.5287255 = 0.2816404.
    // Importance = [1, 1, 0] (one-hot weights): mean 2/3, variance ((1/3)² + (1/3)² + (2/3)²) / 3 = 2/9, CV² = 0.5.
    const gate = gateWithLogits(
      [
        [2, 1, 0],
        [1, 2, 1],
      ],
      1,
    );
    const { auxLosses } = gate.apply(tf.eye(2));
    const load = [PHI_1 + PHI_MINUS_1, PHI_MINUS_1 + PHI_1, 1 - PHI_2 + PHI_MINUS_1];
    expect(cvSquared(load)).toBeCloseTo(0.2816404, 6);
    expect(auxLosses.load.dataSync()[0]).toBeCloseTo(0.2816404, 5);
    expect(auxLosses.importance.dataSync()[0]).toBeCloseTo(0.5, 6);
    gate.dispose();
  });

  it('multiplies each loss by its coefficient', () => {
    const gate = new NoisyTopKGate({
      inputFeatures: 3,
      numExperts: 4,
      k: 2,
      importanceCoefficient: 0.5,
      loadCoefficient: 0,
    });
    gate.setWeights({ 'gate/kernel': randomMatrix(3, 4, 5), 'noise/kernel': randomMatrix(3, 4, 6) });
    const unit = new NoisyTopKGate({
      inputFeatures: 3,
      numExperts: 4,
      k: 2,
      importanceCoefficient: 1,
      loadCoefficient: 1,
    });
    unit.setWeights(gate.namedVariables());
    const x = randomMatrix(8, 3, 4);
    const [scaled, raw] = [gate.apply(x).auxLosses, unit.apply(x).auxLosses];
    expect(raw.importance.dataSync()[0]).toBeGreaterThan(0.01);
    expect(scaled.importance.dataSync()[0]).toBeCloseTo(0.5 * raw.importance.dataSync()[0], 6);
    expect(raw.load.dataSync()[0]).toBeGreaterThan(0.001);
    expect(scaled.load.dataSync()[0]).toBe(0);
    gate.dispose();
    unit.dispose();
  });

  it('adds seeded noise in training only', () => {
    const make = () => {
      const gate = new NoisyTopKGate({ inputFeatures: 4, numExperts: 5, k: 2, seed: 99 });
      gate.setWeights({ 'gate/kernel': randomMatrix(4, 5, 1, 0.1), 'noise/kernel': randomMatrix(4, 5, 2) });
      return gate;
    };
    const [a, b] = [make(), make()];
    const x = randomMatrix(10, 4, 8);
    const clean = values(a.apply(x).weights);
    expect(values(a.apply(x).weights)).toEqual(clean);
    const noisy1 = values(a.apply(x, { training: true }).weights);
    const noisy2 = values(a.apply(x, { training: true }).weights);
    expect(noisy1).not.toEqual(clean);
    expect(noisy2).not.toEqual(noisy1);
    expect(values(b.apply(x, { training: true }).weights)).toEqual(noisy1);
    expect(values(b.apply(x, { training: true }).weights)).toEqual(noisy2);
    a.dispose();
    b.dispose();
  });

  it('has gradients on the clean path and through the load estimator that match finite differences', () => {
    const gate = new NoisyTopKGate({
      inputFeatures: 3,
      numExperts: 4,
      k: 2,
      importanceCoefficient: 1,
      loadCoefficient: 1,
    });
    // Spread-out logits, so that a finite-difference step never changes which experts are kept.
    gate.setWeights({ 'gate/kernel': randomMatrix(3, 4, 21, 3), 'noise/kernel': randomMatrix(3, 4, 22) });
    const x = randomMatrix(5, 3, 23);
    const cost = randomMatrix(5, 4, 24);
    const taskLoss = () => tf.tidy(() => tf.sum(tf.mul(gate.apply(x).weights, cost)) as tf.Scalar);
    expectGradientsMatchFiniteDifferences({ gate: gate.gateKernel }, taskLoss);
    const importanceLoss = () => tf.tidy(() => gate.apply(x).auxLosses.importance);
    expectGradientsMatchFiniteDifferences({ gate: gate.gateKernel }, importanceLoss);
    const loadLoss = () => tf.tidy(() => gate.apply(x).auxLosses.load);
    expectGradientsMatchFiniteDifferences({ gate: gate.gateKernel, noise: gate.noiseKernel }, loadLoss);
    gate.dispose();
  });

  it('rejects k larger than the number of experts', () => {
    expect(() => new NoisyTopKGate({ inputFeatures: 3, numExperts: 4, k: 5 })).toThrow(MoeConfigError);
    expect(() => new NoisyTopKGate({ inputFeatures: 3, numExperts: 4, k: 5 })).toThrow(
      'k: 5 is larger than the number of experts (4)',
    );
    expect(() => new NoisyTopKGate({ inputFeatures: 3, numExperts: 4, k: 0 })).toThrow(
      'k: must be an integer >= 1',
    );
  });
});

describe('probabilityInTopK', () => {
  it('uses the clean logit over the noisy threshold, scaled by the noise', () => {
    // k = 1, noisy H = [2, 1, 0]: expert 0 is kept (threshold 1), experts 1 and 2 are not (threshold 2).
    // clean = [1, 1.5, 0], std = [1, 0.5, 2]: P = [Φ((1 − 1) / 1), Φ((1.5 − 2) / 0.5), Φ((0 − 2) / 2)]
    //                                             = [Φ(0), Φ(−1), Φ(−1)].
    const p = probabilityInTopK(
      tf.tensor2d([[1, 1.5, 0]]),
      tf.tensor2d([[2, 1, 0]]),
      tf.tensor2d([[1, 0.5, 2]]),
      1,
    );
    expect(values(p)).toEqual([PHI_0, PHI_MINUS_1, PHI_MINUS_1].map((v) => expect.closeTo(v, 6)));
  });

  it('is 1 for every expert when k equals the number of experts', () => {
    const logits = tf.tensor2d([[3, -1]]);
    expect(values(probabilityInTopK(logits, logits, tf.ones([1, 2]), 2))).toEqual([1, 1]);
  });
});
