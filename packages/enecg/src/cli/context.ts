import type { ProgressSink } from './progress.js';

/** What a command may touch: output streams, the working directory. Tests pass fakes. */
export interface CliContext {
  /** Results (tables, JSON). */
  stdout(text: string): void;
  /** Progress and warnings. */
  stderr: ProgressSink;
  cwd: string;
}

/** Bad usage (unknown option, bad value): the message and a pointer to --help, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** A subcommand: parses its arguments, writes through the context, resolves to an exit code. */
export type CliCommand = (args: string[], context: CliContext) => Promise<number>;
