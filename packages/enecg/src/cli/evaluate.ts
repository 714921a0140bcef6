import type { CliCommand } from './context.js';
import { CliUsageError } from './context.js';
import { loadDataFolder } from './data.js';
import { evaluateAndPrint } from './evaluate-command.js';
import {
  choiceOption,
  helpText,
  integerOption,
  numberOption,
  type OptionSpecs,
  parseOptions,
  TRAINING_OPTIONS,
} from './options.js';

const OPTIONS: OptionSpecs = {
  data: {
    type: 'string',
    help: 'PTB-XL folder (with ptbxl_database.csv) or a folder of annotated WFDB records',
  },
  split: {
    type: 'string',
    help: "'kfold' (default; subject-level) or 'ptb-xl' (train 1-8, validation 9, test 10)",
  },
  folds: { type: 'string', help: 'cross-validation folds (default 5)' },
  'block-minutes': {
    type: 'string',
    help: 'WFDB folders: contiguous blocks of this many minutes count as subjects',
  },
  limit: { type: 'string', help: 'use at most this many examples (quick runs)' },
  ...TRAINING_OPTIONS,
};

/** `enecg eval --data <folder>`: the cross-validated comparison table on real data. */
export const evaluate: CliCommand = async (args, context) => {
  const { values } = parseOptions(args, OPTIONS);
  if (values.help) {
    context.stdout(
      helpText(
        'enecg eval --data <folder> [options]',
        'Cross-validate EnECG and its baselines on real ECGs.',
        OPTIONS,
      ),
    );
    return 0;
  }
  if (typeof values.data !== 'string') throw new CliUsageError('--data <folder> is required');
  const dataset = await loadDataFolder(values.data, context.cwd, {
    blockMinutes:
      values['block-minutes'] === undefined ? undefined : numberOption(values, 'block-minutes', 5),
    limit: values.limit === undefined ? undefined : integerOption(values, 'limit', 1),
    warn: (text) => context.stderr.write(`warning: ${text}\n`),
  });
  const split = choiceOption(values, 'split', ['kfold', 'ptb-xl'] as const, 'kfold');
  return evaluateAndPrint(dataset, values, context, split);
};
