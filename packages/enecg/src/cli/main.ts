import { BackboneError } from '@enecg/backbones';
import { EcgIoError } from '@enecg/ecg-io';
import { EnEcgError } from '../model/errors.js';
import { type CliCommand, type CliContext, CliUsageError } from './context.js';
import { demo } from './demo.js';
import { evaluate } from './evaluate.js';
import { predict } from './predict.js';
import { train } from './train.js';

const COMMANDS: Readonly<Record<string, { run: CliCommand; summary: string }>> = {
  demo: { run: demo, summary: 'train and evaluate EnECG on simulated ECGs (no download)' },
  eval: {
    run: evaluate,
    summary: 'cross-validate EnECG and its baselines on --data (PTB-XL or annotated WFDB)',
  },
  train: { run: train, summary: 'train EnECG and save it (--out)' },
  predict: { run: predict, summary: 'run a trained model on one ECG file (WFDB, EDF, BDF)' },
};

function usage(): string {
  const list = Object.entries(COMMANDS)
    .map(([name, { summary }]) => `  ${name.padEnd(8)} ${summary}`)
    .join('\n');
  return `usage: enecg COMMAND [OPTIONS ...]\n\nCommands:\n${list}\n\nRun "enecg COMMAND --help" for its options.\n`;
}

/**
 * Runs the enecg command line (`argv` without the program name) and resolves to the exit code: 0 on success,
 * 1 when data, a file or a model cannot be used (the message says which and why), 2 for bad usage.
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout(usage());
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    context.stderr.write(
      `${name === undefined ? 'enecg: no command given' : `enecg: unknown command "${name}"`}\n${usage()}`,
    );
    return 2;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliUsageError) {
      context.stderr.write(`enecg ${name}: ${error.message}\nRun "enecg ${name} --help" for usage.\n`);
      return 2;
    }
    if (error instanceof EnEcgError || error instanceof EcgIoError || error instanceof BackboneError) {
      context.stderr.write(`enecg ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
