import type * as tf from '@tensorflow/tfjs';
import { MoeConfigError, MoeShapeError } from './errors.js';

/** `value` if it is an integer >= `min`, otherwise a `MoeConfigError` naming `field`. */
export function integerAtLeast(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new MoeConfigError(field, `must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** `value` if it is a finite number > 0 (or `Infinity` when `allowInfinity`), otherwise a `MoeConfigError`. */
export function positiveNumber(field: string, value: number, allowInfinity = false): number {
  const ok = value > 0 && (Number.isFinite(value) || (allowInfinity && value === Infinity));
  if (!ok) throw new MoeConfigError(field, `must be a number > 0, got ${value}`);
  return value;
}

/** `value` if it is a finite number >= 0, otherwise a `MoeConfigError`. */
export function nonNegativeNumber(field: string, value: number): number {
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new MoeConfigError(field, `must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/** `value` if it lies in [0, 1), as a dropout rate or jitter amount must, otherwise a `MoeConfigError`. */
export function unitInterval(field: string, value: number): number {
  if (!(value >= 0 && value < 1)) throw new MoeConfigError(field, `must be in [0, 1), got ${value}`);
  return value;
}

/**
 * `x` typed as 2-D after checking that it is [batch, inputFeatures]. Gates take 2-D inputs only: flatten others first with
 * `x.reshape([x.shape[0], -1])`, or pool them (e.g. `x.mean(1)` over time).
 */
export function asGateInput(x: tf.Tensor, inputFeatures: number): tf.Tensor2D {
  if (x.rank !== 2 || x.shape[1] !== inputFeatures) {
    throw new MoeShapeError(
      'gate input',
      [null, inputFeatures],
      x.shape,
      'flatten other inputs with x.reshape([x.shape[0], -1]) or pool them first',
    );
  }
  return x as tf.Tensor2D;
}
