import { formatResultsMarkdown } from '../experiment/format-results.js';
import { runExperiment } from '../experiment/run-experiment.js';
import type { LabelledDataset } from '../tasks/task.js';
import type { CliContext } from './context.js';
import { loadExperts, selectBackend } from './experts.js';
import { choiceOption, gateOption, integerOption, numberOption } from './options.js';
import { experimentProgress } from './report-progress.js';

/** Cross-validates EnECG and its baselines on `dataset` and prints the table (or JSON). */
export async function evaluateAndPrint(
  dataset: LabelledDataset,
  values: Record<string, string | boolean | undefined>,
  context: CliContext,
  split: 'kfold' | 'ptb-xl' = 'kfold',
): Promise<number> {
  await selectBackend(choiceOption(values, 'backend', ['wasm', 'cpu'] as const, 'wasm'));
  const backbones = await loadExperts(undefined, (text) => context.stderr.write(`warning: ${text}\n`));
  const folds = split === 'ptb-xl' ? 1 : integerOption(values, 'folds', 5, 2);
  context.stderr.write(`${dataset.description}\n`);
  try {
    const result = await runExperiment(dataset, {
      backbones,
      split,
      folds,
      seed: integerOption(values, 'seed', 0, 0),
      head: { mode: choiceOption(values, 'head', ['lora', 'full'] as const, 'lora') },
      gate: gateOption(values),
      fit: {
        epochs: integerOption(values, 'epochs', 20),
        batchSize: integerOption(values, 'batch-size', 32),
        learningRate: numberOption(values, 'learning-rate', 1e-3),
        patience: integerOption(values, 'patience', 5),
      },
      onProgress: experimentProgress(context.stderr, folds * (backbones.length + 2)),
    });
    if (values.json) context.stdout(`${JSON.stringify(result)}\n`);
    else context.stdout(`${formatResultsMarkdown(result)}\n`);
    return 0;
  } finally {
    for (const backbone of backbones) backbone.dispose();
  }
}
