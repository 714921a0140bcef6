// Inference over a feature set: per task, the gate weights, each expert's prediction and the mixture's, as plain
// arrays in the targets' units (regression) or as probabilities (classification, multi-label).
import * as tf from '@tensorflow/tfjs';
import { mixturePrediction } from '../train/losses.js';
import { type FeatureMatrix, type FeatureSet, sliceRows } from './features.js';
import type { EnsembleNetwork } from './network.js';
import type { TargetStats } from './targets.js';

/** One task's outputs for N records (row-major). */
export interface TaskResults {
  /** [N, E] gate weights. */
  gateWeights: Float32Array;
  /** [N, E, K] each expert's prediction: value in the target's unit, or probabilities. */
  experts: Float32Array;
  /** [N, K] the mixture: Σₑ gₑ · expertₑ. */
  mixture: Float32Array;
  /** K: 1 (regression), classes or labels. */
  size: number;
}

/**
 * Runs the network in inference mode over every record of `features`, `chunk` records at a time. Regression
 * outputs are de-standardised with each task's training statistics (`stats[task]`, identity when missing).
 */
export async function collectOutputs(
  network: EnsembleNetwork,
  features: FeatureSet,
  stats: Readonly<Record<string, TargetStats>>,
  chunk = 256,
  onChunk?: (done: number) => void,
): Promise<TaskResults[]> {
  const tasks = network.config.tasks;
  const experts = network.config.experts.length;
  const results: TaskResults[] = tasks.map((task) => {
    const size =
      task.kind === 'regression'
        ? 1
        : task.kind === 'classification'
          ? task.classes.length
          : task.labels.length;
    return {
      gateWeights: new Float32Array(features.count * experts),
      experts: new Float32Array(features.count * experts * size),
      mixture: new Float32Array(features.count * size),
      size,
    };
  });
  for (let start = 0; start < features.count; start += chunk) {
    const count = Math.min(chunk, features.count - start);
    const tensors = tf.tidy(() => {
      const rows = (x: FeatureMatrix) => sliceRows(x, start, count);
      const outputs = network.forward(features.experts.map(rows), features.gate ? rows(features.gate) : null);
      return outputs.map(({ gateWeights, expertOutputs }, t) => {
        const task = tasks[t];
        let converted: tf.Tensor3D;
        if (task.kind === 'regression') {
          const { mean, std } = stats[task.name] ?? { mean: 0, std: 1 };
          converted = tf.add(tf.mul(expertOutputs, std), mean);
        } else if (task.kind === 'classification') {
          converted = tf.softmax(expertOutputs);
        } else {
          converted = tf.sigmoid(expertOutputs);
        }
        return [gateWeights, converted, mixturePrediction(gateWeights, converted)] as tf.Tensor[];
      });
    });
    // Asynchronous reads: WebGPU in Node has no synchronous read (tfjs needs OffscreenCanvas for it).
    for (const [t, [gate, converted, mixture]] of tensors.entries()) {
      const { size } = results[t];
      results[t].gateWeights.set(await gate.data(), start * experts);
      results[t].experts.set(await converted.data(), start * experts * size);
      results[t].mixture.set(await mixture.data(), start * size);
    }
    tf.dispose(tensors.flat());
    onChunk?.(start + count);
  }
  return results;
}
