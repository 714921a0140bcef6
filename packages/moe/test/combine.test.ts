import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  combineDense,
  dispatchSparse,
  type Expert,
  evaluateExperts,
  MoeRoutingError,
  MoeShapeError,
  NoisyTopKGate,
} from '../src/index.js';
import { expectAllClose, randomMatrix, rows, values } from './helpers.js';

/** E small dense-layer experts [n, 3] → [n, 2] with fixed weights, and a log of the rows each one received. */
function recordingExperts(count: number): {
  experts: Expert[];
  calls: number[][];
  layers: tf.layers.Layer[];
} {
  const calls: number[][] = Array.from({ length: count }, () => []);
  const layers = Array.from({ length: count }, (_, i) => {
    const layer = tf.layers.dense({ units: 2, activation: 'tanh', inputShape: [3] });
    layer.build([null, 3]);
    layer.setWeights([randomMatrix(3, 2, 50 + i), tf.tensor1d([i, -i])]);
    return layer;
  });
  const experts = layers.map(
    (layer, i): Expert =>
      (x) => {
        calls[i].push(x.shape[0]);
        return layer.apply(x) as tf.Tensor;
      },
  );
  return { experts, calls, layers };
}

describe('combineDense', () => {
  it('computes Σ gᵢ · yᵢ by hand', () => {
    // Example 0: 0.25 · [1, 2] + 0.75 · [3, 4] = [0.25 + 2.25, 0.5 + 3] = [2.5, 3.5].
    // Example 1: 1 · [5, 6] + 0 · [7, 8] = [5, 6].
    const gates = tf.tensor2d([
      [0.25, 0.75],
      [1, 0],
    ]);
    const outputs = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(values(combineDense(gates, outputs))).toEqual([2.5, 3.5, 5, 6]);
  });

  it('names both shapes when expert outputs do not match the gate weights', () => {
    expect(() => combineDense(tf.zeros([2, 3]), tf.zeros([2, 4, 5]))).toThrow(MoeShapeError);
    expect(() => combineDense(tf.zeros([2, 3]), tf.zeros([2, 4, 5]))).toThrow(
      'expert outputs has shape [2, 4, 5], expected [2, 3, ?]; they must match the gate weights [2, 3]',
    );
  });

  it('checks that every expert gives the same output size', () => {
    const experts: Expert[] = [() => tf.zeros([4, 2]), () => tf.zeros([4, 3])];
    expect(() => evaluateExperts(experts, tf.zeros([4, 1]), false)).toThrow(
      'output of expert 1 has shape [4, 3], expected [4, 2]',
    );
  });
});

describe('dispatchSparse', () => {
  const numExperts = 5;
  const x = randomMatrix(12, 3, 60, 2);

  /** Top-2 gate weights over 5 experts (zeros elsewhere), from a fixed gate. */
  function topTwoWeights(): tf.Tensor2D {
    const gate = new NoisyTopKGate({ inputFeatures: 3, numExperts, k: 2 });
    gate.setWeights({
      'gate/kernel': randomMatrix(3, numExperts, 61, 3),
      'noise/kernel': tf.zeros([3, numExperts]),
    });
    const { weights } = gate.apply(x);
    gate.dispose();
    return weights;
  }

  it('equals dense combination with the same (masked) gate weights', () => {
    const weights = topTwoWeights();
    const { experts } = recordingExperts(numExperts);
    const dense = values(combineDense(weights, evaluateExperts(experts, x, false)));
    const sparse = values(dispatchSparse(experts, x, weights, false));
    expect(sparse.length).toBe(24);
    expectAllClose(sparse, dense);
  });

  it('runs each expert only on the examples routed to it', () => {
    const weights = topTwoWeights();
    const { experts, calls } = recordingExperts(numExperts);
    dispatchSparse(experts, x, weights, false);
    const routedCounts = Array.from(
      { length: numExperts },
      (_, i) => rows(weights).filter((row) => row[i] !== 0).length,
    );
    expect(routedCounts.reduce((a, b) => a + b, 0)).toBe(24); // 12 examples × k = 2
    // One call per expert that has examples, with exactly those examples; none for an expert with none.
    expect(calls).toEqual(routedCounts.map((count) => (count ? [count] : [])));
  });

  it('skips experts with no example', () => {
    const weights = tf.tensor2d([
      [0.5, 0, 0.5],
      [1, 0, 0],
    ]);
    const { experts, calls } = recordingExperts(3);
    dispatchSparse(experts, randomMatrix(2, 3, 1), weights, false);
    expect(calls).toEqual([[2], [], [1]]);
  });

  it('gives the same gradients as dense combination', () => {
    const gate = new NoisyTopKGate({ inputFeatures: 3, numExperts, k: 2 });
    gate.setWeights({
      'gate/kernel': randomMatrix(3, numExperts, 61, 3),
      'noise/kernel': tf.zeros([3, numExperts]),
    });
    const { experts, layers } = recordingExperts(numExperts);
    const target = randomMatrix(12, 2, 62);
    const variables = [
      gate.gateKernel,
      ...layers.flatMap((layer) => layer.trainableWeights.map((w) => w.read() as tf.Variable)),
    ];
    const gradients = (sparse: boolean) => {
      const { grads, value } = tf.variableGrads(() => {
        const { weights } = gate.apply(x);
        const output = sparse
          ? dispatchSparse(experts, x, weights, false)
          : combineDense(weights, evaluateExperts(experts, x, false));
        return tf.losses.meanSquaredError(target, output) as tf.Scalar;
      }, variables);
      value.dispose();
      return variables.map((v) => values(grads[v.name]));
    };
    const [dense, sparse] = [gradients(false), gradients(true)];
    expect(Math.hypot(...dense[0])).toBeGreaterThan(1e-3);
    for (let i = 0; i < dense.length; i++) expectAllClose(sparse[i], dense[i]);
    gate.dispose();
  });

  it('rejects gate weights that do not fit the batch and experts', () => {
    const { experts } = recordingExperts(3);
    expect(() => dispatchSparse(experts, tf.zeros([4, 3]), tf.zeros([4, 2]), false)).toThrow(
      'gate weights has shape [4, 2], expected [4, 3]',
    );
  });

  it('refuses to run when no example is routed anywhere', () => {
    const { experts } = recordingExperts(2);
    expect(() => dispatchSparse(experts, tf.zeros([3, 3]), tf.zeros([3, 2]), false)).toThrow(MoeRoutingError);
  });
});
