import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamWOptimizer } from '../src/train/adamw.js';
import { EarlyStopping } from '../src/train/early-stopping.js';
import { cosineWithWarmup } from '../src/train/schedule.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Minimises sum(w * g) so the gradient is the constant g. */
function step(optimizer: tf.Optimizer, w: tf.Variable, g: tf.Tensor) {
  optimizer.minimize(() => tf.sum(tf.mul(w, g)) as tf.Scalar, false, [w]);
}

describe('AdamWOptimizer', () => {
  it('matches hand-computed decoupled-decay steps', () => {
    const w = tf.variable(tf.tensor1d([1, -2]), true, 'adamw-test-w');
    const g = tf.tensor1d([0.5, -1]);
    const optimizer = new AdamWOptimizer({ learningRate: 0.1, weightDecay: 0.01 });
    // Step 1: decay 1 -> 0.999, -2 -> -1.998; bias-corrected Adam step = lr * sign(g) = 0.1.
    step(optimizer, w, g);
    const after1 = w.dataSync();
    expect(after1[0]).toBeCloseTo(0.899, 5);
    expect(after1[1]).toBeCloseTo(-1.898, 5);
    // Step 2: decay 0.899 * 0.999 = 0.898101; m-hat = g, v-hat = g^2 again -> step 0.1.
    step(optimizer, w, g);
    const after2 = w.dataSync();
    expect(after2[0]).toBeCloseTo(0.798101, 5);
    expect(after2[1]).toBeCloseTo(-1.796102, 5);
    optimizer.dispose();
    w.dispose();
    g.dispose();
  });

  it('equals plain Adam without decay, skips excluded variables, and follows learning-rate changes', () => {
    const g = tf.tensor1d([0.3, -0.7]);
    const a = tf.variable(tf.tensor1d([1, 2]), true, 'adamw-test-a');
    const b = tf.variable(tf.tensor1d([1, 2]), true, 'adamw-test-b');
    const c = tf.variable(tf.tensor1d([1, 2]), true, 'adamw-test-c-bias');
    const adamW = new AdamWOptimizer({ learningRate: 0.05, weightDecay: 0 });
    const adam = tf.train.adam(0.05);
    const excluding = new AdamWOptimizer({
      learningRate: 0.05,
      weightDecay: 0.5,
      decay: (name) => !name.endsWith('bias'),
    });
    for (let i = 0; i < 3; i++) {
      step(adamW, a, g);
      step(adam, b, g);
      step(excluding, c, g);
    }
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(c.dataSync())).toEqual(Array.from(b.dataSync()));

    adamW.setLearningRate(0);
    const before = Array.from(a.dataSync());
    step(adamW, a, g);
    expect(Array.from(a.dataSync())).toEqual(before);
    expect(() => adamW.setLearningRate(-1)).toThrowError(/learning rate must be >= 0/);
    for (const t of [g, a, b, c]) t.dispose();
    for (const o of [adamW, adam, excluding]) o.dispose();
  });
});

describe('cosineWithWarmup', () => {
  it('warms up linearly, then follows the cosine to the floor', () => {
    const schedule = cosineWithWarmup({ peak: 1, warmupSteps: 2, totalSteps: 6, floor: 0.1 });
    expect(schedule(0)).toBeCloseTo(0.5, 12);
    expect(schedule(1)).toBeCloseTo(1, 12);
    expect(schedule(2)).toBeCloseTo(1, 12);
    expect(schedule(4)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(schedule(6)).toBeCloseTo(0.1, 12);
    expect(schedule(100)).toBeCloseTo(0.1, 12);
    expect(() => cosineWithWarmup({ peak: 1, warmupSteps: 5, totalSteps: 5 })).toThrowError(/must exceed/);
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights without leaking', () => {
    const w = tf.variable(tf.scalar(0), true, 'early-stop-w');
    const stopper = new EarlyStopping({ patience: 3 });
    const tensorsBefore = tf.memory().numTensors;
    const losses = [3, 2, 2.5, 2.4, 2.6];
    const decisions = losses.map((loss, epoch) => {
      tf.tidy(() => w.assign(tf.scalar(epoch)));
      return stopper.update(loss, [w]);
    });
    expect(decisions).toEqual([false, false, false, false, true]);
    expect(stopper.best).toBe(2);
    expect(stopper.bestEpoch).toBe(1);
    stopper.restoreBest([w]);
    expect(w.dataSync()[0]).toBe(1);
    expect(tf.memory().numTensors).toBe(tensorsBefore + 1);
    stopper.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    w.dispose();
  });

  it('supports metrics where higher is better', () => {
    const stopper = new EarlyStopping({ patience: 1, higherIsBetter: true, minDelta: 0.01 });
    expect(stopper.update(0.8, [])).toBe(false);
    expect(stopper.update(0.805, [])).toBe(true);
    expect(stopper.best).toBe(0.8);
  });
});
