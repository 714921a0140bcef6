import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError, createBackbone, selectFastestBackend, useBackend } from '../src/index.js';
import { TINY_CONFIGS } from './tiny-configs.js';

describe('backends', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it('times the candidates, leaves the fastest active and marks unavailable ones', async () => {
    const backbone = createBackbone('xresnet1d', { config: TINY_CONFIGS.xresnet1d });
    const result = await selectFastestBackend(backbone, {
      candidates: ['cpu', 'wasm', 'missing'],
      repeats: 2,
    });
    expect(result.timings.missing).toBeNull();
    const times = [result.timings.cpu, result.timings.wasm];
    expect(times.every((t) => typeof t === 'number' && t > 0)).toBe(true);
    expect(result.timings[result.backend]).toBe(Math.min(...(times as number[])));
    expect(tf.getBackend()).toBe(result.backend);
    backbone.dispose();
  });

  it('fails with BackendUnavailableError when nothing starts', async () => {
    const backbone = createBackbone('dlinear', { config: TINY_CONFIGS.dlinear });
    await expect(selectFastestBackend(backbone, { candidates: ['missing'] })).rejects.toThrow(
      BackendUnavailableError,
    );
    await expect(useBackend('missing')).rejects.toThrow('backend "missing" is not available');
    backbone.dispose();
  });

  it('trains a convolutional backbone on wasm with the registered gradient kernels', async () => {
    await useBackend('wasm');
    const backbone = createBackbone('ecg-fm', { config: TINY_CONFIGS['ecg-fm'], frozen: false });
    const x = tf.randomNormal([2, 64, 3], 0, 1, 'float32', 1);
    const optimizer = tf.train.adam(0.01);
    const loss = () => tf.mean(tf.square(tf.sub(backbone.embed(x, { training: true }), 1))) as tf.Scalar;
    const first = tf.tidy(() => loss().dataSync()[0]);
    for (let step = 0; step < 20; step++) optimizer.minimize(loss);
    const last = tf.tidy(() => loss().dataSync()[0]);
    expect(last).toBeLessThan(first * 0.8);
    tf.dispose(x);
    optimizer.dispose();
    backbone.dispose();
  });
});
