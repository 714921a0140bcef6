import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  expertCapacity,
  loadBalancingLoss,
  MoeConfigError,
  routerZLoss,
  routeWithCapacity,
  SwitchRouter,
} from '../src/index.js';
import { expectGradientsMatchFiniteDifferences, randomMatrix, rows, values } from './helpers.js';

/** A router fed one-hot rows (tf.eye), so that its logits are the rows of its kernel. */
function routerWithLogits(
  logits: number[][],
  config: Partial<ConstructorParameters<typeof SwitchRouter>[0]> = {},
) {
  const router = new SwitchRouter({
    inputFeatures: logits.length,
    numExperts: logits[0].length,
    balanceCoefficient: 1,
    zLossCoefficient: 1,
    ...config,
  });
  router.setWeights({ 'router/kernel': tf.tensor2d(logits) });
  return router;
}

/** Logits whose softmax over two experts is [p, 1 − p]: [ln p, ln(1 − p)]. */
const twoWay = (p: number) => [Math.log(p), Math.log(1 - p)];

describe('loadBalancingLoss and routerZLoss', () => {
  it('computes E · Σ fᵢ · Pᵢ by hand', () => {
    // First choices: 0, 0, 1, 0 → f = [3/4, 1/4].
    // P = column means = [(0.9 + 0.6 + 0.3 + 0.8) / 4, (0.1 + 0.4 + 0.7 + 0.2) / 4] = [0.65, 0.35].
    // Loss = 2 · (0.75 · 0.65 + 0.25 · 0.35) = 2 · (0.4875 + 0.0875) = 1.15.
    const probs = tf.tensor2d([
      [0.9, 0.1],
      [0.6, 0.4],
      [0.3, 0.7],
      [0.8, 0.2],
    ]);
    expect(loadBalancingLoss(probs, [0, 0, 1, 0]).dataSync()[0]).toBeCloseTo(1.15, 6);
    // Uniform routing gives 1: f = P = [1/2, 1/2] → 2 · (1/4 + 1/4).
    expect(loadBalancingLoss(tf.fill([2, 2], 0.5), [0, 1]).dataSync()[0]).toBeCloseTo(1, 6);
  });

  it('computes mean(logsumexp(logits)²) by hand', () => {
    // Row 0: logsumexp([0, 0]) = ln 2 = 0.6931472, squared 0.4804530.
    // Row 1: logsumexp([ln 3, 0]) = ln(3 + 1) = ln 4 = 1.3862944, squared 1.9218121.
    // Mean = (0.4804530 + 1.9218121) / 2 = 1.2011326.
    const logits = tf.tensor2d([
      [0, 0],
      [Math.log(3), 0],
    ]);
    expect(routerZLoss(logits).dataSync()[0]).toBeCloseTo(1.2011326, 5);
  });
});

describe('expertCapacity', () => {
  it('is ceil(tokens / E · capacityFactor)', () => {
    expect(expertCapacity(8, 4, 1.25)).toBe(3); // 2.5 → 3
    expect(expertCapacity(100, 10, 1.1)).toBe(11); // 11, though 100 · 1.1 / 10 = 11.000000000000002 in floats
    expect(expertCapacity(6, 2, 1)).toBe(3);
    expect(expertCapacity(5, 3, 1)).toBe(2); // 1.67 → 2
    expect(expertCapacity(5, 3, Infinity)).toBe(Infinity);
  });
});

describe('routeWithCapacity', () => {
  // Preferences (experts by decreasing probability): t0 [0, 1, 2], t1 [0, 2, 1], t2 [0, 1, 2], t3 [1, 0, 2],
  // t4 [0, 1, 2]. Capacity 2.
  const probs = [
    [0.6, 0.3, 0.1],
    [0.5, 0.2, 0.3],
    [0.7, 0.2, 0.1],
    [0.3, 0.6, 0.1],
    [0.4, 0.35, 0.25],
  ].flat();

  it("drops exactly the tokens that find their first choice full ('drop')", () => {
    // Expert 0 takes t0 and t1 and is then full: t2 and t4 are dropped; t3 goes to expert 1.
    const { firstChoice, assignment } = routeWithCapacity(probs, 3, 2, 'drop');
    expect(Array.from(firstChoice)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(assignment)).toEqual([0, 0, -1, 1, -1]);
  });

  it("re-routes overflowing tokens to their next choice with room ('next')", () => {
    // Round 1 as above. Round 2 (second choices): t2 → expert 1 (load 1 → 2); t4 → expert 1, now full.
    // Round 3 (third choices): t4 → expert 2.
    const { assignment } = routeWithCapacity(probs, 3, 2, 'next');
    expect(Array.from(assignment)).toEqual([0, 0, 1, 1, 2]);
  });

  it("still drops tokens when no expert has room ('next')", () => {
    // Capacity 1 for 5 tokens and 3 experts: t0 → 0, t3 → 1, then t1 → its second choice 2; t2 and t4 find
    // every expert full.
    const { assignment } = routeWithCapacity(probs, 3, 1, 'next');
    expect(Array.from(assignment)).toEqual([0, 2, -1, 1, -1]);
  });

  it('rejects an unknown overflow policy', () => {
    expect(() => routeWithCapacity(probs, 3, 2, 'spill' as 'drop')).toThrow(MoeConfigError);
  });
});

