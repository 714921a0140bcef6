// Prediction objects (one per record) from the collected outputs.
import type { TaskSpec } from '../tasks/task.js';
import { argmax } from './evaluate.js';
import type { TaskResults } from './outputs.js';
import type { Prediction, TaskPrediction } from './types.js';

/** The prediction for output row `row`. */
export function predictionAt(
  tasks: readonly TaskSpec[],
  expertIds: readonly string[],
  results: readonly TaskResults[],
  row: number,
): Prediction {
  const prediction: Prediction = { tasks: {} };
  const e = expertIds.length;
  tasks.forEach((task, t) => {
    const { size, gateWeights, experts, mixture } = results[t];
    const values = (array: Float32Array, offset: number) => Array.from(array.subarray(offset, offset + size));
    const gate: Record<string, number> = {};
    const perExpert: TaskPrediction['experts'] = {};
    expertIds.forEach((id, k) => {
      gate[id] = gateWeights[row * e + k];
      perExpert[id] = decide(task, values(experts, (row * e + k) * size));
    });
    prediction.tasks[task.name] = {
      task: task.name,
      kind: task.kind,
      ...decide(task, values(mixture, row * size)),
      ...label(task, decide(task, values(mixture, row * size)).prediction),
      gateWeights: gate,
      experts: perExpert,
    };
  });
  return prediction;
}

function decide(
  task: TaskSpec,
  output: number[],
): { prediction: number | number[]; probabilities?: number[] } {
  if (task.kind === 'regression') return { prediction: output[0] };
  if (task.kind === 'classification') return { prediction: argmax(output), probabilities: output };
  return { prediction: output.map((p) => (p >= 0.5 ? 1 : 0)), probabilities: output };
}

function label(task: TaskSpec, prediction: number | number[]): { label?: string | string[] } {
  if (task.kind === 'classification') return { label: task.classes[prediction as number] };
  if (task.kind === 'multilabel') {
    return { label: task.labels.filter((_, l) => (prediction as number[])[l] === 1) };
  }
  return {};
}
