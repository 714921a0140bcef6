import { EcgIoError } from '../errors.js';
import { type CliCommand, type CliContext, CliUsageError } from './context.js';
import { info } from './info.js';
import { rdann } from './rdann.js';
import { rdsamp } from './rdsamp.js';

/** The subcommands, with the one-line summary shown by `ecgio --help`. */
const COMMANDS: Readonly<Record<string, { run: CliCommand; summary: string }>> = {
  rdsamp: { run: rdsamp, summary: 'print the samples of a WFDB record (like WFDB rdsamp)' },
  rdann: { run: rdann, summary: 'print the annotations of a WFDB record (like WFDB rdann)' },
  info: { run: info, summary: 'summarise a record: signals, frequency, duration, patient, comments' },
};

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const list = names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`).join('\n');
  return `usage: ecgio COMMAND [OPTIONS ...]\n\nCommands:\n${list}\n\nRun "ecgio COMMAND --help" for the options of a command.\n`;
}

/**
 * Runs the ecgio command line (`argv` without the program name) and resolves to the exit code: 0 on success,
 * 1 when a file cannot be read (the message names it), 2 for bad usage (unknown command or option).
 * Errors that are neither are bugs and are rethrown.
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout(usage());
    return 0;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    context.stderr(
      `${name === undefined ? 'ecgio: no command given' : `ecgio: unknown command "${name}"`}\n${usage()}`,
    );
    return 2;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliUsageError) {
      context.stderr(`ecgio ${name}: ${error.message}\nRun "ecgio ${name} --help" for usage.\n`);
      return 2;
    }
    if (error instanceof EcgIoError) {
      context.stderr(`ecgio ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