describe('SwitchRouter', () => {
  it('computes its auxiliary losses by hand', () => {
    // Probabilities [0.75, 0.25] and [0.25, 0.75]: first choices 0 and 1, f = [1/2, 1/2], P = [1/2, 1/2]
    // → balancing loss 2 · (1/4 + 1/4) = 1.
    // logsumexp([ln 0.75, ln 0.25]) = ln 1 = 0 for both rows → z-loss 0 ...
    // ... plus 2 in every logit, so logsumexp = 2 and z-loss = 4 (softmax, and so the balancing loss, unchanged).
    const logits = [twoWay(0.75), twoWay(0.25)].map((row) => row.map((v) => v + 2));
    const router = routerWithLogits(logits, { balanceCoefficient: 0.5, zLossCoefficient: 0.1 });
    const { weights, auxLosses } = router.apply(tf.eye(2));
    expect(auxLosses.loadBalancing.dataSync()[0]).toBeCloseTo(0.5 * 1, 6);
    expect(auxLosses.zLoss.dataSync()[0]).toBeCloseTo(0.1 * 4, 5);
    expect(rows(weights).flat()).toEqual([0.75, 0, 0, 0.75].map((v) => expect.closeTo(v, 6)));
    router.dispose();
  });

  it('computes the balancing loss by hand with unequal loads', () => {
    // The four tokens of the loadBalancingLoss example: loss 1.15.
    const router = routerWithLogits([twoWay(0.9), twoWay(0.6), twoWay(0.3), twoWay(0.8)], {
      capacityFactor: 2,
    });
    expect(router.apply(tf.eye(4)).auxLosses.loadBalancing.dataSync()[0]).toBeCloseTo(1.15, 5);
    router.dispose();
  });

  describe('capacity overflow', () => {
    // Six tokens, two experts, capacity factor 1: capacity = ceil(6 / 2 · 1) = 3.
    // Expert 0 is the first choice of tokens 0, 1, 2, 3 and 5; token 4 prefers expert 1.
    const firstProbabilities = [0.9, 0.8, 0.7, 0.6, 0.2, 0.55];
    const logits = firstProbabilities.map(twoWay);

    it("drops exactly the tokens beyond capacity ('drop')", () => {
      const router = routerWithLogits(logits, { capacityFactor: 1, overflow: 'drop' });
      // Expert 0 keeps tokens 0, 1, 2 (in token order); tokens 3 and 5 are dropped: all-zero rows.
      expect(rows(router.apply(tf.eye(6)).weights).flat()).toEqual(
        [0.9, 0, 0.8, 0, 0.7, 0, 0, 0, 0, 0.8, 0, 0].map((v) => expect.closeTo(v, 6)),
      );
      router.dispose();
    });

    it("re-routes exactly those tokens to their second choice ('next')", () => {
      const router = routerWithLogits(logits, { capacityFactor: 1, overflow: 'next' });
      // Tokens 3 and 5 go to expert 1 (which has token 4, so room for two more), weighted by its
      // probability: 1 − 0.6 = 0.4 and 1 − 0.55 = 0.45.
      expect(rows(router.apply(tf.eye(6)).weights).flat()).toEqual(
        [0.9, 0, 0.8, 0, 0.7, 0, 0, 0.4, 0, 0.8, 0, 0.45].map((v) => expect.closeTo(v, 6)),
      );
      router.dispose();
    });

    it('drops nothing with an unlimited capacity factor', () => {
      const router = routerWithLogits(logits, { capacityFactor: Infinity });
      const weights = rows(router.apply(tf.eye(6)).weights);
      expect(weights.map((row) => row.filter((w) => w > 0).length)).toEqual([1, 1, 1, 1, 1, 1]);
      router.dispose();
    });
  });

  it('applies seeded jitter noise to its input in training only', () => {
    const make = () =>
      new SwitchRouter({
        inputFeatures: 4,
        numExperts: 3,
        jitterNoise: 0.3,
        seed: 8,
        capacityFactor: Infinity,
      });
    const [a, b] = [make(), make()];
    expect(values(a.kernel)).toEqual(values(b.kernel));
    const x = randomMatrix(12, 4, 5);
    const evaluation = values(a.apply(x).weights);
    expect(values(a.apply(x).weights)).toEqual(evaluation);
    const jittered = values(a.apply(x, { training: true }).weights);
    expect(jittered).not.toEqual(evaluation);
    expect(values(b.apply(x, { training: true }).weights)).toEqual(jittered);
    a.dispose();
    b.dispose();
  });

  it('has gradients that match finite differences', () => {
    const router = new SwitchRouter({
      inputFeatures: 3,
      numExperts: 4,
      capacityFactor: Infinity,
      balanceCoefficient: 1,
      zLossCoefficient: 1,
      seed: 4,
    });
    // Spread-out logits so that a finite-difference step never changes the first choices.
    router.setWeights({ 'router/kernel': randomMatrix(3, 4, 31, 3) });
    const x = randomMatrix(6, 3, 32);
    const cost = randomMatrix(6, 4, 33);
    const loss = () =>
      tf.tidy(() => {
        const { weights, auxLosses } = router.apply(x);
        return tf.addN([
          tf.sum(tf.mul(weights, cost)),
          auxLosses.loadBalancing,
          auxLosses.zLoss,
        ]) as tf.Scalar;
      });
    expectGradientsMatchFiniteDifferences(router.namedVariables(), loss);
    router.dispose();
  });

  it('rejects invalid options', () => {
    expect(() => new SwitchRouter({ inputFeatures: 2, numExperts: 2, capacityFactor: 0 })).toThrow(
      'capacityFactor',
    );
    expect(() => new SwitchRouter({ inputFeatures: 2, numExperts: 2, overflow: 'spill' as 'drop' })).toThrow(
      "overflow: must be 'drop' or 'next'",
    );
    expect(() => new SwitchRouter({ inputFeatures: 2, numExperts: 2, jitterNoise: 1 })).toThrow(
      'jitterNoise',
    );
  });
});
