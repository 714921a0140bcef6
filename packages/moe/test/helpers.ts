import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Values of a tensor as a plain array. */
export function values(tensor: tf.Tensor): number[] {
  return Array.from(tensor.dataSync());
}

/** Values of a tensor as nested arrays (rows of a matrix). */
export function rows(tensor: tf.Tensor2D): number[][] {
  return tensor.arraySync();
}

/** Expects two arrays of the same length to agree element by element to `digits` decimal places. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i], `element ${i}`).toBeCloseTo(expected[i], digits);
}

/** Deterministic pseudo-random numbers in [-1, 1) (a linear congruential generator). */
export function pseudoRandom(count: number, seed = 1): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** A [rows, columns] matrix of pseudo-random values in [-scale, scale). */
export function randomMatrix(rowCount: number, columns: number, seed: number, scale = 1): tf.Tensor2D {
  return tf.tidy(() =>
    tf.mul(tf.tensor2d(pseudoRandom(rowCount * columns, seed), [rowCount, columns]), scale),
  );
}

/**
 * Central finite differences of `loss` with respect to every element of `variable`:
 * (loss(v + h·eᵢ) − loss(v − h·eᵢ)) / 2h. The variable is restored afterwards.
 */
export function numericalGradient(variable: tf.Variable, loss: () => tf.Scalar, h = 1e-2): Float32Array {
  const original = Float32Array.from(variable.dataSync());
  const evaluate = (values: Float32Array) => {
    variable.assign(tf.tensor(values, variable.shape));
    return tf.tidy(() => loss().dataSync()[0]);
  };
  const gradient = new Float32Array(original.length);
  for (let i = 0; i < original.length; i++) {
    const shifted = original.slice();
    shifted[i] = original[i] + h;
    const plus = evaluate(shifted);
    shifted[i] = original[i] - h;
    gradient[i] = (plus - evaluate(shifted)) / (2 * h);
  }
  variable.assign(tf.tensor(original, variable.shape));
  return gradient;
}

/**
 * Checks the gradients `tf.variableGrads` gives for `loss` against finite differences, variable by variable:
 * relative error ‖analytic − numeric‖ / ‖numeric‖ below `tolerance`, and the gradient must not be zero
 * (so a check cannot pass on a gradient that never reaches the variable).
 */
export function expectGradientsMatchFiniteDifferences(
  variables: Record<string, tf.Variable>,
  loss: () => tf.Scalar,
  tolerance = 1e-2,
): void {
  const { grads, value } = tf.variableGrads(loss, Object.values(variables));
  value.dispose();
  for (const [name, variable] of Object.entries(variables)) {
    const analytic = grads[variable.name].dataSync();
    const numeric = numericalGradient(variable, loss);
    const norm = Math.hypot(...numeric);
    const error = Math.hypot(...Array.from(numeric, (n, i) => n - analytic[i]));
    expect(norm, `gradient of ${name} is zero`).toBeGreaterThan(1e-3);
    expect(error / norm, `relative gradient error of ${name}`).toBeLessThan(tolerance);
  }
  tf.dispose(grads);
}
