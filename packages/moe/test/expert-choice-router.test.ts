import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ExpertChoiceRouter } from '../src/index.js';
import { expectGradientsMatchFiniteDifferences, randomMatrix, rows } from './helpers.js';

/** A router fed one-hot rows (tf.eye), whose scores for two experts are [p, 1 − p] per token. */
function routerWithScores(firstScores: number[], capacityFactor: number): ExpertChoiceRouter {
  const router = new ExpertChoiceRouter({ inputFeatures: firstScores.length, numExperts: 2, capacityFactor });
  router.setWeights({ 'router/kernel': tf.tensor2d(firstScores.map((p) => [Math.log(p), Math.log(1 - p)])) });
  return router;
}

describe('ExpertChoiceRouter', () => {
  // Scores: expert 0 [0.9, 0.6, 0.3, 0.8], expert 1 [0.1, 0.4, 0.7, 0.2].
  const scores = [0.9, 0.6, 0.3, 0.8];

  it('lets each expert pick its top tokens (capacity factor 1)', () => {
    // Capacity = ceil(4 · 1 / 2) = 2: expert 0 picks tokens 0 and 3 (0.9, 0.8), expert 1 tokens 2 and 1 (0.7, 0.4).
    const router = routerWithScores(scores, 1);
    expect(router.capacity(4)).toBe(2);
    expect(rows(router.apply(tf.eye(4)).weights).flat()).toEqual(
      [0.9, 0, 0, 0.4, 0, 0.7, 0.8, 0].map((v) => expect.closeTo(v, 6)),
    );
    router.dispose();
  });

  it('can give a token several experts (capacity factor 1.5)', () => {
    // Capacity = ceil(4 · 1.5 / 2) = 3: expert 0 picks tokens 0, 3, 1; expert 1 picks tokens 2, 1, 3.
    const router = routerWithScores(scores, 1.5);
    const weights = rows(router.apply(tf.eye(4)).weights);
    expect(weights.flat()).toEqual([0.9, 0, 0.6, 0.4, 0, 0.7, 0.8, 0.2].map((v) => expect.closeTo(v, 6)));
    // Every expert takes exactly `capacity` tokens.
    for (const expert of [0, 1]) expect(weights.filter((row) => row[expert] > 0)).toHaveLength(3);
    router.dispose();
  });

  it('caps the capacity at the number of tokens', () => {
    const router = new ExpertChoiceRouter({ inputFeatures: 2, numExperts: 2, capacityFactor: 8 });
    expect(router.capacity(3)).toBe(3);
    router.dispose();
  });

  it('has gradients that match finite differences', () => {
    const router = new ExpertChoiceRouter({ inputFeatures: 3, numExperts: 3, capacityFactor: 1, seed: 2 });
    router.setWeights({ 'router/kernel': randomMatrix(3, 3, 41, 3) });
    const x = randomMatrix(6, 3, 42);
    const cost = randomMatrix(6, 3, 43);
    const loss = () => tf.tidy(() => tf.sum(tf.mul(router.apply(x).weights, cost)) as tf.Scalar);
    expectGradientsMatchFiniteDifferences(router.namedVariables(), loss);
    router.dispose();
  });
});
