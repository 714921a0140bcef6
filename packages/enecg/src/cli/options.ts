import { parseArgs } from 'node:util';
import { CliUsageError } from './context.js';

/** Option definitions in node:util parseArgs form, with a help line each. */
export type OptionSpecs = Record<
  string,
  { type: 'string' | 'boolean'; help: string; default?: string | boolean }
>;

/** Options shared by the commands that train. */
export const TRAINING_OPTIONS: OptionSpecs = {
  epochs: { type: 'string', help: 'training epochs per model (default 20)' },
  'batch-size': { type: 'string', help: 'batch size (default 32)' },
  'learning-rate': { type: 'string', help: 'peak learning rate (default 0.001)' },
  patience: { type: 'string', help: 'early-stopping patience in epochs (default 5)' },
  seed: { type: 'string', help: 'seed of folds, initialisation and shuffling (default 0)' },
  head: { type: 'string', help: "'lora' (default: LoRA r 8, alpha 32, dropout 0.05) or 'full'" },
  'gate-rate': {
    type: 'string',
    help: 'sampling rate of the gate input (raw lead II, 10 s), Hz (default 25)',
  },
  backend: { type: 'string', help: "TF.js backend: 'wasm' (default) or 'cpu'" },
  json: { type: 'boolean', help: 'print one JSON object on stdout (progress stays on stderr)' },
  help: { type: 'boolean', help: 'show this help' },
};

/** Parses `args` against `specs`; unknown options and stray arguments are usage errors. */
export function parseOptions(
  args: string[],
  specs: OptionSpecs,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(specs).map(([name, { type }]) => [name, { type }]));
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new CliUsageError((error as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
}

/** The help text of a command. */
export function helpText(usage: string, summary: string, specs: OptionSpecs): string {
  const width = Math.max(...Object.keys(specs).map((n) => n.length)) + 2;
  const lines = Object.entries(specs).map(([name, { help }]) => `  --${name.padEnd(width)} ${help}`);
  return `usage: ${usage}\n\n${summary}\n\nOptions:\n${lines.join('\n')}\n`;
}

/** A positive integer option (or its default). */
export function integerOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min = 1,
): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new CliUsageError(`--${name}: expected an integer >= ${min}, got '${String(text)}'`);
  }
  return value;
}

/** A positive number option (or its default). */
export function numberOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value))
    throw new CliUsageError(`--${name}: expected a number > 0, got '${String(text)}'`);
  return value;
}

/** One of `choices` (or the default). */
export function choiceOption<T extends string>(
  values: Record<string, unknown>,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = values[name];
  if (text === undefined) return fallback;
  if (!choices.includes(text as T)) {
    throw new CliUsageError(`--${name}: expected one of ${choices.join(', ')}, got '${String(text)}'`);
  }
  return text as T;
}

/** The gate settings of the CLI: raw lead II over 10 s at --gate-rate Hz (default 25, see the README). */
export function gateOption(values: Record<string, unknown>): {
  leads: string[];
  sampleRate: number;
  durationS: number;
} {
  return { leads: ['II'], sampleRate: numberOption(values, 'gate-rate', 25), durationS: 10 };
}
