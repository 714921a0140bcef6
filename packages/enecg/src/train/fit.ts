// The training loop of EnECG on precomputed features: one tf.variableGrads over every head and gate per batch,
// AdamW with a warm-up + cosine schedule, early stopping on the validation loss (best weights restored), seeded
// shuffling and dropout.
import { SeededRandom } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import { type FeatureMatrix, type FeatureSet, gatherRows, sliceRows } from '../model/features.js';
import type { EnsembleNetwork } from '../model/network.js';
import type { EncodedTargets } from '../model/targets.js';
import type { FitHistory, ProgressEvent } from '../model/types.js';
import { AdamWOptimizer } from './adamw.js';
import { EarlyStopping } from './early-stopping.js';
import { cosineWithWarmup } from './schedule.js';

/** Resolved training options (see FitOptions for their meaning and defaults). */
export interface TrainingOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  warmupSteps: number | undefined;
  patience: number;
  seed: number;
  onProgress?: (event: ProgressEvent) => void;
}

/**
 * Where an epoch's features come from. `features(epoch)` returns the set to train (or validate) on: the same set
 * every time (cached embeddings), or with `fresh` a newly computed one (recomputed embeddings).
 */
export interface FeatureSource {
  features: (epoch: number) => Promise<FeatureSet>;
  fresh: boolean;
}

/** Training data: features and each task's encoded targets. */
export interface TrainingSplit {
  source: FeatureSource;
  targets: EncodedTargets[];
}

/** Trains the network's heads and gates; returns the history. The network keeps the best epoch's weights. */
export async function fitNetwork(
  network: EnsembleNetwork,
  train: TrainingSplit,
  validation: TrainingSplit | undefined,
  options: TrainingOptions,
): Promise<FitHistory> {
  const started = performance.now();
  const count = train.targets[0].mask.length;
  const stepsPerEpoch = Math.ceil(count / options.batchSize);
  const totalSteps = options.epochs * stepsPerEpoch;
  const warmup = Math.min(options.warmupSteps ?? Math.max(1, Math.round(0.05 * totalSteps)), totalSteps - 1);
  const schedule = cosineWithWarmup({
    peak: options.learningRate,
    warmupSteps: Math.max(0, warmup),
    totalSteps,
  });
  const optimizer = new AdamWOptimizer({
    learningRate: schedule(0),
    weightDecay: options.weightDecay,
    decay: (name) => !/bias/.test(name),
  });
  const variables = network.trainableVariables();
  const random = new SeededRandom(options.seed);
  const nextSeed = () => Math.floor(random.next() * 2147483647);
  const trainTargets = train.targets.map(targetMatrices);
  const stopping = validation ? new EarlyStopping({ patience: options.patience }) : null;
  const history: FitHistory = { epochs: [], bestEpoch: 0, stoppedEarly: false, seconds: 0 };
  // The frozen first-layer products of the current feature set (recomputed when the set changes).
  let cached: { features: FeatureSet; bases: (FeatureMatrix | null)[][] } | null = null;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const features = await train.source.features(epoch);
      if (cached === null || cached.features !== features) {
        cached = { features, bases: await network.firstLayerBases(features.experts) };
      }
      const { bases } = cached;
      const order = shuffled(count, random);
      let lossSum = 0;
      for (let b = 0; b < stepsPerEpoch; b++) {
        const rows = order.subarray(b * options.batchSize, (b + 1) * options.batchSize);
        optimizer.setLearningRate(schedule(step));
        // The batch, copied out of the feature matrices (constants: no gradient flows into them).
        const batch = {
          experts: features.experts.map((m) => gatherRows(m, rows)),
          gate: features.gate ? gatherRows(features.gate, rows) : null,
          bases: bases.map((row) => row.map((base) => (base ? gatherRows(base, rows) : null))),
          targets: trainTargets.map(({ values, mask }) => ({
            values: gatherRows(values, rows),
            mask: tf.tidy(() => gatherRows(mask, rows).reshape([-1]) as tf.Tensor1D),
          })),
        };
        const { value, grads } = tf.variableGrads(() => {
          const outputs = network.forward(batch.experts, batch.gate, {
            training: true,
            nextSeed,
            firstLayerBases: batch.bases,
            inputsTransposed: batch.experts.map((x) => tf.transpose(x)),
          });
          return network.loss(outputs, batch.targets);
        }, variables);
        optimizer.applyGradients(
          grads as tf.NamedTensorMap as Parameters<AdamWOptimizer['applyGradients']>[0],
        );
        tf.dispose(grads);
        tf.dispose([
          ...batch.experts,
          ...(batch.gate ? [batch.gate] : []),
          ...batch.bases.flat().filter((base) => base !== null),
          ...batch.targets.flatMap(({ values, mask }) => [values, mask]),
        ]);
        lossSum += (await value.data())[0];
        value.dispose();
        step++;
        options.onProgress?.({
          phase: 'train',
          done: step,
          total: totalSteps,
          epoch,
          epochs: options.epochs,
          loss: lossSum / (b + 1),
        });
      }
      if (train.source.fresh) cached = null;
      const loss = lossSum / stepsPerEpoch;
      const learningRate = schedule(step - 1);
      let validationLoss: number | undefined;
      if (validation) {
        const validationFeatures = await validation.source.features(epoch);
        validationLoss = datasetLoss(network, validationFeatures, validation.targets);
      }
      history.epochs.push({
        epoch,
        loss,
        ...(validationLoss === undefined ? {} : { validationLoss }),
        learningRate,
      });
      options.onProgress?.({
        phase: 'train',
        done: step,
        total: totalSteps,
        epoch,
        epochs: options.epochs,
        loss,
        ...(validationLoss === undefined ? {} : { validationLoss }),
      });
      if (stopping && validationLoss !== undefined && stopping.update(validationLoss, variables)) {
        history.stoppedEarly = epoch < options.epochs;
        break;
      }
    }
    if (stopping) {
      stopping.restoreBest(variables);
      history.bestEpoch = stopping.bestEpoch + 1;
    } else {
      history.bestEpoch = history.epochs.length;
    }
  } finally {
    stopping?.dispose();
    optimizer.dispose();
  }
  history.seconds = (performance.now() - started) / 1000;
  return history;
}

