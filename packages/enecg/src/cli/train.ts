import { resolve } from 'node:path';
import { simulatedDataset } from '../data/simulated.js';
import { subjectKFold } from '../eval/folds.js';
import { EnEcg } from '../model/enecg.js';
import { type CliCommand, CliUsageError } from './context.js';
import { loadDataFolder } from './data.js';
import { DEFAULT_EXPERTS, loadExperts, selectBackend } from './experts.js';
import { writeModelFolder } from './model-folder.js';
import {
  choiceOption,
  gateOption,
  helpText,
  integerOption,
  numberOption,
  type OptionSpecs,
  parseOptions,
  TRAINING_OPTIONS,
} from './options.js';
import { trainingProgress } from './report-progress.js';

const OPTIONS: OptionSpecs = {
  out: { type: 'string', help: 'folder to write the trained model to (required)' },
  data: {
    type: 'string',
    help: 'PTB-XL folder or folder of annotated WFDB records (default: simulated ECGs)',
  },
  records: { type: 'string', help: 'simulated records when --data is not given (default 240)' },
  'block-minutes': {
    type: 'string',
    help: 'WFDB folders: contiguous blocks of this many minutes count as subjects',
  },
  ...TRAINING_OPTIONS,
};

/**
 * `enecg train --out <folder>`: trains one EnECG model (15 % of the subjects held out for early stopping) and
 * writes its trained parts (enecg.json, PEFT adapters, gates) to the folder.
 */
export const train: CliCommand = async (args, context) => {
  const { values } = parseOptions(args, OPTIONS);
  if (values.help) {
    context.stdout(
      helpText('enecg train --out <folder> [--data <folder>] [options]', 'Train EnECG and save it.', OPTIONS),
    );
    return 0;
  }
  if (typeof values.out !== 'string') throw new CliUsageError('--out <folder> is required');
  const seed = integerOption(values, 'seed', 0, 0);
  const dataset =
    typeof values.data === 'string'
      ? await loadDataFolder(values.data, context.cwd, {
          blockMinutes:
            values['block-minutes'] === undefined ? undefined : numberOption(values, 'block-minutes', 5),
          warn: (text) => context.stderr.write(`warning: ${text}\n`),
        })
      : simulatedDataset({ count: integerOption(values, 'records', 240, 10), seed: 1 + seed });
  await selectBackend(choiceOption(values, 'backend', ['wasm', 'cpu'] as const, 'wasm'));
  const backbones = await loadExperts(undefined, (text) => context.stderr.write(`warning: ${text}\n`));
  const model = EnEcg.create(
    {
      experts: [...DEFAULT_EXPERTS],
      tasks: dataset.tasks,
      head: { mode: choiceOption(values, 'head', ['lora', 'full'] as const, 'lora') },
      gate: gateOption(values),
      seed,
    },
    { backbones },
  );
  try {
    // Early stopping on a validation set of whole subjects (about 15 %: one fold of a seeded split).
    const subjects = new Set(dataset.examples.map((e) => e.subjectId)).size;
    if (subjects < 2)
      throw new CliUsageError(
        `training needs at least 2 subjects for early stopping, the data has ${subjects}`,
      );
    const [{ train: trainIndices, test: validationIndices }] = subjectKFold(
      dataset.examples.map((e) => e.subjectId),
      { folds: Math.min(7, subjects), seed, validationFraction: 0 },
    );
    const pick = (indices: number[]) => indices.map((i) => dataset.examples[i]);
    context.stderr.write(`${dataset.description}\n`);
    const history = await model.fit(pick(trainIndices), {
      validation: pick(validationIndices),
      epochs: integerOption(values, 'epochs', 20),
      batchSize: integerOption(values, 'batch-size', 32),
      learningRate: numberOption(values, 'learning-rate', 1e-3),
      patience: integerOption(values, 'patience', 5),
      seed,
      onProgress: trainingProgress(context.stderr),
    });
    const evaluation = await model.evaluate(pick(validationIndices));
    const folder = resolve(context.cwd, values.out);
    await writeModelFolder(folder, await model.save());
    const counts = model.parameterCounts();
    const summary = {
      model: folder,
      dataset: dataset.description,
      history,
      validation: evaluation.tasks,
      parameters: counts,
    };
    if (values.json) context.stdout(`${JSON.stringify(summary)}\n`);
    else {
      const scores = Object.entries(evaluation.tasks)
        .map(
          ([task, e]) =>
            `  ${task}: ${e.headline.metric} ${e.headline.value.toFixed(3)} (${e.count} records)`,
        )
        .join('\n');
      context.stdout(
        `saved ${folder}\nbest epoch ${history.bestEpoch} of ${history.epochs.length}, ${history.seconds.toFixed(0)} s\n` +
          `validation:\n${scores}\nparameters: ${counts.trainable.toLocaleString('en-US')} trainable of ${counts.total.toLocaleString('en-US')}\n`,
      );
    }
    return 0;
  } finally {
    model.dispose();
    for (const backbone of backbones) backbone.dispose();
  }
};
