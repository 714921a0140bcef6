import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Backbone, createBackbone } from '../src/index.js';
import { TINY_CONFIGS } from './tiny-configs.js';

/** sum(embed(x) * r): a scalar that depends on every embedding value. */
function loss(backbone: Backbone, x: tf.Tensor, r: tf.Tensor): number {
  return tf.tidy(() => tf.sum(tf.mul(backbone.embed(x), r)).dataSync()[0]);
}

/** Central difference of the loss in one entry of a variable (float32; h small enough not to cross a ReLU kink). */
function numericGradient(
  backbone: Backbone,
  x: tf.Tensor,
  r: tf.Tensor,
  variable: tf.Variable,
  index: number,
  h: number,
): number {
  const original = variable.dataSync().slice();
  const at = (delta: number) => {
    const values = original.slice();
    values[index] += delta;
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    return loss(backbone, x, r);
  };
  const gradient = (at(h) - at(-h)) / (2 * h);
  tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
  return gradient;
}

describe('gradients match finite differences', () => {
  for (const [id, config] of Object.entries(TINY_CONFIGS)) {
    it(id, () => {
      const backbone = createBackbone(id, { config, frozen: false, seed: 3 });
      const x = tf.randomNormal([2, backbone.input.length, backbone.input.leads.length], 0, 1, 'float32', 4);
      const r = tf.randomNormal([2, backbone.embeddingSize], 0, 1, 'float32', 5);
      const variables = backbone.trainableVariables();
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(backbone.embed(x), r)) as tf.Scalar,
        variables,
      );
      // First, middle and last parameter; first and last entry of each.
      for (const variable of [
        variables[0],
        variables[Math.floor(variables.length / 2)],
        variables[variables.length - 1],
      ]) {
        const analytic = grads[variable.name].dataSync();
        for (const index of [0, variable.size - 1]) {
          const numeric = numericGradient(backbone, x, r, variable, index, 1e-3);
          expect(Math.abs(numeric - analytic[index])).toBeLessThanOrEqual(
            2e-2 * Math.max(1, Math.abs(analytic[index])),
          );
        }
      }
      tf.dispose([x, r, value, ...Object.values(grads)]);
      backbone.dispose();
    });
  }
});