/**
 * The multi-task loss over a whole dataset (inference mode, in chunks): Σ over tasks of weight x the mean loss
 * over the examples whose target is known.
 */
export function datasetLoss(
  network: EnsembleNetwork,
  features: FeatureSet,
  encoded: EncodedTargets[],
  chunk = 256,
): number {
  const tasks = network.config.tasks;
  const targets = encoded.map(targetMatrices);
  const sums = new Float64Array(tasks.length);
  for (let start = 0; start < features.count; start += chunk) {
    const size = Math.min(chunk, features.count - start);
    const losses = tf.tidy(() => {
      const rows = (m: FeatureMatrix) => sliceRows(m, start, size);
      const outputs = network.forward(features.experts.map(rows), features.gate ? rows(features.gate) : null);
      const batchTargets = targets.map(({ values, mask }) => ({
        values: rows(values),
        mask: rows(mask).reshape([-1]) as tf.Tensor1D,
      }));
      return tf.stack(network.taskLosses(outputs, batchTargets));
    });
    const values = losses.dataSync();
    losses.dispose();
    tasks.forEach((_, t) => {
      let known = 0;
      for (let i = start; i < start + size; i++) known += encoded[t].mask[i];
      sums[t] += values[t] * known;
    });
  }
  return tasks.reduce((total, task, t) => {
    const known = encoded[t].known;
    return total + (task.weight ?? 1) * (known > 0 ? sums[t] / known : 0);
  }, 0);
}

/** A task's targets as matrices: values [N, K] and mask [N, 1]. */
function targetMatrices({ values, mask, size }: EncodedTargets): {
  values: FeatureMatrix;
  mask: FeatureMatrix;
} {
  return {
    values: { data: values, rows: mask.length, columns: size },
    mask: { data: mask, rows: mask.length, columns: 1 },
  };
}

function shuffled(count: number, random: SeededRandom): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
