// Task targets of a list of examples as dense arrays: standardised values (regression), one-hot rows
// (classification) or 0/1 rows (multi-label), with a mask that is 0 where the target is unknown (null).
import type { LabelledEcg, TaskSpec } from '../tasks/task.js';
import { outputSize } from './config.js';
import { EnEcgDataError } from './errors.js';

/** Mean and standard deviation of a regression target over the training set (predictions are de-standardised). */
export interface TargetStats {
  mean: number;
  std: number;
}

/** One task's targets for N examples: `values` [N, size] row-major and `mask` [N] (1 = known). */
export interface EncodedTargets {
  values: Float32Array;
  mask: Float32Array;
  size: number;
  /** Number of known targets. */
  known: number;
}

/**
 * Checks one example's target for a task and returns it (null when unknown).
 *
 * @throws EnEcgDataError naming the example, the task and what was expected.
 */
export function readTarget(task: TaskSpec, example: LabelledEcg): number | number[] | null {
  const value = example.targets[task.name];
  if (value === null || value === undefined) return null;
  const fail = (expected: string): never => {
    throw new EnEcgDataError(
      { exampleId: example.id, task: task.name, field: `targets.${task.name}` },
      `expected ${expected}, got ${JSON.stringify(value)}`,
    );
  };
  switch (task.kind) {
    case 'regression':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number or null');
      return value;
    case 'classification':
      if (
        typeof value !== 'number' ||
        !Number.isInteger(value) ||
        value < 0 ||
        value >= task.classes.length
      ) {
        fail(`a class index in 0..${task.classes.length - 1} (${task.classes.join(', ')}) or null`);
      }
      return value;
    case 'multilabel':
      if (
        !Array.isArray(value) ||
        value.length !== task.labels.length ||
        value.some((v) => v !== 0 && v !== 1)
      ) {
        fail(`an array of ${task.labels.length} values 0/1 (${task.labels.join(', ')}) or null`);
      }
      return value;
  }
}

/**
 * Mean and sample standard deviation of a regression task's known training targets (std 1 when they are all
 * equal, so that standardising never divides by zero).
 *
 * @throws EnEcgDataError when no training example has the target.
 */
export function regressionStats(task: TaskSpec, examples: readonly LabelledEcg[]): TargetStats {
  const values = examples.map((e) => readTarget(task, e)).filter((v): v is number => v !== null);
  if (values.length === 0) {
    throw new EnEcgDataError({ task: task.name }, 'no training example has this target (all are null)');
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance =
    values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  const std = Math.sqrt(variance);
  return { mean, std: std > 0 ? std : 1 };
}

/** Encodes one task's targets (regression targets standardised with `stats`). */
export function encodeTargets(
  task: TaskSpec,
  examples: readonly LabelledEcg[],
  stats: TargetStats | undefined,
): EncodedTargets {
  const size = outputSize(task);
  const values = new Float32Array(examples.length * size);
  const mask = new Float32Array(examples.length);
  let known = 0;
  examples.forEach((example, i) => {
    const target = readTarget(task, example);
    if (target === null) return;
    mask[i] = 1;
    known++;
    if (task.kind === 'regression') {
      if (!stats) throw new Error(`no target statistics for regression task ${task.name}`);
      values[i] = ((target as number) - stats.mean) / stats.std;
    } else if (task.kind === 'classification') {
      values[i * size + (target as number)] = 1;
    } else {
      values.set(target as number[], i * size);
    }
  });
  return { values, mask, size, known };
}
