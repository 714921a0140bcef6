import type { Backbone } from '@enecg/backbones';
import * as tf from '@tensorflow/tfjs';
import { FeatureCache } from '../cache/feature-cache.js';
import { type FoldSplit, ptbXlRecommendedSplit, subjectKFold } from '../eval/folds.js';
import { meanAndStd } from '../eval/metrics.js';
import type { GateConfig, HeadConfig } from '../model/config.js';
import { EnEcg } from '../model/enecg.js';
import { EnEcgConfigError } from '../model/errors.js';
import type { FitOptions, ProgressEvent } from '../model/types.js';
import type { LabelledDataset, LabelledEcg } from '../tasks/task.js';

/** The models compared: EnECG (softmax gate), the uniform average of the experts, and each expert alone. */
export type Variant = 'enecg' | 'uniform' | `expert:${string}`;

/** Progress of an experiment: which fold and model, and the model's own progress. */
export interface ExperimentProgress extends ProgressEvent {
  fold: number;
  folds: number;
  variant: Variant;
}

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** The frozen experts (shared by every model; never changed). */
  backbones: Backbone[];
  /** 'kfold' (default): subject-level k-fold; 'ptb-xl': train folds 1-8, validate 9, test 10 (needs stratFold). */
  split?: 'kfold' | 'ptb-xl';
  /** k of the k-fold. Default 5. */
  folds?: number;
  /** Seed of folds, initialisation, shuffling. Default 0. */
  seed?: number;
  /** Training options used for every model (same budget for all). */
  fit?: Omit<FitOptions, 'validation' | 'cache' | 'onProgress' | 'seed'>;
  head?: HeadConfig;
  gate?: Omit<GateConfig, 'kind'>;
  /** Embedding cache shared by every fold and model. Default: a fresh memory cache. */
  cache?: FeatureCache;
  onProgress?: (event: ExperimentProgress) => void;
}

/** Mean and sample standard deviation of a metric over folds. */
export interface MeanStd {
  mean: number;
  std: number;
}

/** One task's headline metric for every model. */
export interface TaskResult {
  metric: 'mae' | 'auroc';
  higherIsBetter: boolean;
  enecg: MeanStd;
  uniform: MeanStd;
  experts: Record<string, MeanStd>;
  /** Every metric of EnECG (mean and std over folds). */
  enecgMetrics: Record<string, MeanStd>;
  unit?: string;
}

/** The result of an experiment (the `--json` output of `enecg eval` and `enecg demo`). */
export interface ExperimentResult {
  tasks: Record<string, TaskResult>;
  /** Parameters of the EnECG model: trainable (heads' LoRA and output layers, gates) and total. */
  parameters: { trainable: number; total: number };
  folds: number;
  seed: number;
  split: 'kfold' | 'ptb-xl';
  dataset: { name: string; description: string; examples: number; subjects: number };
  experts: string[];
  /** Peak memory: TF.js tensor bytes, and the process's resident set in Node (null elsewhere). */
  memory: { peakTensorBytes: number; peakRssBytes: number | null };
  seconds: number;
}

/**
 * Cross-validates EnECG against its baselines on `dataset`: the same folds, a fresh model and optimizer for each
 * fold and model, the same training budget and early stopping for all, embeddings of the frozen experts computed
 * once and shared. No subject is in two folds.
 */
