import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LoraConv1D, LoraDense, type LoraLayer } from '../src/index.js';
import { fillWeights, pseudoRandom } from './helpers.js';

/** ||a - b|| / ||b||. */
function relativeError(a: number[], b: number[]): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / norm);
}

/**
 * Analytic gradients of loss = sum((layer(x) - target)^2) with respect to A and B, and the same gradients
 * by central finite differences (perturbing one entry at a time).
 */
function gradientCheck(layer: LoraLayer, x: tf.Tensor, target: tf.Tensor, eps: number) {
  const { loraA, loraB } = layer.adapterWeights('default');
  const loss = () =>
    tf.tidy(() => tf.sum(tf.square(tf.sub(layer.apply(x) as tf.Tensor, target))) as tf.Scalar);
  const variables = [loraA.read(), loraB.read()] as tf.Variable[];
  const { grads } = tf.variableGrads(loss, variables);
  const analytic = variables.map((v) => Array.from(grads[v.name].dataSync()));
  tf.dispose(grads);

  const numeric = [loraA, loraB].map((variable) => {
    const base = Float32Array.from(variable.read().dataSync() as Float32Array);
    return Array.from(base, (_, i) => {
      const at = (offset: number) => {
        const perturbed = Float32Array.from(base);
        perturbed[i] += offset;
        variable.write(tf.tensor(perturbed, variable.shape as number[]));
        const value = loss();
        const result = value.dataSync()[0];
        value.dispose();
        return result;
      };
      const derivative = (at(eps) - at(-eps)) / (2 * eps);
      variable.write(tf.tensor(base, variable.shape as number[]));
      return derivative;
    });
  });
  return { analytic, numeric };
}

describe('LoRA gradients against finite differences', () => {
  it('LoraDense (linear: the loss is quadratic in A and in B, central differences are exact up to rounding)', () => {
    const base = tf.layers.dense({ units: 3, name: 'proj' });
    base.build([null, 4]);
    fillWeights(base, 2);
    const layer = new LoraDense({
      baseLayer: base,
      adapters: [{ name: 'default', r: 2, loraAlpha: 6, initLoraWeights: false }],
    });
    const x = tf.tensor(pseudoRandom(5 * 4, 3), [5, 4]);
    const target = tf.tensor(pseudoRandom(5 * 3, 4), [5, 3]);
    layer.apply(x);
    const { analytic, numeric } = gradientCheck(layer, x, target, 1e-2);
    for (const k of [0, 1]) {
      expect(relativeError(analytic[k], numeric[k])).toBeLessThan(1e-3);
      // The check is sharp: gradients of a layer that forgot the scale (alpha/r = 3) would be far off.
      expect(
        relativeError(
          analytic[k].map((g) => g / 3),
          numeric[k],
        ),
      ).toBeGreaterThan(0.3);
    }
  });

  it('LoraDense with tanh', () => {
    const base = tf.layers.dense({ units: 3, activation: 'tanh', name: 'proj' });
    base.build([null, 4]);
    fillWeights(base, 5);
    const layer = new LoraDense({
      baseLayer: base,
      adapters: [{ name: 'default', r: 3, loraAlpha: 3, useRslora: true, initLoraWeights: false }],
    });
    const x = tf.tensor(pseudoRandom(6 * 4, 6), [6, 4]);
    const target = tf.tensor(pseudoRandom(6 * 3, 7), [6, 3]);
    layer.apply(x);
    const { analytic, numeric } = gradientCheck(layer, x, target, 1e-2);
    for (const k of [0, 1]) expect(relativeError(analytic[k], numeric[k])).toBeLessThan(1e-2);
  });

  it('LoraConv1D', () => {
    const base = tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', name: 'conv' });
    base.build([null, 7, 2]);
    fillWeights(base, 8);
    const layer = new LoraConv1D({
      baseLayer: base,
      adapters: [{ name: 'default', r: 2, loraAlpha: 4, initLoraWeights: false }],
    });
    const x = tf.tensor(pseudoRandom(2 * 7 * 2, 9), [2, 7, 2]);
    const target = tf.tensor(pseudoRandom(2 * 7 * 3, 10), [2, 7, 3]);
    layer.apply(x);
    const { analytic, numeric } = gradientCheck(layer, x, target, 1e-2);
    for (const k of [0, 1]) {
      expect(relativeError(analytic[k], numeric[k])).toBeLessThan(1e-3);
      expect(
        relativeError(
          analytic[k].map((g) => g / 2),
          numeric[k],
        ),
      ).toBeGreaterThan(0.3);
    }
  });
});
