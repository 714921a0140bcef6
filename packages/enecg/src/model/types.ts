import type { FeatureCache } from '../cache/feature-cache.js';
import type { LabelledEcg, TaskSpec } from '../tasks/task.js';

/** Progress of a long operation, for progress bars: embedding records, training steps, evaluation. */
export interface ProgressEvent {
  phase: 'embed' | 'train' | 'evaluate';
  /** Units done so far and in all: records x experts (embed), optimizer steps of the whole fit (train), records (evaluate). */
  done: number;
  total: number;
  /** 1-based epoch and the maximum number of epochs (train). */
  epoch?: number;
  epochs?: number;
  /** Mean training loss of the epoch so far (train). */
  loss?: number;
  /** Validation loss, on the event that ends an epoch (train, with validation data). */
  validationLoss?: number;
  /** What is being worked on, e.g. the backbone id while embedding. */
  message?: string;
}

/** Options of `EnEcg.fit`. */
export interface FitOptions {
  /** Examples for early stopping (validation loss); none: train all epochs and keep the last weights. */
  validation?: LabelledEcg[];
  /** Maximum number of epochs. Default 30. */
  epochs?: number;
  /** Examples per optimizer step. Default 32. */
  batchSize?: number;
  /** Peak learning rate of the warm-up + cosine schedule. Default 1e-3. */
  learningRate?: number;
  /** AdamW decoupled weight decay (not applied to biases). Default 0.01. */
  weightDecay?: number;
  /** Linear warm-up steps. Default 5% of all steps (at least 1). */
  warmupSteps?: number;
  /** Epochs without a better validation loss before stopping. Default 5. */
  patience?: number;
  /** Seed of the shuffling and of the LoRA dropout masks. Default: the model's seed. */
  seed?: number;
  /** Embedding cache (e.g. shared between models, or on disk). Default: the model's own memory cache. */
  cache?: FeatureCache;
  /**
   * Recompute every embedding at every epoch instead of once (slow; for checking that caching changes nothing).
   * Default false.
   */
  recomputeEmbeddings?: boolean;
  /** Records per backbone call while embedding. Default 32. */
  embedBatchSize?: number;
  onProgress?: (event: ProgressEvent) => void;
}

/** What happened in `fit`. */
export interface FitHistory {
  /** One entry per epoch run: 1-based epoch, mean training loss, validation loss, learning rate at its end. */
  epochs: { epoch: number; loss: number; validationLoss?: number; learningRate: number }[];
  /** 1-based epoch whose weights the model keeps (the best validation loss; the last epoch without validation). */
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
}

/** Options of `EnEcg.evaluate`. */
export interface EvaluateOptions {
  cache?: FeatureCache;
  onProgress?: (event: ProgressEvent) => void;
  /** Records per batch. Default 64. */
  batchSize?: number;
}

/** Metrics per task. */
export interface EvaluationReport {
  tasks: Record<string, TaskEvaluation>;
}

/**
 * One task's metrics over the examples whose target is known. Regression: mae, mse, rmse (target unit);
 * classification: accuracy, precision, recall, f1 (macro), auroc (binary, or macro one-vs-rest);
 * multilabel: auroc (macro), f1 (macro at 0.5). An AUROC that is undefined (one class only) is NaN.
 */
export interface TaskEvaluation {
  headline: { metric: 'mae' | 'auroc'; value: number; higherIsBetter: boolean };
  metrics: Record<string, number>;
  /** Examples with a known target. */
  count: number;
}

/** Predictions for one record. */
export interface Prediction {
  tasks: Record<string, TaskPrediction>;
}

/** One task's prediction, with the gate weights and each expert's own prediction. */
export interface TaskPrediction {
  task: string;
  kind: TaskSpec['kind'];
  /** Regression: value in the target's unit; classification: class index; multilabel: 0/1 per label (p >= 0.5). */
  prediction: number | number[];
  /** Class name (classification) or names of the predicted labels (multilabel). */
  label?: string | string[];
  /** Classification: per class; multilabel: per label. */
  probabilities?: number[];
  /** Expert id -> gate weight (they sum to 1). */
  gateWeights: Record<string, number>;
  /** Expert id -> that expert's own prediction (its head alone). */
  experts: Record<string, { prediction: number | number[]; probabilities?: number[] }>;
}

/** Parameter counts of a model. */
export interface EnEcgParameterCounts {
  /** Parameters training updates: LoRA A/B and output layers (or whole heads in 'full' mode) and gates. */
  trainable: number;
  /** Everything: backbones, heads (frozen base weights included) and gates. */
  total: number;
  frozen: number;
  /** Backbone parameters (frozen; buffers such as BatchNorm statistics not counted). */
  experts: number;
  /** Head parameters, trainable and frozen. */
  heads: number;
  /** Trainable head parameters. */
  headsTrainable: number;
  /** Gate parameters (all trainable; 0 for uniform gates). */
  gates: number;
}
