import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BackboneNetwork,
  createBackbone,
  registerBackbone,
  runConformance,
  unregisterBackbone,
  zeros,
} from '../src/index.js';
import { describeConformance } from './conformance-suite.js';
import { TINY_CONFIGS } from './tiny-configs.js';

// Every built-in passes the suite (tiny configurations, cpu vs wasm).
for (const [id, config] of Object.entries(TINY_CONFIGS)) {
  describeConformance(id, () => createBackbone(id, { config }));
}

/** Registers a one-weight backbone whose forward is `forward(x, scale)`, to show each check can fail. */
function broken(
  id: string,
  forward: (x: tf.Tensor3D, scale: tf.Variable, training: boolean) => tf.Tensor,
): void {
  registerBackbone({
    id,
    title: id,
    reference: 'test',
    defaultConfig: {},
    build(_config, scope): BackboneNetwork {
      const scale = scope.weight('scale', [3], { init: zeros });
      return {
        input: { sampleRate: 10, length: 4, leads: ['I', 'II', 'III'], normalization: { kind: 'none' } },
        embeddingSize: 3,
        forward: (x, context) => forward(x, scale, context.training) as tf.Tensor2D,
      };
    },
  });
}

const outside = tf.variable(tf.ones([3]), true, 'conformance-test-outside');
const brokenBackbones: [
  string,
  string,
  (x: tf.Tensor3D, scale: tf.Variable, training: boolean) => tf.Tensor,
][] = [
  ['deterministic', 'noisy', (x, s) => tf.add(tf.mul(tf.mean(x, 1), s), tf.randomNormal([x.shape[0], 3]))],
  ['batch-independent', 'batch-coupled', (x, s) => tf.mul(tf.sub(tf.mean(x, 1), tf.mean(x)), tf.add(s, 1))],
  // A weight kept outside the backbone's store stays trainable when the backbone is frozen.
  ['frozen', 'unfreezable', (x, s) => tf.mul(tf.mean(x, 1), tf.add(s, outside))],
  ['no-leaks', 'leaky', (x, s) => tf.mul(tf.mean(x, 1), tf.add(s, tf.keep(tf.ones([3]))))],
];

describe('the suite detects broken backbones', () => {
  afterAll(() => {
    for (const [, id] of brokenBackbones) unregisterBackbone(id);
    outside.dispose();
  });
  for (const [check, id, forward] of brokenBackbones) {
    it(`${check} fails for a ${id} backbone`, async () => {
      broken(id, forward);
      const report = await runConformance(() => createBackbone(id), { backends: ['cpu', 'cpu'] });
      expect(report.passed).toBe(false);
      expect(report.results.find((r) => r.name === check)?.status).toBe('failed');
    });
  }

  it('skips the cross-backend check when a backend is missing', async () => {
    const report = await runConformance(() => createBackbone('dlinear', { config: TINY_CONFIGS.dlinear }), {
      backends: ['cpu', 'no-such-backend'],
    });
    const result = report.results.find((r) => r.name === 'cross-backend');
    expect(result?.status).toBe('skipped');
    expect(result?.message).toMatch(/no-such-backend/);
    expect(report.passed).toBe(true);
    expect(tf.getBackend()).toBe('cpu');
  });
});
