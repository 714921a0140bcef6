/** What a CLI subcommand may touch: its output streams and the working directory. Tests pass fakes. */
export interface CliContext {
  /** Writes to standard output (text is written as is; include newlines). */
  stdout(text: string): void;
  /** Writes to standard error (progress, warnings). */
  stderr(text: string): void;
  /** Directory that relative record paths are resolved against. */
  cwd: string;
}

/** Bad command-line usage: unknown option, missing value. The CLI prints the message and usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** A subcommand: parses its own arguments, writes through the context, resolves to an exit code. */
export type CliCommand = (args: string[], context: CliContext) => Promise<number>;