export async function runExperiment(
  dataset: LabelledDataset,
  options: ExperimentOptions,
): Promise<ExperimentResult> {
  const started = performance.now();
  const seed = options.seed ?? 0;
  const split = options.split ?? 'kfold';
  const splits = foldSplits(dataset.examples, split, options.folds ?? 5, seed);
  const cache = options.cache ?? new FeatureCache();
  const ids = options.backbones.map((b) => b.id);
  const variants: Variant[] = ['enecg', 'uniform', ...ids.map((id) => `expert:${id}` as const)];
  const scores = new Map<Variant, Map<string, Record<string, number>[]>>();
  const memory = { peakTensorBytes: 0, peakRssBytes: null as number | null };
  const sampleMemory = () => {
    memory.peakTensorBytes = Math.max(memory.peakTensorBytes, tf.memory().numBytes);
    const rss = (globalThis as { process?: { memoryUsage?: () => { rss: number } } }).process?.memoryUsage?.()
      .rss;
    if (rss !== undefined) memory.peakRssBytes = Math.max(memory.peakRssBytes ?? 0, rss);
  };
  let parameters = { trainable: 0, total: 0 };
  for (const [f, fold] of splits.entries()) {
    const pick = (indices: number[]) => indices.map((i) => dataset.examples[i]);
    const [train, validation, test] = [pick(fold.train), pick(fold.validation), pick(fold.test)];
    for (const variant of variants) {
      const report = (event: ProgressEvent) => {
        sampleMemory();
        options.onProgress?.({ ...event, fold: f + 1, folds: splits.length, variant });
      };
      const experts = variant.startsWith('expert:') ? [variant.slice('expert:'.length)] : ids;
      const model = EnEcg.create(
        {
          experts,
          tasks: dataset.tasks,
          head: options.head,
          gate: { ...options.gate, kind: variant === 'enecg' ? 'softmax' : 'uniform' },
          seed: seed + f,
        },
        { backbones: options.backbones.filter((b) => experts.includes(b.id)) },
      );
      try {
        await model.fit(train, { ...options.fit, validation, cache, seed: seed + f, onProgress: report });
        const evaluation = await model.evaluate(test, { cache, onProgress: report });
        if (variant === 'enecg' && f === 0) {
          const counts = model.parameterCounts();
          parameters = { trainable: counts.trainable, total: counts.total };
        }
        for (const [task, result] of Object.entries(evaluation.tasks)) {
          const byTask = scores.get(variant) ?? new Map();
          scores.set(variant, byTask);
          byTask.set(task, [
            ...(byTask.get(task) ?? []),
            { ...result.metrics, headline: result.headline.value },
          ]);
        }
      } finally {
        sampleMemory();
        model.dispose();
      }
    }
  }
  const summary = (variant: Variant, task: string, metric = 'headline'): MeanStd => {
    const values = (scores.get(variant)?.get(task) ?? [])
      .map((m) => m[metric])
      .filter((v) => Number.isFinite(v));
    return values.length > 0 ? meanAndStd(values) : { mean: Number.NaN, std: Number.NaN };
  };
  const tasks: Record<string, TaskResult> = {};
  for (const task of dataset.tasks) {
    const metric = task.kind === 'regression' ? 'mae' : 'auroc';
    const metricNames = Object.keys(scores.get('enecg')?.get(task.name)?.[0] ?? {}).filter(
      (m) => m !== 'headline',
    );
    tasks[task.name] = {
      metric,
      higherIsBetter: metric === 'auroc',
      enecg: summary('enecg', task.name),
      uniform: summary('uniform', task.name),
      experts: Object.fromEntries(ids.map((id) => [id, summary(`expert:${id}`, task.name)])),
      enecgMetrics: Object.fromEntries(metricNames.map((m) => [m, summary('enecg', task.name, m)])),
      ...(task.kind === 'regression' && task.unit ? { unit: task.unit } : {}),
    };
  }
  return {
    tasks,
    parameters,
    folds: splits.length,
    seed,
    split,
    dataset: {
      name: dataset.name,
      description: dataset.description,
      examples: dataset.examples.length,
      subjects: new Set(dataset.examples.map((e) => e.subjectId)).size,
    },
    experts: ids,
    memory,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The folds: subject k-fold, or PTB-XL's recommended split (one fold). */
export function foldSplits(
  examples: readonly LabelledEcg[],
  split: 'kfold' | 'ptb-xl',
  folds: number,
  seed: number,
): FoldSplit[] {
  if (split === 'ptb-xl') {
    const missing = examples.find((e) => e.stratFold === undefined);
    if (missing)
      throw new EnEcgConfigError(
        'split',
        `example ${missing.id} has no PTB-XL strat_fold; use the k-fold split`,
      );
    return [ptbXlRecommendedSplit(examples.map((e) => e.stratFold as number))];
  }
  const subjects = new Set(examples.map((e) => e.subjectId)).size;
  if (subjects < folds) {
    throw new EnEcgConfigError(
      'folds',
      `${folds} folds need at least ${folds} subjects, the data has ${subjects}`,
    );
  }
  return subjectKFold(
    examples.map((e) => e.subjectId),
    { folds, seed, validationFraction: 0.15 },
  );
}
