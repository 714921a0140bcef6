import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gatherRows, scatterAddRows } from '../src/combine/row-ops.js';
import { values } from './helpers.js';

describe('gatherRows and scatterAddRows', () => {
  const x = tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it('gather rows, repeats included, and sum the gradient of repeated rows', () => {
    expect(values(gatherRows(x, [2, 0, 2]))).toEqual([5, 6, 1, 2, 5, 6]);
    // d/dx Σ (w ⊙ gathered) with w = [[1, 1], [10, 10], [100, 100]]: row 2 gets 1 + 100, row 0 gets 10, row 1 none.
    const w = tf.tensor2d([
      [1, 1],
      [10, 10],
      [100, 100],
    ]);
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(gatherRows(input, [2, 0, 2]), w)))(x);
    expect(values(gradient)).toEqual([10, 10, 0, 0, 101, 101]);
  });

  it('add rows into their targets, and gather the gradient back', () => {
    // Rows 0 and 2 go to target 1, row 1 to target 0; target 2 gets nothing.
    expect(values(scatterAddRows(x, [1, 0, 1], 3))).toEqual([3, 4, 6, 8, 0, 0]);
    const w = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    // d/dx Σ (w ⊙ scattered): row r gets w[target r].
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(scatterAddRows(input, [1, 0, 1], 3), w)))(x);
    expect(values(gradient)).toEqual([3, 4, 1, 2, 3, 4]);
  });
});
